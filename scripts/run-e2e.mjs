// Runs the end-to-end tests: finds a Chromium, builds the app for production, then runs Playwright,
// which serves the build with `vite preview` on a fixed port (playwright.config.ts).
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

let chromium;
try {
  chromium = findChromium();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
console.log(`Chromium for the end-to-end tests: ${chromium}`);

const run = (args, env = process.env) => {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(['node_modules/vite/bin/vite.js', 'build']);
run(['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)], {
  ...process.env,
  PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: chromium,
});
