import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const pureLayerImports = {
  patterns: [
    {
      group: ['**/browser', '**/browser/**', '**/ui', '**/ui/**'],
      message: 'rcml/, engine/ and audio/ are pure: no imports from browser/ or ui/ (DESIGN.md, layers).',
    },
    {
      group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'msw', 'msw/*', '@ricky0123/vad-web'],
      message: 'rcml/, engine/ and audio/ are pure: no React, msw or vad-web (DESIGN.md, layers).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/rcml/**/*.ts', 'src/engine/**/*.ts', 'src/audio/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', pureLayerImports],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'The pure layers count samples; they never read a clock.' },
        { name: 'setInterval', message: 'The pure layers count samples; they never read a clock.' },
        { name: 'performance', message: 'The pure layers count samples; they never read a clock.' },
        { name: 'window', message: 'The pure layers run in Node too.' },
        { name: 'document', message: 'The pure layers run in Node too.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The pure layers count samples; they never read a clock.' },
      ],
    },
  },
  {
    files: ['src/**/*.test.ts', 'bench/**', 'scripts/**', 'e2e/**'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },
);
