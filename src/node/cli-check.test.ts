import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from './cli-check.ts';
import { runCli, tempDir } from './cli-test-support.ts';

const GOOD = '<Response><Record action="/done" maxLength="10"/></Response>';
const WARNS = '<Response>\n  <Record timeout="soon" action="/done"/>\n</Response>';
const BAD = '<Response>\n  <Record action="/done"/>\n  <Dial>+15550100</Dial>\n  <Frobnicate/>\n</Response>';

let dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs) dir.remove();
  dirs = [];
});
function files(contents: Record<string, string>) {
  const dir = tempDir(contents);
  dirs.push(dir);
  return dir;
}

describe('rcml-sandbox check', () => {
  it('prints nothing and exits 0 for a clean document', async () => {
    const dir = files({ 'good.xml': GOOD });
    expect(await runCli(['check', dir.path('good.xml')])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints file:line:column: severity code message; warnings alone exit 0', async () => {
    const dir = files({ 'warns.xml': WARNS });
    const run = await runCli(['check', dir.path('warns.xml')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${dir.path('warns.xml')}:2:11: warning 13612 <Record> timeout="soon" is invalid (expected an integer of at least 1); using 5\n`,
    );
  });

  it('an error in any document exits 1; every file is reported, in order', async () => {
    const dir = files({ 'good.xml': GOOD, 'bad.xml': BAD });
    const run = await runCli(['check', dir.path('bad.xml'), dir.path('good.xml')]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${dir.path('bad.xml')}:3:3: warning 12300 `));
    expect(lines[1]).toMatch(
      new RegExp(`^${dir.path('bad.xml')}:4:3: error 12200 <Frobnicate> is not an RCML verb`),
    );
  });

  it('--dialect changes the verdict: restcomm-connect skips an unknown verb with a warning', async () => {
    const dir = files({ 'bad.xml': BAD });
    const run = await runCli(['check', '--dialect', 'restcomm-connect', dir.path('bad.xml')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/:4:3: warning 12200 /);
  });

  it('reads standard input for -, named - in the output', async () => {
    const run = await runCli(['check', '-'], { stdin: '<Response><Frobnicate/></Response>' });
    expect(run).toEqual({
      code: 1,
      stdout: '-:1:11: error 12200 <Frobnicate> is not an RCML verb\n',
      stderr: '',
    });
  });

  it('--json prints [{ file, diagnostics }] for every file', async () => {
    const dir = files({ 'good.xml': GOOD, 'warns.xml': WARNS });
    const run = await runCli(['check', '--json', dir.path('good.xml'), dir.path('warns.xml')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { file: dir.path('good.xml'), diagnostics: [] },
      {
        file: dir.path('warns.xml'),
        diagnostics: [{ severity: 'warning', code: 13612, message: expect.any(String), line: 2, column: 11 }],
      },
    ]);
  });

  it('a file that cannot be read is named on stderr, the others still checked, exit 2', async () => {
    const dir = files({ 'bad.xml': BAD });
    const run = await runCli(['check', dir.path('missing.xml'), dir.path('bad.xml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `rcml-sandbox check: cannot read the file ${dir.path('missing.xml')}: no such file (looked for ${dir.path('missing.xml')})\n`,
    );
    expect(run.stdout).toContain('error 12200');
  });

  it('needs a file', async () => {
    expect(await runCli(['check'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'rcml-sandbox check: name at least one FILE (or - for standard input) (see rcml-sandbox check --help)\n',
    });
  });

  it('keeps each diagnostic on one line', () => {
    expect(
      formatDiagnostic('a.xml', {
        severity: 'error',
        code: 12100,
        message: 'bad\n  here',
        line: 1,
        column: 2,
      }),
    ).toBe('a.xml:1:2: error 12100 bad here');
  });
});
