import { readFileSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeWav } from '../audio/wav.ts';
import { runCli, tempDir } from './cli-test-support.ts';

const repo = (path: string): string => new URL(`../../${path}`, import.meta.url).pathname;
const RECORD = '<Response>\n  <Record finishOnKey="#" action="/done"/>\n</Response>';
const RULES = JSON.stringify({
  rules: [
    {
      name: 'Done',
      pattern: '/done',
      match: 'exact',
      method: 'POST',
      body: '<Response><Say>You pressed {{Digits}}</Say><Hangup/></Response>',
    },
  ],
});

let dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs) dir.remove();
  dirs = [];
});
function files(contents: Record<string, string | Uint8Array> = {}) {
  const dir = tempDir(contents);
  dirs.push(dir);
  return dir;
}

describe('rcml-sandbox simulate with a scripted caller', () => {
  it('prints the timeline, writes the recording as WAV into --out, exit 0', async () => {
    const dir = files({ 'voice.xml': RECORD, 'rules.json': RULES });
    const out = dir.path('recordings');
    const run = await runCli([
      'simulate',
      dir.path('voice.xml'),
      '--speech',
      '1-2.5',
      '--keys',
      '3:#',
      '--rules',
      dir.path('rules.json'),
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      `#1 POST https://app.example.com/voice.xml (document) → 200 text/xml, the document (${dir.path('voice.xml')})`,
    );
    expect(lines).toContain('     CallStatus  ringing');
    const recording = lines.find((l) => l.startsWith('   recording RE'))!;
    const sid = /recording (RE[0-9a-f]{32}) /.exec(recording)![1]!;
    expect(recording).toBe(
      `   recording ${sid} by finishOnKey, Digits "#": 2.500 s (0.500–3.000 s on the call clock) → ${out}/${sid}.wav`,
    );
    const action = lines.findIndex((l) => l.startsWith('#2 '));
    expect(action).toBeGreaterThan(lines.indexOf(recording));
    expect(lines[action]).toBe(
      '#2 POST https://app.example.com/done (record-action) → 200 text/xml, rule “Done”: "<Response><Say>You pressed #</Say><Hangup/></Response>"',
    );
    expect(lines).toContain('     RecordingDuration  3');
    expect(lines).toContain('     Digits             #');
    expect(lines.at(-2)).toBe('call ended: hangup after 4.200 s');
    const wav = decodeWav(new Uint8Array(readFileSync(`${out}/${sid}.wav`)));
    expect(wav.sampleRateHz).toBe(8000);
    expect(wav.samples.length).toBe(2.5 * 8000);
  });

  it('--json prints the call: requests with what answered them, recordings with their files', async () => {
    const dir = files({ 'voice.xml': RECORD, 'rules.json': RULES });
    const run = await runCli([
      'simulate',
      dir.path('voice.xml'),
      '--speech=1-2',
      '--hangup',
      '2.5',
      '--rules',
      dir.path('rules.json'),
      '--json',
      '--out',
      dir.path('out'),
    ]);
    expect(run.code).toBe(0);
    const call = JSON.parse(run.stdout);
    expect(call).toMatchObject({ endReason: 'caller-hangup', endedInError: false, durationSeconds: 2.5 });
    expect(call.requests).toMatchObject([
      { method: 'POST', purpose: 'document', response: { status: 200, document: true } },
      {
        method: 'POST',
        url: 'https://app.example.com/done',
        params: { Digits: 'hangup', CallStatus: 'completed' },
        response: { status: 200, rule: '“Done”' },
      },
    ]);
    expect(call.recordings).toMatchObject([
      {
        reason: 'hangup',
        digits: 'hangup',
        empty: false,
        startSeconds: 0.5,
        endSeconds: 2.5,
        samplesLength: 16000,
      },
    ]);
    expect(existsSync(call.recordings[0].file)).toBe(true);
    expect(call.recordings[0]).not.toHaveProperty('samples');
  });

  it('reads the document from standard input, and its positions are named -', async () => {
    const run = await runCli(['simulate', '-'], {
      stdin: '<Response>\n<Record timeout="soon"/>\n</Response>',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('   warning 13612 -:2:9 <Record> timeout="soon" is invalid');
    expect(run.stdout).toContain('(document) → 200 text/xml, the document (-)');
  });

  it('exit 1 when the call ends in an error: a 404 (no rule), a document that does not parse', async () => {
    const dir = files({
      'redirect.xml': '<Response><Redirect>/next</Redirect></Response>',
      'rules.json': RULES,
    });
    const notFound = await runCli(['simulate', dir.path('redirect.xml'), '--rules', dir.path('rules.json')]);
    expect(notFound.code).toBe(1);
    expect(notFound.stdout).toContain(
      '#2 POST https://app.example.com/next (redirect) → 404 text/plain, no rule matches',
    );
    expect(notFound.stdout).toContain(
      `   warning 21402 ${dir.path('redirect.xml')}:1:11 URL not found: POST https://app.example.com/next answered 404.`,
    );
    expect(notFound.stdout).toMatch(/call ended: not-found \(an error\) after 0\.000 s\n$/);

    const broken = await runCli(['simulate', '-'], { stdin: '<Response><Frobnicate/></Response>' });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('   error 12200 -:1:11 <Frobnicate> is not an RCML verb');
    expect(broken.stdout).toContain('call ended: document-error (an error)');
  });

  it('--network pcmu --loss 10: the network line before the end, and in --json', async () => {
    const dir = files({ 'voice.xml': RECORD });
    const args = ['simulate', dir.path('voice.xml'), '--speech', '0-2', '--hangup', '4'];
    const network = ['--network', 'pcmu', '--loss', '10', '--network-seed', '3'];
    const run = await runCli([...args, ...network]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('call ended: caller-hangup after 4.000 s');
    expect(lines.at(-2)).toMatch(/^network pcmu: 200 packets sent, \d+ lost, \d+ concealed$/);
    const json = JSON.parse((await runCli([...args, ...network, '--json'])).stdout) as {
      network: { codec: string; packetsSent: number; packetsLost: number };
    };
    expect(json.network).toMatchObject({ codec: 'pcmu', packetsSent: 200 });
    expect(json.network.packetsLost).toBeGreaterThan(5);
    expect(json.network.packetsLost).toBeLessThan(40);
    const direct = await runCli(args);
    expect(direct.stdout).not.toContain('network ');
  });

  it('twilio transcribeCallback: the rule matching the callback gives its transcript', async () => {
    const dir = files({
      'voice.xml':
        '<Response><Record action="/done" maxLength="3" transcribeCallback="/transcribed"/></Response>',
      'rules.json': JSON.stringify([
        { pattern: '/transcribed', match: 'exact', transcript: 'Call me back', body: '' },
        { pattern: '*', body: '<Response><Hangup/></Response>' },
      ]),
    });
    const run = await runCli([
      'simulate',
      dir.path('voice.xml'),
      '--dialect',
      'twilio',
      '--speech',
      '0-5',
      '--rules',
      dir.path('rules.json'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/#3 POST https:\/\/app\.example\.com\/transcribed \(transcription\)/);
    expect(run.stdout).toContain('     TranscriptionText    Call me back');
    expect(run.stdout).toContain('     TranscriptionStatus  completed');
  });

  it('without --rules every request gets the catch-all rule', async () => {
    const run = await runCli(['simulate', '-', '--keys', '1:5'], {
      stdin: '<Response><Gather numDigits="1" action="/menu"/></Response>',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '#2 POST https://app.example.com/menu (gather-action) → 200 text/xml, rule “Catch-all”: "<Response><Hangup/></Response>"',
    );
  });

  it.each([
    [[], 'name the document: rcml-sandbox simulate DOC.xml (see rcml-sandbox simulate --help)'],
    [['a.xml', 'b.xml'], 'one document only, got 2: a.xml b.xml (see rcml-sandbox simulate --help)'],
    [
      ['a.xml', '--keys', '4.5#'],
      '--keys: "4.5#" is not SECONDS:KEY (e.g. 4.5:# or 7:1, separated by commas) (see rcml-sandbox simulate --help)',
    ],
    [
      ['a.xml', '--hangup', 'soon'],
      '--hangup must be a number of seconds ≥ 0, got "soon" (see rcml-sandbox simulate --help)',
    ],
    [
      ['a.xml', '--audio', 'x.wav', '--speech', '0-1'],
      '--speech and --audio cannot be used together: give one caller (see rcml-sandbox simulate --help)',
    ],
    [
      ['a.xml', '--network', 'gsm'],
      '--network must be one of direct, pcmu, pcma, opus, got "gsm" (see rcml-sandbox simulate --help)',
    ],
    [
      ['a.xml', '--network', 'pcmu', '--loss', '50'],
      '--loss must be a percentage from 0 to 30, got "50" (see rcml-sandbox simulate --help)',
    ],
    [['a.xml', '--loss', '5'], '--loss needs --network CODEC (see rcml-sandbox simulate --help)'],
    [
      ['a.xml', '--audio-starts', 'record'],
      '--audio-starts needs --audio FILE (see rcml-sandbox simulate --help)',
    ],
    [
      ['a.xml', '--audio', 'x.wav', '--audio-starts', 'later'],
      '--audio-starts must be call or record, got "later" (see rcml-sandbox simulate --help)',
    ],
    [
      ['a.xml', '--document-url', 'voice.xml'],
      '--document-url must be an absolute http(s) URL, got "voice.xml" (see rcml-sandbox simulate --help)',
    ],
  ])('usage error %j: one line, exit 2', async (args, message) => {
    expect(await runCli(['simulate', ...args])).toEqual({
      code: 2,
      stdout: '',
      stderr: `rcml-sandbox simulate: ${message}\n`,
    });
  });

  it('an input that cannot be read is named, exit 2: the document, the rules, the audio', async () => {
    const dir = files({
      'voice.xml': RECORD,
      'rules.json': '[{"pattern": ',
      'caller.wav': 'not audio at all, just text',
    });
    const missing = await runCli(['simulate', dir.path('nope.xml')]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(
      `rcml-sandbox simulate: cannot read the document ${dir.path('nope.xml')}: no such file (looked for ${dir.path('nope.xml')})\n`,
    );
    const rules = await runCli(['simulate', dir.path('voice.xml'), '--rules', dir.path('rules.json')]);
    expect(rules.code).toBe(2);
    expect(rules.stderr).toMatch(
      new RegExp(`^rcml-sandbox simulate: ${dir.path('rules.json')} is not JSON: .+\n$`),
    );
    const audio = await runCli(['simulate', dir.path('voice.xml'), '--audio', dir.path('caller.wav')]);
    expect(audio).toEqual({
      code: 2,
      stdout: '',
      stderr: `rcml-sandbox simulate: Caller audio ${JSON.stringify(dir.path('caller.wav'))}: this is text, not a WAV file (it starts "not audio at all, just t")\n`,
    });
  });
});

describe('rcml-sandbox simulate --audio', () => {
  it('hears the WAV (progress on a terminal), its in-band # ends the Record', async () => {
    const dir = files({ 'voice.xml': RECORD });
    const run = await runCli(
      ['simulate', dir.path('voice.xml'), '--audio', repo('public/callers/voicemail-pound.wav')],
      {
        stderrIsTTY: true,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      / {3}recording RE[0-9a-f]{32} by finishOnKey, Digits "#": 4\.\d{3} s \(0\.500–4\.6\d\d s on the call clock\)\n/,
    );
    expect(run.stdout).toContain('#2 POST https://app.example.com/done (record-action)');
    expect(run.stderr).toContain(
      '\r\x1b[Khearing voicemail-pound.wav (WAV, 16-bit PCM, 8000 Hz, mono, 7.8 s)… 0%',
    );
    expect(run.stderr).toContain('… 50%');
    expect(run.stderr).toContain('… 100%');
    // The progress line is erased before the timeline is printed.
    expect(run.stderr.endsWith('\r\x1b[K')).toBe(true);

    const quiet = await runCli([
      'simulate',
      dir.path('voice.xml'),
      '--audio',
      repo('public/callers/voicemail-pound.wav'),
    ]);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(run.stdout);
  }, 180_000);
});
