// Builds the package's library: src/index.ts (the main entry), src/playwright/ (the kit) and src/node/
// (what the kit and the rcml-sandbox command run) to JavaScript and declarations in lib/, with tsc
// (tsconfig.lib.json). lib/ is emptied first so no file of an earlier build is packed.
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../lib', import.meta.url), { recursive: true, force: true });
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.lib.json'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('build:lib: tsc -p tsconfig.lib.json failed (see above)');
  process.exit(result.status ?? 1);
}
