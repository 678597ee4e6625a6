// Checks a packed rcml-record-sandbox as users get it: the files the tarball holds (what must be there,
// what must not), and that every package lib/ and bin/ import at run time is one the package declares.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const MUST_HAVE = [
  'package.json',
  'README.md',
  'lib/index.js',
  'lib/index.d.ts',
  'lib/playwright/index.js',
  'lib/playwright/index.d.ts',
  'lib/node/serve.js',
  'dist/index.html',
  'dist/mockServiceWorker.js',
  'dist/vad/silero_vad_v5.onnx',
  'dist/vad/ort-wasm-simd-threaded.wasm',
  'dist/callers/voicemail.wav',
];
const MUST_NOT_HAVE = [
  { pattern: /(^|\/)[^/]*\.test\.[cm]?[jt]sx?$/, what: 'a unit test' },
  { pattern: /^src\//, what: 'a source file (lib/ holds the build)' },
  { pattern: /corpus/, what: 'the parser corpus' },
  { pattern: /^e2e\//, what: 'an end-to-end test or fixture' },
  { pattern: /\.map$/, what: 'a source map' },
  { pattern: /^examples\//, what: 'an example project' },
];

/**
 * Problems with the list of files in the tarball (paths relative to the package root), and warnings:
 * a `bin` file the repository does not have yet is a warning, one it has but the tarball lacks a problem.
 */
export function packedFileProblems(paths, packageJson, repositoryHas = () => true) {
  const have = new Set(paths);
  const problems = [];
  const warnings = [];
  for (const path of MUST_HAVE) if (!have.has(path)) problems.push(`missing ${path}`);
  for (const path of Object.values(packageJson.bin ?? {})) {
    const bare = path.replace(/^\.\//, '');
    if (have.has(bare)) continue;
    if (repositoryHas(bare)) problems.push(`missing ${bare} (package.json "bin")`);
    else warnings.push(`${bare} (package.json "bin") is not in the repository yet, so not in the tarball`);
  }
  for (const path of paths) {
    const rule = MUST_NOT_HAVE.find(({ pattern }) => pattern.test(path));
    if (rule) problems.push(`${path} is ${rule.what}: it should not be packed`);
  }
  return { problems, warnings };
}

function* scriptFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* scriptFiles(path);
    else if (/\.[cm]?js$/.test(entry.name)) yield path;
  }
}

/** The package a bare specifier names: `@scope/name/sub.js` → `@scope/name`. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Every package that lib/ and bin/ of the installed package at `packageDir` import at run time (static
 * imports and exports, and dynamic imports of string literals), with the files that import it; and the
 * ones among them package.json does not declare in dependencies, peerDependencies or optionalDependencies.
 */
export function runtimeImports(packageDir) {
  const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const declared = new Set(
    ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
      Object.keys(packageJson[field] ?? {}),
    ),
  );
  const builtins = new Set(builtinModules);
  const imports = new Map();
  for (const dir of ['lib', 'bin']) {
    for (const file of scriptFiles(join(packageDir, dir))) {
      const source = readFileSync(file, 'utf8');
      const found = [
        ...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm),
        ...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
        ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
      ].map((match) => match[1]);
      for (const specifier of found) {
        if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
        const name = packageOf(specifier);
        imports.set(name, [...(imports.get(name) ?? []), relative(packageDir, file)]);
      }
    }
  }
  const undeclared = [...imports.keys()].filter((name) => !declared.has(name));
  return { imports, undeclared, declared: [...declared] };
}
