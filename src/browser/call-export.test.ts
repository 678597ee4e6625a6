import { describe, expect, it } from 'vitest';
import { CATCH_ALL_RULE } from '../engine/mock-rules.ts';
import { VAD_DECISION_OFFSET_SAMPLES } from '../engine/vad-frames.ts';
import { exportSimulateTest, SpeechIntervals, type FinishedCall } from './call-export.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

describe('SpeechIntervals', () => {
  it('a frame decided at its middle covers its whole 256 samples; touching frames merge', () => {
    const speech = new SpeechIntervals(256, 8000, VAD_DECISION_OFFSET_SAMPLES);
    // Frames 0…3 decided at 128, 384, 640, 896: speech, speech, silence, speech.
    speech.add(128, true);
    speech.add(384, true);
    speech.add(640, false);
    speech.add(896, true);
    expect(speech.seconds).toEqual([
      [0, 512 / 8000],
      [768 / 8000, 1024 / 8000],
    ]);
  });

  it('frames placed at their end (no offset) cover the samples before it', () => {
    const speech = new SpeechIntervals(256, 8000);
    speech.add(256, true);
    speech.add(512, true);
    expect(speech.seconds).toEqual([[0, 512 / 8000]]);
  });
});

describe('exportSimulateTest', () => {
  it('replays the heard speech and keys, and asserts the requests and recordings', () => {
    const call: FinishedCall = {
      rcml: '<Response><Record action="/done" finishOnKey="#"/></Response>',
      rules: [CATCH_ALL_RULE],
      settings: DEFAULT_SETTINGS,
      caller: { kind: 'microphone' },
      keys: [{ key: '#', atSeconds: 3.456 }],
      speech: [[0.5, 2.25]],
      requests: [
        { purpose: 'document', method: 'POST', url: DEFAULT_SETTINGS.documentUrl, params: {}, status: 200 },
        {
          purpose: 'record-action',
          method: 'POST',
          url: 'https://app.example.com/done',
          params: { Digits: '#' },
          status: 200,
        },
      ],
      recordings: [{ reason: 'finishOnKey', digits: '#', durationSeconds: 2.9, empty: false }],
      ended: null,
    };
    const source = exportSimulateTest(call, 'voicemail');
    expect(source).toContain("import { respondWithRules, simulateCall } from 'rcml-record-sandbox';");
    expect(source).toContain('speech: [[0.5,2.25]]');
    expect(source).toContain('keys: [[3.46,"#"]]');
    expect(source).toContain('assert.equal(call.requests[1].params.Digits, "#");');
    expect(source).toContain(
      'assert.deepEqual(call.recordings.map((r) => [r.reason, r.digits]), [["finishOnKey","#"]]);',
    );
  });
});
