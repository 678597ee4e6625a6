import { describe, expect, it } from 'vitest';
import { encodeWav } from '../audio/wav.ts';
import { isInterruptedCall, readStoredRecording } from './storage.ts';

const good = {
  recordingSid: `RE${'a'.repeat(32)}`,
  url: 'https://app.example.com/2012-04-24/Accounts/AC1/Recordings/RE1.wav',
  publicUrl: 'https://app.example.com/2012-04-24/Accounts/AC1/Recordings/RE1.wav',
  reason: 'timeout',
  digits: '',
  durationSeconds: 1,
  lengthSamples: 8000,
  empty: false,
  media: 'audio_only',
  durationParam: '1',
  requestNumber: 2,
  callSid: 'CA1',
  endSample: 8000,
  savedAtMs: 1,
  interrupted: false,
  wav: encodeWav(new Int16Array(8000)),
  video: null,
};

describe('readStoredRecording', () => {
  it('reads back what was stored', () => {
    expect(readStoredRecording(good)).toEqual(good);
  });

  it('reads recordings stored before the second wave (no media, no callSid, no endSample)', () => {
    const { media: _m, callSid: _c, endSample: _e, durationParam: _d, requestNumber: _r, ...old } = good;
    expect(readStoredRecording({ ...old, requestId: 7 })).toMatchObject({
      media: 'audio_only',
      callSid: '',
      endSample: 8000,
      durationParam: null,
      requestNumber: null,
    });
  });

  it.each([
    ['an object where durationSeconds should be', { durationSeconds: { seconds: 1 } }],
    ['an object where digits should be', { digits: { key: '#' } }],
    ['a number where the URL should be', { url: 42 }],
    ['an unknown stop reason', { reason: 'boredom' }],
    ['a WAV that is not bytes', { wav: 'UklGRg' }],
    ['a SID of another form', { recordingSid: 'RE1' }],
    ['a video that is not a video', { video: { bytes: new Uint8Array(4), mimeType: 'text/html' } }],
    ['a negative length', { lengthSamples: -1 }],
  ])('skips a record with %s', (_, patch) => {
    expect(readStoredRecording({ ...good, ...patch })).toBeNull();
  });

  it('skips what is not a record at all', () => {
    for (const value of [null, 42, 'x', [], undefined]) expect(readStoredRecording(value)).toBeNull();
  });
});

describe('isInterruptedCall', () => {
  const call = {
    callSid: 'CA1',
    accountSid: 'AC1',
    clockSamples: 16000,
    documentUrl: 'https://app.example.com/voice.xml',
    profile: 'restcomm',
    savedAtMs: 1,
    log: { requests: [], notifications: [] },
    recording: { startSample: 4000, segments: 3 },
  };

  it('reads a call with an audio recording, and one with a video recording', () => {
    expect(isInterruptedCall(call)).toBe(true);
    const video = {
      ...call.recording,
      media: 'audio_video',
      videoType: 'video/mp4;codecs=avc1,opus',
      videoSegments: 2,
    };
    expect(isInterruptedCall({ ...call, recording: video })).toBe(true);
  });

  it.each([
    ['an unknown media', { media: 'hologram' }],
    ['a video type that is not video', { videoType: 'text/html', videoSegments: 1 }],
    ['a video type too long', { videoType: `video/${'x'.repeat(300)}`, videoSegments: 1 }],
    ['a negative count of video segments', { videoType: 'video/webm', videoSegments: -1 }],
    ['a fractional count of video segments', { videoType: 'video/webm', videoSegments: 1.5 }],
  ])('refuses %s', (_name, patch) => {
    expect(isInterruptedCall({ ...call, recording: { ...call.recording, ...patch } })).toBe(false);
  });
});
