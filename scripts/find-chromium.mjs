// Finds a Chromium for the end-to-end tests, in this order:
//   1. PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH
//   2. Playwright's own Chromium, if one was installed
//   3. /usr/bin/chromium (Debian's package)
// If none is found and we run as root on a machine with apt-get, Debian's `chromium` is installed.
// Otherwise it stops with a message that says what to install. It never downloads a browser build.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';

function playwrightChromium() {
  try {
    const { chromium } = execFileSync(
      process.execPath,
      [
        '-e',
        "import('@playwright/test').then(m => console.log(JSON.stringify({ chromium: m.chromium.executablePath() })))",
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))[0];
    return chromium && existsSync(chromium) ? chromium : null;
  } catch {
    return null;
  }
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export function findChromium({ install = true, log = console.error } = {}) {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH is set to ${fromEnv}, which does not exist.`);
  }
  const own = playwrightChromium();
  if (own) return own;
  const debian = '/usr/bin/chromium';
  if (existsSync(debian)) return debian;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot && hasCommand('apt-get')) {
    log('No Chromium found: installing Debian\'s "chromium" package with apt-get…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', 'chromium'],
    ]) {
      const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}).`);
    }
    if (existsSync(debian)) return debian;
  }
  throw new Error(
    'No Chromium for the end-to-end tests. Install one of:\n' +
      '  - Debian/Ubuntu: sudo apt-get install chromium   (gives /usr/bin/chromium)\n' +
      '  - any Chromium or Chrome, then set PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH=/path/to/it\n' +
      "  - Playwright's own build: npx playwright install chromium",
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(findChromium());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
