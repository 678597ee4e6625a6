import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dtmfSamples } from '../audio/tones.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import type { SimulatedRequest } from '../engine/simulate.ts';
import { hearCaller, TAIL_SECONDS, type HearingProgress } from './caller-hearing.ts';
import { hearCallerAudio } from './hear-audio.ts';
import { readCallerAudio } from './read-audio.ts';
import { simulateCall } from './simulate-call.ts';

const repo = (path: string): string => new URL(`../../${path}`, import.meta.url).pathname;
const FRAME_SECONDS = 256 / SAMPLE_RATE_HZ;
/** Hearing a file loads the model once per process and scores a few seconds of audio: seconds, not ms. */
const AUDIO_TEST_MS = 120_000;

interface CallerTruth {
  file: string;
  durationSeconds: number;
  speech: [number, number][];
  tones: { key: string; startSeconds: number; endSeconds: number }[];
}
const callers = JSON.parse(readFileSync(repo('public/callers/callers.json'), 'utf8')) as CallerTruth[];
const caller = (file: string): CallerTruth => callers.find((c) => c.file === file)!;

const byUrl =
  (answers: Record<string, string>) =>
  (request: SimulatedRequest): { body: string } => ({
    body: answers[new URL(request.url).pathname] ?? '<Response><Hangup/></Response>',
  });

