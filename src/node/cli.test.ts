import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { USAGE } from './cli.ts';
import { runCli } from './cli-test-support.ts';

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('rcml-sandbox', () => {
  it('--help prints the usage with every command and the exit statuses', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const run = await runCli([flag]);
      expect(run).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    }
    expect(USAGE).toMatch(/check FILE…\|-[\s\S]*simulate DOC\.xml[\s\S]*serve[\s\S]*Exit status: 0/);
  });

  it('--version prints the package version', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `rcml-sandbox ${version}\n`, stderr: '' });
    expect((await runCli(['-v'])).stdout).toBe(`rcml-sandbox ${version}\n`);
  });

  it('without a command prints the usage to stderr, exit 2', async () => {
    expect(await runCli([])).toEqual({ code: 2, stdout: '', stderr: USAGE });
  });

  it('an unknown command or option is one line, exit 2', async () => {
    expect(await runCli(['simulat'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'rcml-sandbox: unknown command "simulat" (commands: check, simulate, serve; see rcml-sandbox --help)\n',
    });
    expect((await runCli(['--verbose'])).stderr).toBe(
      'rcml-sandbox: unknown option --verbose (commands: check, simulate, serve; see rcml-sandbox --help)\n',
    );
  });

  it('every command has --help, on stdout, exit 0', async () => {
    for (const command of ['check', 'simulate', 'serve']) {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: rcml-sandbox ${command} `));
      expect(run.stdout).toContain('Exit status:');
      expect(run.stderr).toBe('');
    }
  });

  it('a bad option of a command is one line naming the command, exit 2', async () => {
    const run = await runCli(['check', '--dialect', 'asterisk', 'a.xml']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'rcml-sandbox check: --dialect must be one of restcomm, restcomm-connect, twilio, got "asterisk" (see rcml-sandbox check --help)\n',
    });
  });
});
