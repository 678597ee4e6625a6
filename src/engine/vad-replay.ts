import { startCall, step } from './call.ts';
import { SAMPLE_RATE_HZ, type CallEffect, type RecordingResult } from './events.ts';
import { seededRandomHex } from './seeded-hex.ts';
import {
  DEFAULT_SPEECH_THRESHOLDS,
  FrameClock,
  SILERO_FRAME_SAMPLES_8K,
  type SpeechThresholds,
} from './vad-frames.ts';

/** The capture worklet's chunk: 20 ms at 8 kHz. */
export const CHUNK_SAMPLES = 160;
const DOCUMENT_URL = 'https://app.example.com/voice.xml';

export interface ReplayOptions {
  /** The caller's 8 kHz audio from the moment the Record starts. */
  samples: Int16Array;
  /** The model's speech probability for each 256-sample frame of `samples`, in order. */
  probabilities: ArrayLike<number>;
  timeoutSeconds: number;
  thresholds?: SpeechThresholds;
  /** How many frames the model runs behind the audio (its frames reach the driver this late). */
  lagFrames?: number;
}

/**
 * Plays a recorded trace through the browser's path, offline: 20 ms chunks pushed to a FrameClock that
 * hands over the model's frames as the browser detector does, and the engine running a
 * `<Record timeout=… playBeep="false">` that starts at the first sample. Returns the recording.
 */
export function replayRecord(options: ReplayOptions): RecordingResult {
  const lagFrames = options.lagFrames ?? 1;
  const rcml = `<Response><Record action="/action" playBeep="false" maxLength="3600" timeout="${options.timeoutSeconds}"/></Response>`;
  const started = startCall({
    documentUrl: DOCUMENT_URL,
    profile: 'restcomm',
    from: '+15550100001',
    to: '+15550100002',
    callerName: 'Replay',
    randomHex: seededRandomHex(1),
  });
  const state = started.state;
  let recording: RecordingResult | null = null;
  const perform = (effects: CallEffect[]): void => {
    for (const effect of effects) {
      if (effect.type === 'http-request' && effect.request.purpose === 'document') {
        const body = {
          type: 'http-response',
          id: effect.request.id,
          status: 200,
          contentType: 'text/xml',
        } as const;
        perform(step(state, { ...body, body: rcml }).effects);
      } else if (effect.type === 'recording-finished' && recording === null) {
        recording = effect.recording;
      }
    }
  };
  perform(started.effects);

  const clock = new FrameClock(options.thresholds ?? DEFAULT_SPEECH_THRESHOLDS, SILERO_FRAME_SAMPLES_8K);
  const call = options.samples;
  let delivered = 0;
  for (let start = 0; start < call.length && recording === null; start += CHUNK_SAMPLES) {
    const chunk = call.subarray(start, Math.min(start + CHUNK_SAMPLES, call.length));
    // The frames the model has scored by now: those whose audio was complete `lagFrames` frames ago.
    const ready = Math.min(
      options.probabilities.length,
      Math.max(0, Math.floor(start / SILERO_FRAME_SAMPLES_8K) - lagFrames),
    );
    for (; delivered < ready; delivered++) clock.add(options.probabilities[delivered] ?? 0);
    perform(step(state, { type: 'audio', samples: chunk }).effects);
    for (const frame of clock.take()) {
      if (recording !== null) break;
      perform(step(state, { type: 'vad', ...frame }).effects);
    }
  }
  if (recording === null) perform(step(state, { type: 'hangup' }).effects);
  if (recording === null) throw new Error('replayRecord: the Record did not finish');
  return recording;
}

export interface ExpectedStop {
  /** Where the recording ends by the ground truth: the start of the first long-enough silence + timeout. */
  durationSeconds: number;
  /** The end of the last speech before that silence (0 when none). */
  lastSpeechEndSeconds: number;
  empty: boolean;
}

/** What a perfect detector gives for speech intervals [start, end] (seconds) and a timeout. */
export function expectedStop(speech: [number, number][], timeoutSeconds: number): ExpectedStop {
  let silenceStart = 0;
  let spoke = false;
  for (const [start, end] of [...speech].sort((a, b) => a[0] - b[0])) {
    if (start - silenceStart >= timeoutSeconds) break;
    silenceStart = Math.max(silenceStart, end);
    spoke = true;
  }
  return {
    durationSeconds: silenceStart + timeoutSeconds,
    lastSpeechEndSeconds: silenceStart,
    empty: !spoke,
  };
}

/** Rounds a duration on the 8 kHz clock to whole samples (what a recording can last). */
export function toSamples(seconds: number): number {
  return Math.round(seconds * SAMPLE_RATE_HZ);
}
