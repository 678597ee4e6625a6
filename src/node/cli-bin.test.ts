/// <reference types="node" />
// The real command, spawned as a user runs it from a checkout: node bin/rcml-sandbox.js (through tsx
// when there is no build).
import { execFile, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './cli-test-support.ts';

const BIN = new URL('../../bin/rcml-sandbox.js', import.meta.url).pathname;
const SPAWN_TEST_MS = 120_000;

function runBin(
  args: string[],
  cwd: string,
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

let dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs) dir.remove();
  dirs = [];
});

describe('bin/rcml-sandbox.js', () => {
  it(
    'check: diagnostics of files (relative to the working directory) and of stdin, exit 1 on an error',
    async () => {
      const dir = tempDir({
        'voice.xml': '<Response>\n  <Record timeout="0"/>\n  <Frobnicate/>\n</Response>',
      });
      dirs.push(dir);
      const run = await runBin(['check', 'voice.xml'], dir.dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(run.stdout.split('\n')).toEqual([
        expect.stringMatching(/^voice\.xml:2:3: warning 19001 /),
        expect.stringMatching(/^voice\.xml:2:11: warning 13612 <Record> timeout="0" is invalid/),
        'voice.xml:3:3: error 12200 <Frobnicate> is not an RCML verb',
        '',
      ]);
      const clean = await runBin(['check', '-'], dir.dir, '<Response><Hangup/></Response>');
      expect(clean).toEqual({ code: 0, stdout: '', stderr: '' });
    },
    SPAWN_TEST_MS,
  );

  it(
    'simulate: the timeline on stdout, the recording in --out, exit 0',
    async () => {
      const dir = tempDir({ 'voice.xml': '<Response><Record finishOnKey="#" action="/done"/></Response>' });
      dirs.push(dir);
      const run = await runBin(
        ['simulate', 'voice.xml', '--speech', '1-2', '--keys', '2.5:#', '--out', 'rec'],
        dir.dir,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const sid =
        /recording (RE[0-9a-f]{32}) by finishOnKey, Digits "#": 2\.000 s \(0\.500–2\.500 s on the call clock\) → rec\/\1\.wav/.exec(
          run.stdout,
        )?.[1];
      expect(sid).toBeDefined();
      expect(run.stdout).toContain('#2 POST https://app.example.com/done (record-action) → 200 text/xml');
      expect(run.stdout).toMatch(/call ended: hangup after 2\.500 s\n$/);
      const usage = await runBin(['simulate', 'voice.xml', '--keys', 'soon'], dir.dir);
      expect(usage.code).toBe(2);
      expect(usage.stderr.split('\n')).toHaveLength(2);
    },
    SPAWN_TEST_MS,
  );

  it(
    'serve: prints its URL, serves the build and the health check, and closes on SIGTERM',
    async () => {
      const dist = tempDir({
        'index.html': '<!doctype html><html><head><title>Sandbox</title></head><body></body></html>',
      });
      dirs.push(dist);
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--dist', dist.dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
            if (found) resolve(found[0]);
          });
          void exited.then((code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
        });
        const page = await fetch(url);
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).toContain('<title>Sandbox</title>');
        expect(html).toContain('<meta name="rcml-sandbox-server"');
        const health = await fetch(new URL('/__sandbox/health', url));
        expect(await health.json()).toEqual({ ok: true, version: 1 });
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(stdout).toContain('stopped\n');
        await expect(fetch(url)).rejects.toThrow();
      } finally {
        child.kill('SIGKILL');
      }
    },
    SPAWN_TEST_MS,
  );

  it(
    'serve: a clear message and exit 1 when there is no build',
    async () => {
      const empty = tempDir();
      dirs.push(empty);
      const run = await runBin(['serve', '--port', '0', '--dist', empty.dir], empty.dir);
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: `rcml-sandbox serve: no production build at ${empty.dir} (no index.html there): run npm run build\n`,
      });
    },
    SPAWN_TEST_MS,
  );
});
