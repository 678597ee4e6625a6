import type { HttpMethod, ProfileName } from '../rcml/types.ts';
import { nextDeadlineSample, startCall, step, type CallState } from './call.ts';
import { servesDocument } from './document-url.ts';
import {
  SAMPLE_RATE_HZ,
  type CallEffect,
  type CallEvent,
  type Notification,
  type RecordingResult,
  type RequestPurpose,
} from './events.ts';
import type { ExtraParamName } from '../rcml/profiles.ts';
import { playDigitsSeconds } from './play-digits.ts';
import { estimateSaySeconds } from './say-duration.ts';
import { seededRandomHex } from './seeded-hex.ts';
import { checkSimulateOptions } from './simulate-options.ts';
import { VAD_DECISION_OFFSET_SAMPLES } from './vad-frames.ts';
import {
  NetworkLine,
  type NetworkCodec,
  type NetworkLineOptions,
  type NetworkStats,
} from '../audio/network-line.ts';
import { errorMessage } from '../rcml/error-message.ts';

export { BEEP_SAMPLES, BEEP_SECONDS } from './beep.ts';
export { DEFAULT_START_TIME_MS } from './utc-date.ts';

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
/** The platform's HTTP timeout (SPEC §8): a `respond` that takes longer is a network error (11200). */
export const DEFAULT_HTTP_TIMEOUT_SECONDS = 15;
/** The Auth Token that signs twilio's requests when `authToken` is not given. */
export const DEFAULT_AUTH_TOKEN = 'sandbox-auth-token';
/** Simulated VAD frames: one every this many samples, ending at multiples of it on the call clock. */
export const SIMULATED_VAD_FRAME_SAMPLES = 256;
/** Speech probability of simulated VAD frames inside and outside the scripted speech intervals. */
export const SIMULATED_SPEECH_PROBABILITY = 0.9;
export const SIMULATED_SILENCE_PROBABILITY = 0.05;
/** A simulated `<Play>` of a URL lasts 1 s times its loop (`<Play digits>`: its tones, play-digits.ts). */
export const SIMULATED_PLAY_SECONDS = 1;

export interface SimulatedRequest {
  method: HttpMethod;
  url: string;
  /** Query parameters of a GET, form parameters of a POST. */
  params: Record<string, string>;
  /** The headers sent (Content-Type of a POST, X-Twilio-Signature in twilio). */
  headers: Record<string, string>;
  purpose: RequestPurpose;
  /** The recording the request carries (a Record action, a status or transcription callback), or null. */
  recordingSid: string | null;
}

export interface SimulatedResponse {
  /** Default 200. */
  status?: number;
  /** Default `text/xml`. */
  contentType?: string;
  body: string;
}

/** The caller as audio: a WAV file's bytes or path, or samples (mono, −1…1) with their rate. */
export type SimulatedAudio = Uint8Array | string | { samples: Float32Array; rateHz: number };

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
    /**
     * The caller as audio instead of `speech` (SPEC §9): resampled to 8 kHz, its silence judged by the
     * Silero model, its DTMF tones pressing their keys. Needs the package's Node entry point.
     */
    audio?: SimulatedAudio;
    /**
     * When `audio` starts, as the sandbox's "Caller audio starts" setting: `call` (default) at the call's
     * first sample; `record` when the first recording starts (after its beep), the caller silent until then.
     */
    audioStarts?: 'call' | 'record';
    keys?: [number, string][];
    hangupAtSeconds?: number;
  };
  /** Answers every request except the document's; throwing (or rejecting) is a network error. */
  respond?: (request: SimulatedRequest) => SimulatedResponse | Promise<SimulatedResponse>;
  /** The call is stopped (endReason `max-seconds`, the caller hangs up) when its clock reaches this. */
  maxSeconds?: number;
  /** A `respond` that takes longer is a network error (11200); default 15. */
  httpTimeoutSeconds?: number;
  /** Seed of the SIDs' hex digits (default 1). */
  seed?: number;
  speechProbabilityThreshold?: number;
  /** twilio: the Auth Token that signs every request (X-Twilio-Signature); default DEFAULT_AUTH_TOKEN. */
  authToken?: string;
  /**
   * twilio's transcriptions (`transcribeCallback`, SPEC §7): the text of each recording, by its recording
   * SID (`RE…`), or a function given the finished recording that returns its text. A recording with no text
   * here (a missing SID, or null) is posted as `TranscriptionStatus=failed`. The transcription callback is
   * sent as soon as the recording finishes, after the action request.
   */
  transcripts?: Record<string, string> | ((recording: RecordingResult) => string | null);
  /**
   * When the call starts, in milliseconds since 1970 UTC (restcomm-connect's CallTimestamp, twilio's
   * RecordingStartTime); default DEFAULT_START_TIME_MS, 2024-01-01T00:00:00.000Z.
   */
  startTimeMs?: number;
  /** restcomm-connect's extra call parameters (InstanceId, ForwardedFrom, CallTimestamp) over its defaults. */
  extraParams?: Partial<Record<ExtraParamName, string>>;
  /**
   * The network between caller and platform (SPEC §11), in DSP: G.711 encode and decode for `pcmu` and
   * `pcma`, whole 20 ms packets lost by a seeded generator and concealed (NetworkLine). The recording,
   * the silence detector and the in-band DTMF detector hear what the network delivers. Default: direct.
   */
  network?: NetworkLineOptions;
}