describe('simulateCall in Node', () => {
  it('a respond that never answers is an 11200 after the HTTP timeout, and the call ends', async () => {
    const started = performance.now();
    const call = await simulateCall({
      rcml: '<Response><Redirect>/never</Redirect></Response>',
      respond: () => new Promise(() => undefined),
      httpTimeoutSeconds: 0.2,
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(call.endReason).toBe('http-error');
    expect(call.notifications).toMatchObject([
      { code: 11200, message: expect.stringContaining('no response within 0.2 s') },
    ]);
  });
});

describe('simulateCall with the caller as audio', () => {
  it(
    'a Record with timeout stops within one VAD frame of the end of speech + timeout (one-utterance.wav)',
    async () => {
      const truth = JSON.parse(readFileSync(repo('e2e/fixtures/vad/one-utterance.json'), 'utf8')) as {
        speech: [number, number][];
      };
      const speechEnd = truth.speech.at(-1)![1];
      const call = await simulateCall({
        rcml: '<Response><Record timeout="2" action="/done"/></Response>',
        input: { audio: repo('e2e/fixtures/vad/one-utterance.wav') },
      });
      expect(call.recordings).toHaveLength(1);
      const recording = call.recordings[0]!;
      expect(recording).toMatchObject({ reason: 'timeout', digits: '', empty: false });
      // The file plays from the call's start; the recording starts after the 0.5 s beep.
      expect(recording.startSample).toBe(0.5 * SAMPLE_RATE_HZ);
      expect(Math.abs(recording.endSample / SAMPLE_RATE_HZ - (speechEnd + 2))).toBeLessThanOrEqual(
        FRAME_SECONDS,
      );
      expect(call.requests.map((r) => new URL(r.url).pathname)).toEqual(['/voice.xml', '/done']);
      expect(call.requests[1]!.params).toMatchObject({ Digits: '', RecordingDuration: '4' });
    },
    AUDIO_TEST_MS,
  );

  it(
    'a caller who never speaks leaves an empty recording: no action request (silence.wav)',
    async () => {
      const call = await simulateCall({
        rcml: '<Response><Record timeout="1" action="/done"/><Hangup/></Response>',
        input: { audio: repo('e2e/fixtures/vad/silence.wav') },
      });
      expect(call.recordings).toMatchObject([{ reason: 'timeout', empty: true }]);
      expect(call.requests).toHaveLength(1);
      expect(call.endReason).toBe('hangup');
    },
    AUDIO_TEST_MS,
  );

  it(
    'voicemail-pound.wav ends <Record finishOnKey="#"> by its in-band #, where the tone is',
    async () => {
      const tone = caller('voicemail-pound.wav').tones[0]!;
      const call = await simulateCall({
        rcml: '<Response><Record finishOnKey="#" timeout="10" action="/done"/></Response>',
        input: { audio: repo('public/callers/voicemail-pound.wav') },
      });
      const recording = call.recordings[0]!;
      expect(recording).toMatchObject({ reason: 'finishOnKey', digits: '#', empty: false });
      const stoppedSeconds = recording.endSample / SAMPLE_RATE_HZ;
      expect(stoppedSeconds).toBeGreaterThanOrEqual(tone.startSeconds);
      expect(stoppedSeconds - tone.startSeconds).toBeLessThanOrEqual(0.05);
      expect(call.requests[1]!.params).toMatchObject({ Digits: '#' });
      // The tone's samples up to the key stay in the recording (SPEC §9).
      expect(recording.samples.length).toBe(recording.endSample - recording.startSample);
    },
    AUDIO_TEST_MS,
  );

  it(
    'through a pcma network with 10 % loss, voicemail-pound.wav still ends its Record by the #, and the recording is what the network delivered',
    async () => {
      const options = {
        rcml: '<Response><Record finishOnKey="#" timeout="10" action="/done"/></Response>',
        input: { audio: repo('public/callers/voicemail-pound.wav') },
      };
      const direct = await simulateCall(options);
      const lossy = await simulateCall({ ...options, network: { codec: 'pcma', lossPercent: 10, seed: 3 } });
      const [sent, heard] = [direct.recordings[0]!, lossy.recordings[0]!];
      expect(heard).toMatchObject({ reason: 'finishOnKey', digits: '#', empty: false });
      // The # is recognised within a packet or two of where it was without the network.
      expect(Math.abs(heard.endSample - sent.endSample)).toBeLessThanOrEqual(2 * 160);
      expect(lossy.network).toMatchObject({ codec: 'pcma' });
      expect(lossy.network!.packetsLost).toBeGreaterThan(0);
      const length = Math.min(sent.samples.length, heard.samples.length);
      const differing = sent.samples.subarray(0, length).filter((v, i) => v !== heard.samples[i]).length;
      expect(differing / length).toBeGreaterThan(0.5); // A-law changes nearly every sample
    },
    AUDIO_TEST_MS,
  );

  it(
    'menu.wav drives a Gather (its in-band 1) and then a Record ended by its #',
    async () => {
      const [one, pound] = caller('menu.wav').tones;
      const call = await simulateCall({
        rcml: '<Response><Gather numDigits="1" action="/menu"><Say>Press 1 to leave a message</Say></Gather></Response>',
        respond: byUrl({ '/menu': '<Response><Record finishOnKey="#" action="/done"/></Response>' }),
        input: { audio: repo('public/callers/menu.wav') },
      });
      expect(call.requests.map((r) => [new URL(r.url).pathname, r.params.Digits])).toEqual([
        ['/voice.xml', undefined],
        ['/menu', '1'],
        ['/done', '#'],
      ]);
      const recording = call.recordings[0]!;
      expect(recording).toMatchObject({ reason: 'finishOnKey', digits: '#', empty: false });
      // The Record started after the 1 (and the beep), and stopped at the #.
      expect(recording.startSample / SAMPLE_RATE_HZ).toBeGreaterThan(one!.startSeconds + 0.5);
      expect(recording.endSample / SAMPLE_RATE_HZ - pound!.startSeconds).toBeGreaterThanOrEqual(0);
      expect(recording.endSample / SAMPLE_RATE_HZ - pound!.startSeconds).toBeLessThanOrEqual(0.05);
      expect(call.endReason).toBe('hangup');
    },
    AUDIO_TEST_MS,
  );

  it(
    'takes samples with their rate: a 16 kHz key tone presses its key in a Gather',
    async () => {
      const rateHz = 16000;
      const samples = new Float32Array(3 * rateHz);
      samples.set(dtmfSamples('5', rateHz, 0.1), rateHz);
      const call = await simulateCall({
        rcml: '<Response><Gather numDigits="1" action="/pick"/></Response>',
        input: { audio: { samples, rateHz } },
      });
      expect(call.requests[1]!.params).toMatchObject({ Digits: '5' });
    },
    AUDIO_TEST_MS,
  );

  it(
    'audioStarts "record": the caller is silent until the recording starts, then its file plays from its start',
    async () => {
      const path = repo('public/callers/voicemail-pound.wav');
      const file = await readCallerAudio(path);
      const call = await simulateCall({
        rcml: '<Response><Pause length="2"/><Record finishOnKey="#" timeout="10" action="/done"/></Response>',
        input: { audio: path, audioStarts: 'record' },
      });
      const recording = call.recordings[0]!;
      // After the 2 s pause and the 0.5 s beep; the # is heard where the file has it, counted from there.
      expect(recording.startSample).toBe(2.5 * SAMPLE_RATE_HZ);
      const tone = caller('voicemail-pound.wav').tones[0]!;
      const stopped = (recording.endSample - recording.startSample) / SAMPLE_RATE_HZ;
      expect(stopped - tone.startSeconds).toBeGreaterThanOrEqual(0);
      expect(stopped - tone.startSeconds).toBeLessThanOrEqual(0.05);
      expect(recording.samples.subarray(0, 800)).toEqual(
        Int16Array.from(file.samples.subarray(0, 800), (x) =>
          Math.max(-32768, Math.min(32767, Math.round(x * 32768))),
        ),
      );
      await expect(simulateCall({ rcml: '<Response/>', input: { audioStarts: 'record' } })).rejects.toThrow(
        'simulateCall: input.audioStarts needs input.audio (when the audio starts)',
      );
    },
    AUDIO_TEST_MS,
  );

  it('refuses speech with audio: one caller', async () => {
    await expect(
      simulateCall({
        rcml: '<Response><Record/></Response>',
        input: { speech: [[0, 1]], audio: repo('public/callers/menu.wav') },
      }),
    ).rejects.toThrow('input.speech and input.audio cannot be used together');
  });

  it('says what is wrong with audio it cannot read, naming the file', async () => {
    await expect(
      simulateCall({ rcml: '<Response><Record/></Response>', input: { audio: 'no/such/caller.wav' } }),
    ).rejects.toThrow(/^Caller audio "no\/such\/caller\.wav": no such file/);
    await expect(
      simulateCall({
        rcml: '<Response><Record/></Response>',
        input: { audio: new TextEncoder().encode('<Response><Record/></Response>') },
      }),
    ).rejects.toThrow(/this is text, not a WAV file/);
    await expect(
      simulateCall({
        rcml: '<Response><Record/></Response>',
        input: { audio: { samples: new Float32Array(10), rateHz: 12 } },
      }),
    ).rejects.toThrow(/sample rate must be a whole number of hertz from 1000/);
  });
});

describe('hearCaller', () => {
  it(
    'keeps the file’s length, scores TAIL_SECONDS of silence after it, and finds its in-band keys',
    async () => {
      const file = repo('public/callers/menu.wav');
      const truth = caller('menu.wav');
      const heard = await hearCaller(file);
      const audio = await readCallerAudio(file);
      const fileSamples = audio.samples.length;
      expect(heard.samples.length).toBe(fileSamples);
      // The frames are hearCallerAudio's decisions, exactly (a decided silence just below the engine's
      // threshold stays below it), over the file and TAIL_SECONDS of silence after it.
      const padded = new Float32Array(fileSamples + TAIL_SECONDS * SAMPLE_RATE_HZ);
      padded.set(audio.samples);
      const direct = await hearCallerAudio({ samples: padded, rateHz: audio.rateHz });
      expect(heard.frameProbabilities.length).toBe(Math.floor(padded.length / 256));
      expect(Array.from(heard.frameProbabilities)).toEqual(direct.frames.map((f) => f.speechProbability));
      expect(heard.samples).toEqual(direct.samples8k.subarray(0, fileSamples));
      expect(heard.keys.map((k) => k.key)).toEqual(truth.tones.map((t) => t.key));
      heard.keys.forEach((key, i) => {
        const startSample = truth.tones[i]!.startSeconds * SAMPLE_RATE_HZ;
        expect(key.atSample).toBeGreaterThan(startSample);
        expect(key.atSample - startSample).toBeLessThanOrEqual(0.05 * SAMPLE_RATE_HZ);
      });
    },
    AUDIO_TEST_MS,
  );

  it(
    'reports its progress, and hears exactly the same with progress as without',
    async () => {
      const file = repo('public/callers/voicemail-pound.wav');
      const events: HearingProgress[] = [];
      const withProgress = await hearCaller(file, { onProgress: (p) => events.push(p) });
      const without = await hearCaller(file);
      expect(withProgress.frameProbabilities).toEqual(without.frameProbabilities);
      expect(withProgress.keys).toEqual(without.keys);
      expect(events[0]).toEqual({
        stage: 'read',
        audio: { rateHz: 8000, channels: 1, sourceFormat: 'WAV, 16-bit PCM, 8000 Hz, mono' },
        seconds: caller('voicemail-pound.wav').durationSeconds,
      });
      expect(events.at(-1)).toEqual({ stage: 'done' });
      const fractions = events.flatMap((p) => (p.stage === 'scoring' ? [p.fraction] : []));
      expect(fractions[0]).toBe(0);
      expect(fractions.at(-1)).toBe(1);
      expect(fractions.length).toBeGreaterThan(50);
      expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1]!)).toBe(true);
    },
    AUDIO_TEST_MS,
  );
});
