/**
 * A finished call as a test that reproduces it: a Playwright test with the kit (`rcml-record-sandbox/
 * playwright`), or, for a call without an audio file, a `simulateCall` test that runs in Node (`node
 * --test`), with the speech the voice detector heard as scripted intervals. Pure: no browser APIs.
 */
import type { MockRule } from '../engine/mock-rules.ts';
import type { CallSettings } from './settings.ts';

export interface FinishedCall {
  rcml: string;
  rules: readonly MockRule[];
  settings: CallSettings;
  /** The caller: the microphone, or a file (its name, and when it started). */
  caller: { kind: 'microphone' } | { kind: 'file'; name: string; starts: 'call' | 'record' };
  /** Keys pressed on the keypad (not in-band), at their call-clock seconds. */
  keys: { key: string; atSeconds: number }[];
  /** Where the voice detector heard speech, in call-clock seconds. */
  speech: [number, number][];
  requests: {
    purpose: string;
    method: string;
    url: string;
    params: Record<string, string>;
    status: number | null;
  }[];
  recordings: { reason: string; digits: string; durationSeconds: number; empty: boolean }[];
  /** What the phone said at the end ("the RCML hung up (<Hangup>)"). */
  ended: string | null;
}

const js = (value: unknown): string => JSON.stringify(value);

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** The settings a test needs (device ids never leave the machine). */
function testSettings(settings: CallSettings): Record<string, unknown> {
  const { microphone: _microphone, camera: _camera, caller: _caller, ...rest } = settings;
  return rest;
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}

function requestAssertions(call: FinishedCall, variable: string): string[] {
  const lines = [
    `expect(${variable}.map((r) => \`\${r.method} \${r.url.split('?')[0]}\`)).toEqual(${js(
      call.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`),
    )});`,
  ];
  call.requests.forEach((request, index) => {
    if (request.purpose === 'record-action' || request.purpose === 'gather-action') {
      lines.push(`expect(${variable}[${index}]!.params.Digits).toBe(${js(request.params.Digits ?? '')});`);
    }
  });
  return lines;
}

function recordingAssertions(call: FinishedCall, variable: string): string[] {
  const lines = [
    `expect(${variable}.map((r) => [r.reason, r.digits])).toEqual(${js(call.recordings.map((r) => [r.reason, r.digits]))});`,
  ];
  call.recordings.forEach((recording, index) => {
    if (recording.empty) return;
    // Speech and timing vary a little from run to run: within a second.
    lines.push(
      `expect(Math.abs(${variable}[${index}]!.durationSeconds - ${round(recording.durationSeconds)})).toBeLessThan(1);`,
    );
  });
  return lines;
}

/** The rules as the kit takes them (`url` is the pattern); audio answers are not carried. */
function kitRules(rules: readonly MockRule[]): Record<string, unknown>[] {
  return rules.map((rule) => ({
    url: rule.pattern,
    match: rule.match,
    method: rule.method,
    status: rule.status,
    contentType: rule.contentType,
    body: rule.body,
    ...(rule.delayMs > 0 ? { delayMs: rule.delayMs } : {}),
    ...(rule.name ? { name: rule.name } : {}),
  }));
}

/** A Playwright test (with the kit) that reproduces the call. */
export function exportPlaywrightTest(call: FinishedCall, title: string): string {
  const caller =
    call.caller.kind === 'file'
      ? `{ caller: { file: ${js(`fixtures/${call.caller.name}`)}, starts: ${js(call.caller.starts)} } }`
      : '';
  const body: string[] = [
    `await sandbox.open({`,
    `  rcml: ${js(call.rcml)},`,
    `  rules: ${js(kitRules(call.rules))},`,
    `  settings: ${js(testSettings(call.settings))},`,
    `});`,
    `const call = await sandbox.startCall(${caller});`,
  ];
  let at = 0;
  for (const { key, atSeconds } of call.keys) {
    const wait = Math.max(0, Math.round((atSeconds - at) * 1000));
    if (wait > 0)
      body.push(`await page.waitForTimeout(${wait}); // the key was pressed at ${round(atSeconds)} s`);
    body.push(`await call.press(${js(key)});`);
    at = atSeconds;
  }
  body.push(`await call.ended();`);
  body.push(`const requests = await call.requests();`);
  body.push(...requestAssertions(call, 'requests'));
  body.push(`const recordings = await call.recordings();`);
  body.push(...recordingAssertions(call, 'recordings'));
  const note =
    call.caller.kind === 'file'
      ? `// Put the caller file ${call.caller.name} in fixtures/ beside this test.\n`
      : "// The call was made with a microphone: this test uses Chromium's fake microphone (or set a caller file).\n";
  return `import { test, expect } from 'rcml-record-sandbox/playwright';

${note}test(${js(title)}, async ({ sandbox, page }) => {
${indent(body.join('\n'), 2)}
});
`;
}

