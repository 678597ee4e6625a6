import { PROFILE_NAMES } from '../rcml/types.ts';
import type { SimulateOptions } from './simulate.ts';
import { MAX_LOSS_PERCENT, NETWORK_CODECS, type NetworkCodec } from '../audio/network-line.ts';

const KEYS = /^[0-9*#A-D]$/;
const EXTRA_PARAMS: readonly string[] = ['InstanceId', 'ForwardedFrom', 'CallTimestamp'];

function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}

/** A finite number of seconds of at least `min` (and above it when `exclusive`), else a RangeError naming it. */
function seconds(name: string, value: unknown, min = 0, exclusive = false): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (exclusive && value === min)) {
    throw new RangeError(
      `simulateCall: ${name} must be a finite number of seconds ${exclusive ? '>' : '≥'} ${min}, got ${describe(value)}`,
    );
  }
}

function optional(name: string, value: unknown, check: (name: string, value: unknown) => void): void {
  if (value !== undefined) check(name, value);
}

function text(name: string, value: unknown): void {
  if (typeof value !== 'string')
    throw new TypeError(`simulateCall: ${name} must be a string, got ${describe(value)}`);
}

function checkNetwork(network: unknown): void {
  if (network === undefined) return;
  if (typeof network !== 'object' || network === null || Array.isArray(network)) {
    throw new TypeError(
      `simulateCall: network must be an object ({ codec, lossPercent, seed }), got ${describe(network)}`,
    );
  }
  const { codec, lossPercent, seed } = network as Record<string, unknown>;
  if (!NETWORK_CODECS.includes(codec as NetworkCodec)) {
    throw new RangeError(
      `simulateCall: network.codec must be one of ${NETWORK_CODECS.join(', ')}, got ${describe(codec)}`,
    );
  }
  if (
    lossPercent !== undefined &&
    !(typeof lossPercent === 'number' && lossPercent >= 0 && lossPercent <= MAX_LOSS_PERCENT)
  ) {
    throw new RangeError(
      `simulateCall: network.lossPercent must be a number from 0 to ${MAX_LOSS_PERCENT}, got ${describe(lossPercent)}`,
    );
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    throw new RangeError(`simulateCall: network.seed must be a whole number, got ${describe(seed)}`);
  }
}

/**
 * Checks every option of simulateCall before the call starts (SPEC §4: bad input gets a clear message): a
 * number that is not finite, a time before 0, a key that is no DTMF key, `speech` with `audio`. Throws a
 * RangeError (bad value) or TypeError (wrong type) whose message names the option.
 */
