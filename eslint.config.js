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
  { ignores: ['dist', 'lib', 'node_modules', 'public', 'test-results', 'playwright-report', 'examples/*/node_modules'] },
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
        ...['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'performance', 'Date'].map(
          (name) => ({
            name,
            message: 'The pure layers count samples; they never read a clock or schedule work.',
          }),
        ),
        ...['window', 'document', 'navigator', 'globalThis', 'self', 'process', 'crypto', 'fetch'].map(
          (name) => ({
            name,
            message:
              'The pure layers run unchanged in Node and the browser: no runtime APIs (DESIGN.md, layers).',
          }),
        ),
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'The pure layers are deterministic: take a seeded source.',
        },
      ],
    },
  },
  {
    files: ['src/browser/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui', '**/ui/**', '**/node', '**/node/**', 'node:*'],
              message: 'browser/ is I/O for the page: no ui/ or Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/browser', '**/browser/**', '**/ui', '**/ui/**'],
              message: 'node/ is Node I/O: no browser/ or ui/.',
            },
            { group: ['react', 'react-dom', 'msw', 'msw/*'], message: 'node/ is Node I/O: no React or msw.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/node', '**/node/**', 'node:*'], message: 'ui/ renders in the page: no Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.test.ts', 'bench/**', 'scripts/**', 'e2e/**'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },
);
