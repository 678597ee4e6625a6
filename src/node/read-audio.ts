/// <reference types="node" />
// The caller's audio for a call in Node: a WAV file (by path or bytes) or samples with their rate, read to
// mono float samples at the file's own rate, mixed down as the browser's capture worklet mixes a
// microphone's channels.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { decodeWavFloat } from '../audio/wav.ts';
import { errorMessage } from '../rcml/error-message.ts';

export type CallerAudioInput = Uint8Array | string | { samples: Float32Array; rateHz: number };

export interface CallerAudio {
  /** Mono, full scale ±1 (channels averaged). */
  samples: Float32Array;
  rateHz: number;
  /** How many channels the source had (1 for samples passed in). */
  channels: number;
  /** What was read, e.g. `WAV, 24-bit PCM, 44100 Hz, stereo` or `samples, 48000 Hz`. */
  sourceFormat: string;
}

/** Rates outside this range are refused: below it there is no speech to hear, above it a broken header. */
export const MIN_RATE_HZ = 1000;
export const MAX_RATE_HZ = 768_000;

/**
 * Reads the caller's audio. A string is a path to a WAV file (relative to the working directory); bytes
 * are a WAV file's contents; `{ samples, rateHz }` is used as it is, not copied (after checks). WAV files
 * may have any rate from 1 kHz to 768 kHz and any number of channels (averaged to mono), in 8-bit
 * unsigned, 16/24/32-bit PCM or 32/64-bit float, plain or WAVE_FORMAT_EXTENSIBLE. Rejects with an Error
 * that names the file (or the bytes) and the problem for anything else.
 */
export async function readCallerAudio(input: CallerAudioInput): Promise<CallerAudio> {
  if (typeof input === 'string') {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(input);
    } catch (error) {
      throw new Error(`Caller audio ${JSON.stringify(input)}: ${describeReadError(error, input)}`, {
        cause: error,
      });
    }
    return decodeCallerWav(bytes, `Caller audio ${JSON.stringify(input)}`);
  }
  if (input instanceof Uint8Array) return decodeCallerWav(input, `Caller audio (${input.length} bytes)`);
  if (input !== null && typeof input === 'object' && 'samples' in input) {
    checkCallerSamples(input, 'Caller audio');
    return {
      samples: input.samples,
      rateHz: input.rateHz,
      channels: 1,
      sourceFormat: `samples, ${input.rateHz} Hz`,
    };
  }
  throw new TypeError(
    `Caller audio: expected a WAV file's path or bytes, or { samples: Float32Array, rateHz }, got ${describeValue(input)}`,
  );
}

/**
 * Throws a TypeError or RangeError (its message starting with `where`) unless `audio` is a Float32Array of
 * finite samples with a whole-number rate in MIN_RATE_HZ…MAX_RATE_HZ. Empty audio is allowed.
 */
export function checkCallerSamples(audio: { samples: Float32Array; rateHz: number }, where: string): void {
  const { samples, rateHz } = audio;
  if (!(samples instanceof Float32Array)) {
    throw new TypeError(
      `${where}: samples must be a Float32Array (mono, −1…1), got ${describeValue(samples)}`,
    );
  }
  checkRate(rateHz, `${where}: the sample rate`);
  const bad = firstNonFinite(samples);
  if (bad >= 0) throw new RangeError(`${where}: samples[${bad}] is ${samples[bad]}; samples must be finite`);
}

/** `what` names the rate in the message, e.g. `Caller audio: the sample rate`. */
function checkRate(rateHz: unknown, what: string): void {
  if (
    typeof rateHz !== 'number' ||
    !Number.isInteger(rateHz) ||
    rateHz < MIN_RATE_HZ ||
    rateHz > MAX_RATE_HZ
  ) {
    throw new RangeError(
      `${what} must be a whole number of hertz from ${MIN_RATE_HZ} to ${MAX_RATE_HZ}, got ${describeValue(rateHz)}`,
    );
  }
}