export interface SimulatedCall {
  /** Every request, the document request first. */
  requests: SimulatedRequest[];
  /** Every recording, empty ones included; `durationSeconds` is the file's length (samples / SAMPLE_RATE_HZ). */
  recordings: RecordingResult[];
  notifications: Notification[];
  /** A CallEndReason, or `max-seconds`. */
  endReason: string;
  durationSeconds: number;
  /** With a `network` other than `direct`: its codec and the packets it sent, lost and concealed; else null. */
  network: SimulatedNetwork | null;
}

export interface SimulatedNetwork extends NetworkStats {
  codec: NetworkCodec;
}

/** What the caller's audio becomes before the engine hears it: call-clock samples and where speech is. */
export interface HeardAudio {
  /** 8 kHz, from the call clock's 0, as the caller sends it (before the network). */
  samples: Int16Array;
  /** Speech probability of each SIMULATED_VAD_FRAME_SAMPLES-sample frame of `samples` (and the silence after them), in order. */
  frameProbabilities: ArrayLike<number>;
  /** Keys the caller's audio presses (in-band DTMF), at their call-clock sample. */
  keys: { atSample: number; key: string }[];
}

/** How `hear` is to hear the audio: the probabilities and keys are of what this network delivers. */
export interface HearingContext {
  network: NetworkLineOptions | null;
  /** Where on the call clock the audio starts: the heard samples are this many zeros, then the audio. */
  startSample: number;
}

/** What simulateCall needs from its runtime (the package's Node entry point gives all of it). */
export interface SimulateIo {
  /** Resolves `promise`, or rejects with a message when `ms` pass first (the HTTP timeout). */
  withTimeout?: <T>(promise: Promise<T>, ms: number) => Promise<T>;
  /**
   * Turns `input.audio` into what the engine hears: the samples as sent, their speech probabilities and
   * in-band keys as heard through `context.network` (the engine passes the samples through the same
   * network itself, so the recording is what was judged).
   */
  hear?: (audio: SimulatedAudio, context: HearingContext) => Promise<HeardAudio>;
}

const ZEROS = new Int16Array(SIMULATED_VAD_FRAME_SAMPLES);
const TONE_PERIOD_SAMPLES = 32; // 250 Hz
const TONE_AMPLITUDE = 8000;
const TONE = new Int16Array(SIMULATED_VAD_FRAME_SAMPLES + TONE_PERIOD_SAMPLES);
for (let i = 0; i < TONE.length; i += 1) {
  TONE[i] = Math.round(TONE_AMPLITUDE * Math.sin((2 * Math.PI * i) / TONE_PERIOD_SAMPLES));
}

function toSample(seconds: number): number {
  return Math.round(seconds * SAMPLE_RATE_HZ);
}