/**
 * A Node test (`node --test`) of the same call with simulateCall: the speech the detector heard as
 * scripted intervals, the keys at their times, the rules answering the requests.
 */
export function exportSimulateTest(call: FinishedCall, title: string): string {
  const { settings } = call;
  const assertions: string[] = [];
  const requests = call.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);
  assertions.push(
    `assert.deepEqual(call.requests.map((r) => \`\${r.method} \${r.url.split('?')[0]}\`), ${js(requests)});`,
  );
  call.requests.forEach((request, index) => {
    if (request.purpose === 'record-action' || request.purpose === 'gather-action') {
      assertions.push(
        `assert.equal(call.requests[${index}].params.Digits, ${js(request.params.Digits ?? '')});`,
      );
    }
  });
  assertions.push(
    `assert.deepEqual(call.recordings.map((r) => [r.reason, r.digits]), ${js(call.recordings.map((r) => [r.reason, r.digits]))});`,
  );
  return `import assert from 'node:assert/strict';
import test from 'node:test';
import { respondWithRules, simulateCall } from 'rcml-record-sandbox';

// What the voice detector heard in the browser, replayed: speech intervals and keys on the call clock.
test(${js(title)}, async () => {
  const call = await simulateCall({
    rcml: ${js(call.rcml)},
    documentUrl: ${js(settings.documentUrl)},
    profile: ${js(settings.profile)},
    caller: ${js({ from: settings.from, to: settings.to, callerName: settings.callerName })},
    input: {
      speech: ${js(call.speech.map(([a, b]) => [round(a), round(b)]))},
      keys: ${js(call.keys.map((k) => [round(k.atSeconds), k.key]))},
    },
    respond: respondWithRules(${js(call.rules)}),
  });
${indent(assertions.join('\n'), 2)}
});
`;
}

/**
 * Speech intervals from voice-activity frames. A frame placed at `endSample` covers the `frameSamples`
 * that end `decisionOffset` after it (the browser places Silero's decision at its frame's middle:
 * VAD_DECISION_OFFSET_SAMPLES), so the interval holds the whole frame, and simulateCall's scripted caller
 * (speech when a frame's middle lies in an interval) decides the same frames.
 */
export class SpeechIntervals {
  private readonly intervals: [number, number][] = [];

  constructor(
    private readonly frameSamples: number,
    private readonly rateHz: number,
    private readonly decisionOffset = 0,
  ) {}

  add(endSample: number, speech: boolean): void {
    if (!speech) return;
    const frameEnd = endSample - this.decisionOffset;
    const start = Math.max(0, frameEnd - this.frameSamples) / this.rateHz;
    const end = frameEnd / this.rateHz;
    const last = this.intervals.at(-1);
    if (last && start <= last[1] + 1e-9) last[1] = Math.max(last[1], end);
    else this.intervals.push([start, end]);
  }

  get seconds(): [number, number][] {
    return this.intervals.map(([a, b]) => [a, b]);
  }
}