export function checkSimulateOptions(options: SimulateOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`simulateCall: options must be an object, got ${describe(options)}`);
  }
  text('rcml', options.rcml);
  optional('documentUrl', options.documentUrl, text);
  optional('authToken', options.authToken, text);
  if (options.profile !== undefined && !PROFILE_NAMES.includes(options.profile)) {
    throw new RangeError(
      `simulateCall: profile must be one of ${PROFILE_NAMES.join(', ')}, got ${describe(options.profile)}`,
    );
  }
  for (const field of ['from', 'to', 'callerName'] as const) {
    optional(`caller.${field}`, options.caller?.[field], text);
  }
  optional('maxSeconds', options.maxSeconds, (name, value) => seconds(name, value, 0, true));
  optional('httpTimeoutSeconds', options.httpTimeoutSeconds, (name, value) => seconds(name, value, 0, true));
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new RangeError(`simulateCall: seed must be a whole number, got ${describe(options.seed)}`);
  }
  const threshold = options.speechProbabilityThreshold;
  if (threshold !== undefined && !(typeof threshold === 'number' && threshold > 0 && threshold <= 1)) {
    throw new RangeError(
      `simulateCall: speechProbabilityThreshold must be a number in (0, 1], got ${describe(threshold)}`,
    );
  }
  const { transcripts, startTimeMs, extraParams } = options;
  if (
    transcripts !== undefined &&
    typeof transcripts !== 'function' &&
    !(typeof transcripts === 'object' && transcripts !== null && !Array.isArray(transcripts))
  ) {
    throw new TypeError(
      `simulateCall: transcripts must be an object (recording SID → text) or a function, got ${describe(transcripts)}`,
    );
  }
  if (transcripts !== undefined && typeof transcripts === 'object') {
    for (const [sid, value] of Object.entries(transcripts)) text(`transcripts.${sid}`, value);
  }
  if (startTimeMs !== undefined && !(typeof startTimeMs === 'number' && Number.isSafeInteger(startTimeMs))) {
    throw new RangeError(
      `simulateCall: startTimeMs must be whole milliseconds since 1970, got ${describe(startTimeMs)}`,
    );
  }
  if (extraParams !== undefined) {
    if (typeof extraParams !== 'object' || extraParams === null || Array.isArray(extraParams)) {
      throw new TypeError(`simulateCall: extraParams must be an object, got ${describe(extraParams)}`);
    }
    for (const [name, value] of Object.entries(extraParams)) {
      if (!EXTRA_PARAMS.includes(name)) {
        throw new RangeError(`simulateCall: extraParams.${name} is not one of ${EXTRA_PARAMS.join(', ')}`);
      }
      text(`extraParams.${name}`, value);
    }
  }
  checkNetwork(options.network);
  if (options.respond !== undefined && typeof options.respond !== 'function') {
    throw new TypeError(`simulateCall: respond must be a function, got ${describe(options.respond)}`);
  }
  const input = options.input;
  if (input === undefined) return;
  if (typeof input !== 'object' || input === null) {
    throw new TypeError(`simulateCall: input must be an object, got ${describe(input)}`);
  }
  if (input.speech !== undefined && input.audio !== undefined) {
    throw new TypeError(
      'simulateCall: input.speech and input.audio cannot be used together: give one caller',
    );
  }
  if (input.audioStarts !== undefined) {
    if (input.audioStarts !== 'call' && input.audioStarts !== 'record') {
      throw new RangeError(
        `simulateCall: input.audioStarts must be "call" or "record", got ${describe(input.audioStarts)}`,
      );
    }
    if (input.audio === undefined) {
      throw new TypeError('simulateCall: input.audioStarts needs input.audio (when the audio starts)');
    }
  }
  optional('input.hangupAtSeconds', input.hangupAtSeconds, seconds);
  if (input.speech !== undefined) {
    if (!Array.isArray(input.speech))
      throw new TypeError('simulateCall: input.speech must be an array of [start, end]');
    input.speech.forEach((interval, index) => {
      if (!Array.isArray(interval) || interval.length !== 2) {
        throw new TypeError(`simulateCall: input.speech[${index}] must be [startSeconds, endSeconds]`);
      }
      seconds(`input.speech[${index}][0]`, interval[0]);
      seconds(`input.speech[${index}][1]`, interval[1], interval[0]);
    });
  }
  if (input.keys !== undefined) {
    if (!Array.isArray(input.keys))
      throw new TypeError('simulateCall: input.keys must be an array of [atSeconds, key]');
    input.keys.forEach((entry, index) => {
      if (!Array.isArray(entry) || entry.length !== 2) {
        throw new TypeError(`simulateCall: input.keys[${index}] must be [atSeconds, key]`);
      }
      seconds(`input.keys[${index}][0]`, entry[0]);
      if (typeof entry[1] !== 'string' || !KEYS.test(entry[1])) {
        throw new RangeError(
          `simulateCall: input.keys[${index}][1] must be one DTMF key (0-9, *, #, A-D), got ${describe(entry[1])}`,
        );
      }
    });
  }
  const audio = input.audio;
  if (
    audio !== undefined &&
    typeof audio !== 'string' &&
    !(audio instanceof Uint8Array) &&
    !(typeof audio === 'object' && audio !== null && 'samples' in audio)
  ) {
    throw new TypeError(
      'simulateCall: input.audio must be a WAV file path, its bytes (Uint8Array), or { samples: Float32Array, rateHz }',
    );
  }
}
