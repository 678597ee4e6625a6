// Tests the package as a user gets it: packs the repository (prepack builds lib/ and dist/), checks what
// the tarball holds, installs it into a copy of examples/playwright-user in the temp directory (outside
// the repository, so nothing resolves from the repository's own node_modules), and there
//   1. imports both entry points in plain Node ESM and runs a call with simulateCall,
//   2. type-checks a consumer of both entry points with tsc,
//   3. runs the example project's Playwright tests, timed.
// The temp copy keeps its node_modules between runs (npm then only replaces the tarball).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';
import { packedFileProblems, runtimeImports } from './pack-check.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = join(root, 'examples', 'playwright-user');
const work = join(tmpdir(), 'rcml-record-sandbox-playwright-user');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function fail(message) {
  console.error(`test:package: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0)
    fail(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
  return result;
}

let chromium;
try {
  chromium = findChromium();
} catch (error) {
  fail(error.message);
}

// 1. Pack.
const packDir = join(tmpdir(), 'rcml-record-sandbox-pack');
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir, { recursive: true });
console.log('test:package: npm pack (builds lib/ and dist/)…');
const packed = spawnSync(npm, ['pack', '--json', '--pack-destination', packDir], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (packed.status !== 0) fail(`npm pack failed (exit ${packed.status})`);
// The build scripts print to stdout too: the JSON is the last thing npm prints.
const [info] = JSON.parse(packed.stdout.slice(packed.stdout.lastIndexOf('\n[') + 1));
const tarball = join(packDir, info.filename);
console.log(
  `test:package: ${info.filename}: ${(info.size / 1e6).toFixed(2)} MB packed, ${(info.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${info.entryCount} files`,
);
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { problems, warnings } = packedFileProblems(
  info.files.map((file) => file.path),
  packageJson,
  (path) => existsSync(join(root, path)),
);
for (const warning of warnings) console.warn(`test:package: warning: ${warning}`);
if (problems.length > 0) fail(`the tarball is not right:\n  ${problems.join('\n  ')}`);

// 2. Install into a copy of the example project outside the repository.
mkdirSync(work, { recursive: true });
cpSync(example, work, {
  recursive: true,
  filter: (source) => !/[\\/](node_modules|test-results|playwright-report)([\\/]|$)|\.tgz$/.test(source),
});
cpSync(tarball, join(work, 'rcml-record-sandbox.tgz'));
rmSync(join(work, 'node_modules', 'rcml-record-sandbox'), { recursive: true, force: true });
console.log(`test:package: npm install in ${work}…`);
run(npm, ['install', '--no-package-lock', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: work });

const installed = join(work, 'node_modules', 'rcml-record-sandbox');
if (!existsSync(join(installed, 'dist', 'index.html'))) fail('the installed package has no dist/index.html');
const { imports, undeclared } = runtimeImports(installed);
console.log(`test:package: lib/ and bin/ import at run time: ${[...imports.keys()].sort().join(', ')}`);
if (undeclared.length > 0) {
  fail(
    `imported at run time but not declared in package.json: ${undeclared
      .map((name) => `${name} (by ${imports.get(name).slice(0, 3).join(', ')})`)
      .join('; ')}`,
  );
}

// 3. Plain Node ESM: no tsx, no bundler.
console.log('test:package: plain Node ESM import of both entry points…');
const smoke = `
const m = await import('rcml-record-sandbox');
const { diagnostics, document } = m.parseRcml('<Response><Record action="/voicemail" finishOnKey="#"/></Response>');
if (diagnostics.length > 0 || document?.verbs[0]?.kind !== 'Record') throw new Error('parseRcml: ' + JSON.stringify(diagnostics));
const call = await m.simulateCall({
  rcml: '<Response><Record action="/voicemail" finishOnKey="#"/></Response>',
  input: { speech: [[1, 3]], keys: [[4, '#']] },
});
const action = call.requests[1];
if (action?.params.Digits !== '#' || call.recordings[0]?.reason !== 'finishOnKey') throw new Error('simulateCall: ' + JSON.stringify(call.requests));
if (m.BEEP_SECONDS !== 0.5 || !m.PROFILES.twilio) throw new Error('BEEP_SECONDS or PROFILES missing');
const kit = await import('rcml-record-sandbox/playwright');
if (typeof kit.test?.extend !== 'function' || typeof kit.expect !== 'function') throw new Error('the kit has no test or expect');
if (!kit.sandboxChromiumArgs().includes('--use-fake-device-for-media-stream')) throw new Error('sandboxChromiumArgs');
console.log('plain Node ESM: simulateCall ended (' + call.endReason + ') with Digits=' + action.params.Digits + ', a ' + call.recordings[0].durationSeconds + ' s recording; the kit loads');
`;
run(process.execPath, ['--input-type=module', '-e', smoke], { cwd: work });

// 4. A consumer's type check.
console.log('test:package: tsc --noEmit of a consumer of both entry points…');
run(process.execPath, [join(work, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
  cwd: work,
});

// 5. Tests exported from finished calls by the app (e2e/export.spec.ts wrote them, when it ran first):
//    the simulateCall one runs with node --test, the Playwright one joins the example project's tests.
const exportedDir = join(root, 'test-results', 'exported');
rmSync(join(work, 'tests', 'exported.spec.ts'), { force: true });
if (existsSync(join(exportedDir, 'exported-simulate.test.mjs'))) {
  cpSync(join(exportedDir, 'exported-simulate.test.mjs'), join(work, 'exported-simulate.test.mjs'));
  console.log('test:package: the simulateCall test exported from a finished call, with node --test…');
  run(process.execPath, ['--test', 'exported-simulate.test.mjs'], { cwd: work });
} else {
  console.warn(
    'test:package: no simulateCall test exported by e2e/export.spec.ts to run (run npm run e2e first)',
  );
}
if (existsSync(join(exportedDir, 'exported.spec.ts'))) {
  cpSync(join(exportedDir, 'exported.spec.ts'), join(work, 'tests', 'exported.spec.ts'));
  cpSync(join(exportedDir, 'fixtures'), join(work, 'fixtures'), { recursive: true });
  console.log('test:package: the Playwright test exported from a finished call runs with the others');
} else {
  console.warn(
    'test:package: no Playwright test exported by e2e/export.spec.ts to run (run npm run e2e first)',
  );
}

// 6. The example project's own Playwright tests.
console.log(`test:package: the example project's Playwright tests (Chromium: ${chromium})…`);
const startedAt = process.hrtime.bigint();
run(process.execPath, [join(work, 'node_modules', '@playwright', 'test', 'cli.js'), 'test'], {
  cwd: work,
  env: { ...process.env, PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: chromium },
});
const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
console.log(`test:package: the example project's tests passed in ${seconds.toFixed(1)} s`);