/** The caller: the audio of each stretch of the call clock, and the VAD frame that ends at a sample. */
interface SimulatedCaller {
  /** The next sample after `clock` where the audio changes (speech starts or ends, the file ends). */
  nextChange(clock: number): number;
  audio(clock: number, length: number): Int16Array;
  frameProbability(endSample: number): number;
  /**
   * Where the frame whose audio ends at a multiple of 256 is placed, relative to that end: 0 for the
   * scripted caller, VAD_DECISION_OFFSET_SAMPLES for heard audio (the browser places Silero's decision
   * at its frame's middle).
   */
  frameOffset: number;
  keys: { atSample: number; key: string }[];
}

function scriptedCaller(speechSeconds: [number, number][]): SimulatedCaller {
  const speech = speechSeconds.map(([start, end]) => [toSample(start), toSample(end)] as const);
  const inSpeech = (sample: number): boolean =>
    speech.some(([start, end]) => sample >= start && sample < end);
  return {
    nextChange(clock) {
      let next = Infinity;
      for (const [start, end] of speech) {
        if (start > clock && start < next) next = start;
        if (end > clock && end < next) next = end;
      }
      return next;
    },
    audio(clock, length) {
      const phase = clock % TONE_PERIOD_SAMPLES;
      return inSpeech(clock) ? TONE.subarray(phase, phase + length) : ZEROS.subarray(0, length);
    },
    frameProbability(endSample) {
      const middle = endSample - SIMULATED_VAD_FRAME_SAMPLES / 2;
      return inSpeech(middle) ? SIMULATED_SPEECH_PROBABILITY : SIMULATED_SILENCE_PROBABILITY;
    },
    frameOffset: 0,
    keys: [],
  };
}

/** The caller's audio, then silence (as a fake microphone plays once, then nothing). */
function audioCaller(heard: HeardAudio): SimulatedCaller {
  const { samples, frameProbabilities } = heard;
  return {
    nextChange: (clock) => (clock < samples.length ? samples.length : Infinity),
    audio: (clock, length) =>
      clock < samples.length ? samples.subarray(clock, clock + length) : ZEROS.subarray(0, length),
    frameProbability(endSample) {
      const index = endSample / SIMULATED_VAD_FRAME_SAMPLES - 1;
      return index < frameProbabilities.length
        ? (frameProbabilities[index] ?? SIMULATED_SILENCE_PROBABILITY)
        : SIMULATED_SILENCE_PROBABILITY;
    },
    frameOffset: VAD_DECISION_OFFSET_SAMPLES,
    keys: heard.keys,
  };
}

/** The caller heard through the network: its audio, in call-clock order, through the line. */
function throughNetwork(caller: SimulatedCaller, line: NetworkLine): SimulatedCaller {
  return { ...caller, audio: (clock, length) => line.process(caller.audio(clock, length)) };
}

/** The transcript simulateCall's `transcripts` option gives a recording, or null (failed). */
function transcriptOf(
  transcripts: SimulateOptions['transcripts'],
  recording: RecordingResult,
): string | null {
  if (transcripts === undefined) return null;
  if (typeof transcripts === 'function') {
    const text = transcripts(recording);
    if (text !== null && typeof text !== 'string') {
      throw new TypeError(
        `simulateCall: transcripts(recording) must return a string or null, got ${typeof text} for ${recording.recordingSid}`,
      );
    }
    return text;
  }
  return Object.hasOwn(transcripts, recording.recordingSid)
    ? (transcripts[recording.recordingSid] ?? null)
    : null;
}

/** A respond result checked field by field: a wrong type is a network error that says so, never a crash. */
function checkResponse(response: unknown): SimulatedResponse {
  if (typeof response !== 'object' || response === null) {
    throw new Error(
      `respond returned ${response === null ? 'null' : typeof response}, not { status?, contentType?, body }`,
    );
  }
  const { status, contentType, body } = response as Record<string, unknown>;
  if (
    status !== undefined &&
    !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)
  ) {
    throw new Error(`respond returned status ${JSON.stringify(status)}, not an HTTP status (100–599)`);
  }
  if (contentType !== undefined && typeof contentType !== 'string') {
    throw new Error(`respond returned a contentType of type ${typeof contentType}, not a string`);
  }
  if (typeof body !== 'string')
    throw new Error(`respond returned a body of type ${typeof body}, not a string`);
  return { status: status as number | undefined, contentType: contentType as string | undefined, body };
}

