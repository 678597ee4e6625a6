// Runs every benchmark in bench/ (or the ones named on the command line) with tsx, one after another,
// so each prints its figures on a quiet machine. Benchmarks print figures; they never fail on a goal.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const wanted = process.argv.slice(2);
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', join('bench', `${name}.ts`)],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) failed += 1;
}
if (benches.length === 0) console.log('No benchmark matches', wanted.join(' '));
process.exit(failed === 0 ? 0 : 1);
