import type { HttpMethod, ProfileName } from '../rcml/types.ts';
import { nextDeadlineSample, startCall, step, type CallState } from './call.ts';
import {
  SAMPLE_RATE_HZ,
  type CallEffect,
  type CallEvent,
  type Notification,
  type RecordingResult,
} from './events.ts';
import { seededRandomHex } from './seeded-hex.ts';

export { BEEP_SAMPLES, BEEP_SECONDS } from './beep.ts';

export const DEFAULT_DOCUMENT_URL = 'https://app.example.com/voice.xml';
/** What the default `respond` (the mock server's catch-all rule) answers. */
export const CATCH_ALL_RESPONSE = '<Response><Hangup/></Response>';
export const DEFAULT_CALLER = {
  from: '+15550100001',
  to: '+15550100002',
  callerName: 'Sandbox Caller',
} as const;
/** The safety bound on a simulated call's clock when `maxSeconds` is not given. */
export const DEFAULT_MAX_SECONDS = 7200;
/** Simulated VAD frames: one every this many samples, ending at multiples of it on the call clock. */
export const SIMULATED_VAD_FRAME_SAMPLES = 256;
/** Speech probability of simulated VAD frames inside and outside the scripted speech intervals. */
export const SIMULATED_SPEECH_PROBABILITY = 0.9;
export const SIMULATED_SILENCE_PROBABILITY = 0.05;
/** A simulated `<Say>` lasts 0.4 s per word, at least 0.5 s, times its loop. */
export const SIMULATED_SECONDS_PER_WORD = 0.4;
export const SIMULATED_MIN_SAY_SECONDS = 0.5;
/** A simulated `<Play>` lasts 1 s times its loop. */
export const SIMULATED_PLAY_SECONDS = 1;

export interface SimulatedRequest {
  method: HttpMethod;
  url: string;
  /** Query parameters of a GET, form parameters of a POST. */
  params: Record<string, string>;
}

export interface SimulatedResponse {
  /** Default 200. */
  status?: number;
  /** Default `text/xml`. */
  contentType?: string;
  body: string;
}

export interface SimulateOptions {
  /** What the document URL serves. */
  rcml: string;
  documentUrl?: string;
  profile?: ProfileName;
  caller?: { from?: string; to?: string; callerName?: string };
  /** The scripted caller; times on the call clock in seconds, 0 = the first verb starts. */
  input?: {
    /** Intervals `[start, end)` in which the caller speaks. */
    speech?: [number, number][];
    keys?: [number, string][];
    hangupAtSeconds?: number;
  };
  /** Answers every request except the document's; throwing (or rejecting) is a network error. */
  respond?: (request: SimulatedRequest) => SimulatedResponse | Promise<SimulatedResponse>;
  /** The call is stopped (endReason `max-seconds`) when its clock reaches this. */
  maxSeconds?: number;
  /** Seed of the SIDs' hex digits (default 1). */
  seed?: number;
  speechProbabilityThreshold?: number;
}

export interface SimulatedCall {
  /** Every request, the document request first. */
  requests: SimulatedRequest[];
  /** Every recording, empty ones included; `durationSeconds` is the file's length (samples / 8000). */
  recordings: RecordingResult[];
  notifications: Notification[];
  /** A CallEndReason, or `max-seconds`. */
  endReason: string;
  durationSeconds: number;
}

const ZEROS = new Int16Array(SIMULATED_VAD_FRAME_SAMPLES);
const TONE_PERIOD_SAMPLES = 32; // 250 Hz
const TONE = new Int16Array(SIMULATED_VAD_FRAME_SAMPLES + TONE_PERIOD_SAMPLES);
for (let i = 0; i < TONE.length; i += 1) {
  TONE[i] = Math.round(8000 * Math.sin((2 * Math.PI * i) / TONE_PERIOD_SAMPLES));
}

function toSample(seconds: number): number {
  return Math.round(seconds * SAMPLE_RATE_HZ);
}