/**
 * Runs a whole call in Node with the engine the browser uses and a scripted caller: silence, or a 250 Hz
 * tone inside the speech intervals (or the caller's audio, `input.audio`), in chunks of at most 256 samples
 * (split at every scripted time); a VAD frame every 256 samples (scripted: speech when the frame's middle
 * lies in a speech interval; audio: the model's verdict); keys, hang-up and the end of each say/play
 * exactly at their sample positions. Requests are answered at once (they take no time on the call clock).
 * Every option is checked first: a bad one is a RangeError or TypeError that names it.
 */
export async function simulateCall(options: SimulateOptions, io: SimulateIo = {}): Promise<SimulatedCall> {
  checkSimulateOptions(options);
  const documentUrl = options.documentUrl ?? DEFAULT_DOCUMENT_URL;
  const respond = options.respond ?? ((): SimulatedResponse => ({ body: CATCH_ALL_RESPONSE }));
  const timeoutMs = (options.httpTimeoutSeconds ?? DEFAULT_HTTP_TIMEOUT_SECONDS) * 1000;
  const audio = options.input?.audio;
  const network = options.network;
  const line = network && network.codec !== 'direct' ? new NetworkLine(network) : null;
  let caller: SimulatedCaller;
  if (audio !== undefined) {
    if (!io.hear) {
      throw new TypeError(
        "input.audio needs the package's Node entry point: import { simulateCall } from 'rcml-record-sandbox'",
      );
    }
    caller =
      options.input?.audioStarts === 'record'
        ? scriptedCaller([])
        : audioCaller(await io.hear(audio, { network: line ? network! : null, startSample: 0 }));
  } else {
    caller = scriptedCaller(options.input?.speech ?? []);
  }
  if (line) caller = throughNetwork(caller, line);
  /** `audioStarts: 'record'`: the audio waiting for the first recording to start. */
  let waitingAudio = options.input?.audioStarts === 'record' ? audio : undefined;
  let keys = [
    ...(options.input?.keys ?? []).map(([at, key]) => ({ atSample: toSample(at), key })),
    ...caller.keys,
  ].sort((a, b) => a.atSample - b.atSample);
  const hangupAt =
    options.input?.hangupAtSeconds === undefined ? Infinity : toSample(options.input.hangupAtSeconds);
  const maxSamples = toSample(options.maxSeconds ?? DEFAULT_MAX_SECONDS);

  const result: SimulatedCall = {
    requests: [],
    recordings: [],
    notifications: [],
    endReason: '',
    durationSeconds: 0,
    network: null,
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
    authToken: options.authToken ?? DEFAULT_AUTH_TOKEN,
    startTimeMs: options.startTimeMs,
    extraParams: options.extraParams,
  });
  const state: CallState = started.state;
  queue.push(...started.effects);

  const feed = (event: CallEvent): void => {
    const { effects } = step(state, event);
    for (const effect of effects) queue.push(effect);
  };

  const answer = async (
    id: number,
    target: string,
    request: SimulatedRequest,
  ): Promise<CallEvent & { type: 'http-response' | 'http-error' }> => {
    if (servesDocument(target, documentUrl)) {
      return { type: 'http-response', id, status: 200, contentType: 'text/xml', body: options.rcml };
    }
    try {
      const pending = Promise.resolve().then(() => respond(request));
      const response = checkResponse(await (io.withTimeout ? io.withTimeout(pending, timeoutMs) : pending));
      return {
        type: 'http-response',
        id,
        status: response.status ?? 200,
        contentType: response.contentType ?? 'text/xml',
        body: response.body,
      };
    } catch (error) {
      return { type: 'http-error', id, message: errorMessage(error) };
    }
  };

  let keyIndex = 0;
  const drain = async (): Promise<void> => {
    for (let i = 0; i < queue.length; i += 1) {
      const effect = queue[i] as CallEffect;
      const clock = state.clockSamples;
      switch (effect.type) {
        case 'http-request': {
          const { id, method, url, params, headers, purpose, target, background, recordingSid } =
            effect.request;
          const request = {
            method,
            url,
            params: { ...params },
            headers: { ...headers },
            purpose,
            recordingSid,
          };
          result.requests.push(request);
          const reply = await answer(id, target, {
            ...request,
            params: { ...params },
            headers: { ...headers },
          });
          if (!background) feed(reply);
          break;
        }
        case 'say': {
          const seconds = estimateSaySeconds(effect.text);
          media.set(effect.id, effect.loop > 0 ? clock + toSample(seconds * effect.loop) : Infinity);
          break;
        }
        case 'play': {
          const seconds =
            effect.digits === undefined ? SIMULATED_PLAY_SECONDS : playDigitsSeconds(effect.digits);
          media.set(effect.id, effect.loop > 0 ? clock + toSample(seconds * effect.loop) : Infinity);
          break;
        }
        case 'stop-media':
          media.delete(effect.id);
          break;
        case 'recording-finished':
          result.recordings.push(effect.recording);
          if (effect.recording.awaitsTranscript) {
            feed({
              type: 'transcript',
              recordingSid: effect.recording.recordingSid,
              text: transcriptOf(options.transcripts, effect.recording),
            });
          }
          break;
        case 'notification':
          result.notifications.push(effect.notification);
          break;
        case 'recording-started':
          if (waitingAudio !== undefined && io.hear) {
            const heard = await io.hear(waitingAudio, {
              network: line ? network! : null,
              startSample: effect.atSample,
            });
            waitingAudio = undefined;
            caller = line ? throughNetwork(audioCaller(heard), line) : audioCaller(heard);
            keys = [
              ...keys.slice(0, keyIndex),
              ...[...keys.slice(keyIndex), ...heard.keys].sort((a, b) => a.atSample - b.atSample),
            ];
          }
          break;
        default:
          break;
      }
    }
    queue.length = 0;
  };

  await drain();
  let hungUp = false;
  let stoppedAtMax = false;
  while (!state.ended) {
    const clock = state.clockSamples;
    if (clock >= maxSamples) {
      // The simulation's bound: the caller hangs up, so a recording in progress is kept.
      stoppedAtMax = true;
      if (!hungUp) {
        feed({ type: 'hangup' });
        await drain();
      }
      break;
    }
    // Events due now, in a fixed order: media that finished, keys, the hang-up.
    if (media.size > 0) {
      for (const [id, at] of [...media].sort((a, b) => a[1] - b[1] || a[0] - b[0])) {
        if (at > clock || state.ended) continue;
        media.delete(id);
        feed({ type: 'media-finished', id });
        if (queue.length > 0) await drain();
      }
    }
    while (!state.ended && keyIndex < keys.length && (keys[keyIndex]?.atSample ?? Infinity) <= clock) {
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
    let next = Math.min(
      nextFrame,
      maxSamples,
      hungUp ? Infinity : hangupAt,
      keys[keyIndex]?.atSample ?? Infinity,
      caller.nextChange(clock),
    );
    for (const at of media.values()) if (at > clock && at < next) next = at;
    const deadline = nextDeadlineSample(state);
    if (deadline !== null && deadline > clock && deadline < next) next = deadline;
    feed({ type: 'audio', samples: caller.audio(clock, next - clock) });
    if (queue.length > 0) await drain();
    if (!state.ended && next === nextFrame && state.clockSamples === nextFrame) {
      feed({
        type: 'vad',
        endSample: nextFrame + caller.frameOffset,
        speechProbability: caller.frameProbability(nextFrame),
      });
      if (queue.length > 0) await drain();
    }
  }
  result.endReason = stoppedAtMax ? 'max-seconds' : (state.endReason ?? 'max-seconds');
  result.durationSeconds = state.clockSamples / SAMPLE_RATE_HZ;
  if (line) result.network = { codec: line.codec, ...line.stats };
  return result;
}
