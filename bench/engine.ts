// Benchmark of the call engine: a one-hour <Record> that ends on maxLength (continuous speech, so the silence
// timeout never fires). Prints the real-time factor and the memory retained; never fails on a goal.
// Run: node --import tsx --expose-gc bench/engine.ts
import { startCall, step } from '../src/engine/call.ts';
import type { CallEffect } from '../src/engine/events.ts';
import { seededRandomHex } from '../src/engine/seeded-hex.ts';
import { simulateCall } from '../src/engine/simulate.ts';

const SECONDS = 3600;
const RCML = `<Response><Record action="/done" maxLength="${SECONDS}" timeout="${SECONDS}"/></Response>`;
const GOAL_REAL_TIME = 1000;
const GOAL_MEGABYTES = 64;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.log('Run with --expose-gc for memory figures.');
  process.exit(1);
}

function retainedBytes(): number {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

// 1. Speed, through simulateCall (the scripted caller speaks the whole hour).
const baseline = retainedBytes();
const started = performance.now();
const call = await simulateCall({
  rcml: RCML,
  input: { speech: [[0, SECONDS + 10]] },
  respond: () => ({ body: '<Response><Hangup/></Response>' }),
});
const elapsedSeconds = (performance.now() - started) / 1000;
const recording = call.recordings[0];
const afterCall = retainedBytes() - baseline;
const realTime = call.durationSeconds / elapsedSeconds;
console.log(
  `simulateCall: ${call.durationSeconds.toFixed(1)} s of call in ${elapsedSeconds.toFixed(2)} s ` +
    `→ ${realTime.toFixed(0)}× real time (goal ≥ ${GOAL_REAL_TIME}×) ${realTime >= GOAL_REAL_TIME ? 'OK' : 'MISSED'}`,
);
console.log(
  `recording: ${recording?.reason}, ${recording?.samples.length} samples ` +
    `(${(recording?.samples.length ?? 0) / 8000} s), requests ${call.requests.length}, end ${call.endReason}`,
);
console.log(`retained after the call, result held: ${mb(afterCall)} MB`);

// 2. Peak memory retained during the call: drive step() directly and measure after a gc every 5 minutes.
const chunk = new Int16Array(160).fill(1000); // 20 ms, as the browser's capture worklet sends
const memoryBaseline = retainedBytes();
let peak = 0;
const start = startCall({
  documentUrl: 'https://app.example.com/voice.xml',
  profile: 'restcomm',
  from: '+1',
  to: '+2',
  callerName: 'Bench',
  randomHex: seededRandomHex(1),
});
const state = start.state;
const answer = (effects: CallEffect[]): void => {
  for (const effect of effects) {
    if (effect.type === 'http-request') {
      const body = effect.request.purpose === 'document' ? RCML : '<Response><Hangup/></Response>';
      answer(
        step(state, {
          type: 'http-response',
          id: effect.request.id,
          status: 200,
          contentType: 'text/xml',
          body,
        }).effects,
      );
    }
  }
};
answer(start.effects);
let chunks = 0;
const chunksPerCheck = (300 * 8000) / chunk.length;
while (!state.ended) {
  answer(step(state, { type: 'audio', samples: chunk }).effects);
  chunks += 1;
  if (chunks % 2 === 0) {
    answer(step(state, { type: 'vad', endSample: state.clockSamples, speechProbability: 0.9 }).effects);
  }
  if (chunks % chunksPerCheck === 0) peak = Math.max(peak, retainedBytes() - memoryBaseline);
}
peak = Math.max(peak, retainedBytes() - memoryBaseline);
console.log(
  `peak retained while recording one hour (gc every 5 min of audio): ${mb(peak)} MB ` +
    `(goal ≤ ${GOAL_MEGABYTES} MB; the file itself is ${mb(SECONDS * 8000 * 2)} MB) ` +
    `${peak <= GOAL_MEGABYTES * 2 ** 20 ? 'OK' : 'MISSED'}`,
);