function sameResource(requestUrl: string, method: HttpMethod, documentUrl: string): boolean {
  try {
    const a = new URL(requestUrl);
    const b = new URL(documentUrl);
    if (method === 'POST') return a.href === b.href;
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/**
 * Runs a whole call in Node with the engine the browser uses and a scripted caller: silence, or a 250 Hz
 * tone inside the speech intervals, in chunks of at most 256 samples (split at every scripted time); a VAD frame every 256 samples
 * (speech when the frame's middle lies in a speech interval); keys, hang-up and the end of each say/play
 * exactly at their sample positions. Requests are answered at once (they take no time on the call clock).
 */
export async function simulateCall(options: SimulateOptions): Promise<SimulatedCall> {
  const documentUrl = options.documentUrl ?? DEFAULT_DOCUMENT_URL;
  const respond = options.respond ?? ((): SimulatedResponse => ({ body: CATCH_ALL_RESPONSE }));
  const speech = (options.input?.speech ?? []).map(
    ([start, end]) => [toSample(start), toSample(end)] as const,
  );
  const keys = (options.input?.keys ?? [])
    .map(([at, key]) => ({ at: toSample(at), key }))
    .sort((a, b) => a.at - b.at);
  const hangupAt =
    options.input?.hangupAtSeconds === undefined ? Infinity : toSample(options.input.hangupAtSeconds);
  const maxSamples = toSample(options.maxSeconds ?? DEFAULT_MAX_SECONDS);

  const result: SimulatedCall = {
    requests: [],
    recordings: [],
    notifications: [],
    endReason: '',
    durationSeconds: 0,
  };
  /** say/play id → the sample where it finishes (Infinity: loops forever). */
  const media = new Map<number, number>();
  const queue: CallEffect[] = [];

  const started = startCall({
    documentUrl,
    profile: options.profile ?? 'restcomm',
    from: options.caller?.from ?? DEFAULT_CALLER.from,
    to: options.caller?.to ?? DEFAULT_CALLER.to,
    callerName: options.caller?.callerName ?? DEFAULT_CALLER.callerName,
    randomHex: seededRandomHex(options.seed ?? 1),
    speechProbabilityThreshold: options.speechProbabilityThreshold,
  });
  const state: CallState = started.state;
  queue.push(...started.effects);

  const feed = (event: CallEvent): void => {
    const { effects } = step(state, event);
    for (const effect of effects) queue.push(effect);
  };

  const answer = async (
    request: SimulatedRequest,
  ): Promise<CallEvent & { type: 'http-response' | 'http-error' }> => {
    const id = state.pending?.request.id ?? 0;
    if (sameResource(request.url, request.method, documentUrl)) {
      return { type: 'http-response', id, status: 200, contentType: 'text/xml', body: options.rcml };
    }
    try {
      const response = await respond(request);
      return {
        type: 'http-response',
        id,
        status: response.status ?? 200,
        contentType: response.contentType ?? 'text/xml',
        body: response.body,
      };
    } catch (error) {
      return { type: 'http-error', id, message: error instanceof Error ? error.message : String(error) };
    }
  };

  const drain = async (): Promise<void> => {
    for (let i = 0; i < queue.length; i += 1) {
      const effect = queue[i] as CallEffect;
      const clock = state.clockSamples;
      switch (effect.type) {
        case 'http-request': {
          const { method, url, params } = effect.request;
          const request = { method, url, params: { ...params } };
          result.requests.push(request);
          const reply = await answer({ method, url, params: { ...params } });
          feed({ ...reply, id: effect.request.id });
          break;
        }
        case 'say': {
          const words = effect.text
            .trim()
            .split(/\s+/)
            .filter((w) => w !== '').length;
          const seconds = Math.max(SIMULATED_MIN_SAY_SECONDS, SIMULATED_SECONDS_PER_WORD * words);
          media.set(effect.id, effect.loop > 0 ? clock + toSample(seconds * effect.loop) : Infinity);
          break;
        }
        case 'play':
          media.set(
            effect.id,
            effect.loop > 0 ? clock + toSample(SIMULATED_PLAY_SECONDS * effect.loop) : Infinity,
          );
          break;
        case 'stop-media':
          media.delete(effect.id);
          break;
        case 'recording-finished':
          result.recordings.push(effect.recording);
          break;
        case 'notification':
          result.notifications.push(effect.notification);
          break;
        default:
          break;
      }
    }
    queue.length = 0;
  };

  const inSpeech = (sample: number): boolean => {
    for (const [start, end] of speech) if (sample >= start && sample < end) return true;
    return false;
  };

  await drain();
  let keyIndex = 0;
  let hungUp = false;
  while (!state.ended) {
    const clock = state.clockSamples;
    if (clock >= maxSamples) break;
    // Events due now, in a fixed order: media that finished, keys, the hang-up.
    if (media.size > 0) {
      for (const [id, at] of [...media].sort((a, b) => a[1] - b[1] || a[0] - b[0])) {
        if (at > clock || state.ended) continue;
        media.delete(id);
        feed({ type: 'media-finished', id });
        if (queue.length > 0) await drain();
      }
    }
    while (!state.ended && keyIndex < keys.length && (keys[keyIndex]?.at ?? Infinity) <= clock) {
      feed({ type: 'key', key: keys[keyIndex]?.key ?? '' });
      keyIndex += 1;
      if (queue.length > 0) await drain();
    }
    if (!state.ended && !hungUp && hangupAt <= clock) {
      hungUp = true;
      feed({ type: 'hangup' });
      if (queue.length > 0) await drain();
    }
    if (state.ended) break;

    const nextFrame = (Math.floor(clock / SIMULATED_VAD_FRAME_SAMPLES) + 1) * SIMULATED_VAD_FRAME_SAMPLES;
    let next = Math.min(nextFrame, maxSamples, hungUp ? Infinity : hangupAt, keys[keyIndex]?.at ?? Infinity);
    for (const at of media.values()) if (at > clock && at < next) next = at;
    const deadline = nextDeadlineSample(state);
    if (deadline !== null && deadline > clock && deadline < next) next = deadline;
    for (const [start, end] of speech) {
      if (start > clock && start < next) next = start;
      if (end > clock && end < next) next = end;
    }
    const length = next - clock;
    const phase = clock % TONE_PERIOD_SAMPLES;
    feed({
      type: 'audio',
      samples: inSpeech(clock) ? TONE.subarray(phase, phase + length) : ZEROS.subarray(0, length),
    });
    if (queue.length > 0) await drain();
    if (!state.ended && next === nextFrame && state.clockSamples === nextFrame) {
      const middle = nextFrame - SIMULATED_VAD_FRAME_SAMPLES / 2;
      const probability = inSpeech(middle) ? SIMULATED_SPEECH_PROBABILITY : SIMULATED_SILENCE_PROBABILITY;
      feed({ type: 'vad', endSample: nextFrame, speechProbability: probability });
      if (queue.length > 0) await drain();
    }
  }
  result.endReason = state.endReason ?? 'max-seconds';
  result.durationSeconds = state.clockSamples / SAMPLE_RATE_HZ;
  return result;
}
