import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIST_DIR } from './cli-serve.ts';
import { main } from './cli.ts';
import { fakeIo, runCli, tempDir } from './cli-test-support.ts';

let dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs) dir.remove();
  dirs = [];
});

describe('rcml-sandbox serve (in-process)', () => {
  it('serves the build until told to stop, with the live origins it was given, then closes', async () => {
    const dist = tempDir({ 'index.html': '<!doctype html><html><head><title>Built</title></head></html>' });
    dirs.push(dist);
    let stop = (): void => undefined;
    const io = fakeIo({ untilStopped: () => new Promise<void>((resolve) => (stop = resolve)) });
    const running = main(
      [
        'serve',
        '--port',
        '0',
        '--dist',
        dist.dir,
        '--live',
        'http://127.0.0.1:3000/',
        '--timeout-ms',
        '5000',
      ],
      io,
    );
    let url: string | undefined;
    for (let i = 0; i < 500 && url === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      url = /http:\/\/127\.0\.0\.1:\d+\//.exec(io.out.join(''))?.[0];
    }
    expect(url).toBeDefined();
    expect(await (await fetch(url!)).text()).toContain('<title>Built</title>');
    stop();
    expect(await running).toBe(0);
    expect(io.out.join('')).toBe(
      `rcml-sandbox serving ${url}\nlive origins: http://127.0.0.1:3000\nCtrl-C stops it.\nstopped\n`,
    );
    await expect(fetch(url!)).rejects.toThrow();
  });

  it('takes its defaults from RCML_SANDBOX_* and lets the options win', async () => {
    const dist = tempDir({ 'index.html': '<html><head></head></html>' });
    dirs.push(dist);
    const env = { RCML_SANDBOX_LIVE: 'http://127.0.0.1:4000', RCML_SANDBOX_ALLOW_REMOTE: '1' };
    const fromEnv = await runCli(['serve', '--port', '0', '--dist', dist.dir], { env });
    expect(fromEnv.stdout).toContain('live origins: http://127.0.0.1:4000 (remote allowed)\n');
    const fromFlags = await runCli(
      ['serve', '--port', '0', '--dist', dist.dir, '--live', 'http://localhost:5000'],
      { env },
    );
    expect(fromFlags.stdout).toContain('live origins: http://localhost:5000 (remote allowed)\n');
    const none = await runCli(['serve', '--port', '0', '--dist', dist.dir]);
    expect(none.stdout).toContain('no live origins: every request is answered by the mock rules\n');
  });

  it.each([
    [
      ['--live', 'localhost:3000'],
      '--live: live origin "localhost:3000" is not http or https (write it as http://localhost:3000)',
    ],
    [
      ['--live', 'http://127.0.0.1:3000/app'],
      '--live: live origin "http://127.0.0.1:3000/app" has a path, query or fragment; give the origin alone (http://127.0.0.1:3000)',
    ],
    [['--port', 'http'], '--port must be a whole number from 0 to 65535, got "http"'],
    [['--timeout-ms', '0'], '--timeout-ms must be a whole number from 1 to 3600000, got "0"'],
    [['dist'], 'serve takes no operands, got dist'],
  ])('usage error %j: one line, exit 2', async (args, message) => {
    expect(await runCli(['serve', ...args])).toEqual({
      code: 2,
      stdout: '',
      stderr: `rcml-sandbox serve: ${message} (see rcml-sandbox serve --help)\n`,
    });
  });

  it('without a build in the package says how to make one or name one', async () => {
    const run = await runCli(['serve', '--port', '0']);
    // After npm run build the package has one: then it serves it (and stops at once here).
    if (existsSync(`${DEFAULT_DIST_DIR}/index.html`)) {
      expect(run.code).toBe(0);
    } else {
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: `rcml-sandbox serve: no production build at ${DEFAULT_DIST_DIR} (no index.html there): run npm run build, or give one with --dist DIR\n`,
      });
    }
  });
});