function decodeCallerWav(bytes: Uint8Array, where: string): CallerAudio {
  let wav;
  try {
    wav = decodeWavFloat(bytes);
  } catch (error) {
    const problem = errorMessage(error);
    const other = problem.startsWith('Not a WAV file') ? recognise(bytes) : null;
    throw new Error(`${where}: ${other ?? problem}`, { cause: error });
  }
  const { channels, sampleRateHz, samples } = wav;
  checkRate(sampleRateHz, `${where}: the sample rate in its header`);
  const bad = firstNonFinite(samples);
  if (bad >= 0) {
    const frame = Math.floor(bad / channels);
    throw new Error(
      `${where}: sample ${frame} of channel ${(bad % channels) + 1} (at ${(frame / sampleRateHz).toFixed(3)} s) is ${samples[bad]}; float samples must be finite`,
    );
  }
  const layout = channels === 1 ? 'mono' : channels === 2 ? 'stereo' : `${channels} channels`;
  const encoding = wav.encoding === 'float' ? 'float' : 'PCM';
  return {
    samples: mixToMono(samples, channels),
    rateHz: sampleRateHz,
    channels,
    sourceFormat: `WAV${wav.extensible ? ' (extensible)' : ''}, ${wav.bitsPerSample}-bit ${encoding}, ${sampleRateHz} Hz, ${layout}`,
  };
}

/**
 * Averages interleaved channels into one, in the capture worklet's order of operations (each channel
 * times 1 / channels, added in turn to a float32 sum), so that a file gives the same samples here as
 * played into the browser.
 */
export function mixToMono(interleaved: Float32Array, channels: number): Float32Array {
  if (channels === 1) return interleaved;
  const frames = Math.floor(interleaved.length / channels);
  const mono = new Float32Array(frames);
  const gain = 1 / channels;
  for (let i = 0, at = 0; i < frames; i++, at += channels) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum = Math.fround(sum + interleaved[at + c]! * gain);
    mono[i] = sum;
  }
  return mono;
}

function firstNonFinite(samples: Float32Array): number {
  for (let i = 0; i < samples.length; i++) if (!Number.isFinite(samples[i])) return i;
  return -1;
}

/** Names what a file that is not a WAV seems to be, from its first bytes, and what to do about it. */
function recognise(bytes: Uint8Array): string | null {
  const convert = 'convert it to WAV first (e.g. "ffmpeg -i FILE -c:a pcm_s16le caller.wav")';
  const ascii = (offset: number, length: number): string =>
    String.fromCharCode(...bytes.subarray(offset, offset + length));
  if (bytes.length === 0) return 'the file is empty';
  if (ascii(0, 3) === 'ID3' || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe6) === 0xe2)) {
    return `this is MP3 audio, not a WAV file: ${convert}`;
  }
  const named: [string, string][] = [
    ['OggS', 'Ogg (Vorbis or Opus) audio'],
    ['fLaC', 'FLAC audio'],
    ['#!AMR', 'AMR audio'],
    ['\x1aE\xdf\xa3', 'WebM or Matroska'],
  ];
  for (const [magic, name] of named) {
    if (ascii(0, magic.length) === magic) return `this is ${name}, not a WAV file: ${convert}`;
  }
  if (ascii(4, 4) === 'ftyp') return `this is an MP4/M4A file, not a WAV file: ${convert}`;
  if (ascii(0, 4) === 'FORM' && /^AIF[FC]$/.test(ascii(8, 4))) {
    return `this is an AIFF file, not a WAV file: ${convert}`;
  }
  if (ascii(0, 4) === 'RF64') return `this is an RF64 (64-bit WAV) file, which is not read: ${convert}`;
  if (ascii(0, 4) === 'RIFX') return `this is a big-endian WAV (RIFX) file, which is not read: ${convert}`;
  const head = bytes.subarray(0, 64);
  if (bytes.length >= 12 && head.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127))) {
    return `this is text, not a WAV file (it starts ${JSON.stringify(ascii(0, 24))})`;
  }
  return null;
}

function describeReadError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT')
    return isAbsolute(path) ? 'no such file' : `no such file (looked for ${resolve(path)})`;
  if (code === 'EISDIR') return 'this is a directory, not a WAV file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return errorMessage(error);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}
