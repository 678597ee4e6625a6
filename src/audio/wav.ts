/**
 * WAV (RIFF) encoding of 16-bit PCM mono recordings, and decoders that walk the chunk list properly:
 * they skip chunks they do not need (LIST, fact, …) and say clearly what is wrong with a file they refuse.
 * `decodeWav` reads 16-bit PCM as is; `decodeWavFloat` reads every linear encoding (8–32-bit PCM, float)
 * to float samples.
 */

import { SAMPLE_RATE_HZ } from './sample-rate.ts';
export interface DecodedWav {
  sampleRateHz: number;
  channels: number;
  bitsPerSample: number;
  /** Interleaved 16-bit samples (one channel: just the samples). */
  samples: Int16Array;
}

const HEADER_BYTES = 44;
const PCM_FORMAT = 1;
const FLOAT_FORMAT = 3;
const EXTENSIBLE_FORMAT = 0xfffe;
/** Stands for an extensible file whose sub-format GUID is missing or not a KSDATAFORMAT one. */
const UNKNOWN_SUBFORMAT = -1;

/** A 16-bit PCM mono WAV file with the canonical 44-byte header. */
export function encodeWav(samples: Int16Array, sampleRateHz = SAMPLE_RATE_HZ): Uint8Array {
  if (!Number.isInteger(sampleRateHz) || sampleRateHz <= 0) {
    throw new RangeError(
      `encodeWav: sample rate must be a positive whole number of hertz, got ${sampleRateHz}`,
    );
  }
  const dataBytes = samples.length * 2;
  const bytes = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  writeAscii(bytes, 0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  writeAscii(bytes, 8, 'WAVE');
  writeAscii(bytes, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, PCM_FORMAT, true);
  view.setUint16(22, 1, true); // channels
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  writeAscii(bytes, 36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(HEADER_BYTES + 2 * i, samples[i]!, true);
  return bytes;
}

/** What a `fmt ` chunk says (the sub-format of WAVE_FORMAT_EXTENSIBLE in place of its tag). */
interface WavFormat {
  /** The format tag, or the sub-format's code for WAVE_FORMAT_EXTENSIBLE. */
  formatTag: number;
  extensible: boolean;
  /** For WAVE_FORMAT_EXTENSIBLE: the sub-format GUID is a KSDATAFORMAT_SUBTYPE one (…-0010-8000-00AA00389B71). */
  standardGuid: boolean;
  channels: number;
  sampleRateHz: number;
  blockAlign: number;
  bitsPerSample: number;
}

/**
 * Walks the RIFF chunk list: checks the header, reads the `fmt ` chunk (handing it to `check`, which throws
 * for what the caller cannot decode) and returns it with where the `data` chunk's bytes are (cut to what
 * the file holds: the sizes in streamed or truncated files may claim more).
 */
function readWavLayout(
  bytes: Uint8Array,
  check: (format: WavFormat) => void,
): { format: WavFormat; dataOffset: number; dataBytes: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12)
    throw new Error(`Not a WAV file: ${bytes.length} bytes is too short for a RIFF header`);
  if (readAscii(bytes, 0) !== 'RIFF') {
    throw new Error(
      `Not a WAV file: expected "RIFF" at byte 0, found ${JSON.stringify(readAscii(bytes, 0))}`,
    );
  }
  if (readAscii(bytes, 8) !== 'WAVE') {
    throw new Error(
      `Not a WAV file: expected "WAVE" at byte 8, found ${JSON.stringify(readAscii(bytes, 8))}`,
    );
  }
  // The RIFF size may be wrong in streamed files (0, or 0xFFFFFFFF); trust the actual length when shorter.
  const riffSize = view.getUint32(4, true);
  const riffEnd = riffSize < 4 ? bytes.length : Math.min(bytes.length, 8 + riffSize);

  let format: WavFormat | null = null;
  let offset = 12;
  while (offset + 8 <= riffEnd) {
    const id = readAscii(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16) {
        throw new Error(`Invalid WAV file: "fmt " chunk is ${size} bytes, expected at least 16`);
      }
      const needed = body + Math.min(size, 40);
      if (needed > bytes.length) {
        throw new Error(
          `Invalid WAV file: the file ends inside its "fmt " chunk (${bytes.length} bytes, the header needs ${needed}): is it cut short?`,
        );
      }
      const formatTag = view.getUint16(body, true);
      const parsed: WavFormat = {
        formatTag,
        extensible: formatTag === EXTENSIBLE_FORMAT,
        standardGuid: false,
        channels: view.getUint16(body + 2, true),
        sampleRateHz: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
      if (parsed.extensible && size >= 40) {
        parsed.formatTag = view.getUint16(body + 24, true); // first two bytes of the sub-format GUID
        parsed.standardGuid =
          view.getUint16(body + 26, true) === 0 && isBaseGuid(bytes.subarray(body + 28, body + 40));
      } else if (parsed.extensible) {
        parsed.formatTag = UNKNOWN_SUBFORMAT;
      }
      check(parsed);
      format = parsed;
    } else if (id === 'data') {
      if (!format) throw new Error('Invalid WAV file: "data" chunk comes before the "fmt " chunk');
      return { format, dataOffset: body, dataBytes: Math.max(0, Math.min(size, bytes.length - body)) };
    }
    offset = body + size + (size & 1); // chunks are padded to an even length
  }
  if (!format) throw new Error('Invalid WAV file: no "fmt " chunk found');
  throw new Error('Invalid WAV file: no "data" chunk found');
}

/** Decodes a 16-bit PCM WAV file; throws an Error that names the problem for anything else. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const { format, dataOffset, dataBytes } = readWavLayout(bytes, (parsed) => {
    const pcm = parsed.formatTag === PCM_FORMAT;
    if (!pcm) {
      const tag = parsed.extensible ? EXTENSIBLE_FORMAT : parsed.formatTag;
      throw new Error(`Unsupported WAV encoding: format tag ${tag}, only PCM (1) is supported`);
    }
    if (parsed.bitsPerSample !== 16) {
      throw new Error(
        `Unsupported WAV sample size: ${parsed.bitsPerSample} bits, only 16-bit PCM is supported`,
      );
    }
    checkChannelsAndRate(parsed);
  });
  const { channels, sampleRateHz, bitsPerSample } = format;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames = Math.floor(dataBytes / (channels * 2));
  const samples = new Int16Array(frames * channels);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(dataOffset + 2 * i, true);
  return { channels, sampleRateHz, bitsPerSample, samples };
}

export interface DecodedWavFloat {
  sampleRateHz: number;
  channels: number;
  /** Bits each sample occupies in the file (the container size for WAVE_FORMAT_EXTENSIBLE). */
  bitsPerSample: number;
  encoding: 'pcm' | 'float';
  /** The file uses WAVE_FORMAT_EXTENSIBLE (with a PCM or IEEE float sub-format). */
  extensible: boolean;
  /**
   * Interleaved samples with full scale at ±1, as a browser decodes them: 8-bit (b − 128) / 128, n-bit
   * signed s / 2^(n − 1), floats as stored (64-bit ones rounded to 32 bits; values beyond ±1 kept).
   */
  samples: Float32Array;
}

/** Typed arrays use the machine's byte order; WAV is little-endian. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Sizes decodeWavFloat reads for each encoding. */
const PCM_BITS = [8, 16, 24, 32];
const FLOAT_BITS = [32, 64];

/**
 * Decodes the linear WAV encodings to float: 8-bit unsigned, 16/24/32-bit signed PCM and 32/64-bit IEEE
 * float, any number of channels and any rate, plain or WAVE_FORMAT_EXTENSIBLE. Throws an Error that names
 * the problem for anything else (G.711, ADPCM, MP3 in a WAV, other sample sizes, a damaged header).
 */
export function decodeWavFloat(bytes: Uint8Array): DecodedWavFloat {
  const { format, dataOffset, dataBytes } = readWavLayout(bytes, (parsed) => {
    const { bitsPerSample, channels } = parsed;
    const formatTag = parsed.extensible && !parsed.standardGuid ? UNKNOWN_SUBFORMAT : parsed.formatTag;
    if (formatTag !== PCM_FORMAT && formatTag !== FLOAT_FORMAT) {
      throw new Error(`Unsupported WAV encoding: ${describeFormatTag(formatTag, parsed.extensible)}`);
    }
    const sizes = formatTag === PCM_FORMAT ? PCM_BITS : FLOAT_BITS;
    if (!sizes.includes(bitsPerSample)) {
      const kind = formatTag === PCM_FORMAT ? 'PCM' : 'IEEE float';
      throw new Error(
        `Unsupported WAV sample size: ${bitsPerSample}-bit ${kind}; ${kind} is read at ${sizes.join(', ')} bits`,
      );
    }
    checkChannelsAndRate(parsed);
    const expected = channels * (bitsPerSample / 8);
    if (parsed.blockAlign !== expected) {
      throw new Error(
        `Invalid WAV file: block align is ${parsed.blockAlign} bytes, but ${channels} channel(s) of ${bitsPerSample} bits need ${expected}`,
      );
    }
  });
  const { channels, sampleRateHz, bitsPerSample, blockAlign } = format;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.floor(dataBytes / blockAlign) * channels;
  const samples = new Float32Array(count);
  const at = dataOffset;
  if (format.formatTag === FLOAT_FORMAT) {
    if (bitsPerSample === 32) for (let i = 0; i < count; i++) samples[i] = view.getFloat32(at + 4 * i, true);
    else for (let i = 0; i < count; i++) samples[i] = view.getFloat64(at + 8 * i, true);
  } else if (bitsPerSample === 8) {
    for (let i = 0; i < count; i++) samples[i] = (bytes[at + i]! - 128) / 128;
  } else if (bitsPerSample === 16) {
    if (LITTLE_ENDIAN && (bytes.byteOffset + at) % 2 === 0) {
      const values = new Int16Array(bytes.buffer, bytes.byteOffset + at, count); // the common case, fast
      for (let i = 0; i < count; i++) samples[i] = values[i]! / 32768;
    } else {
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(at + 2 * i, true) / 32768;
    }
  } else if (bitsPerSample === 24) {
    for (let i = 0; i < count; i++) {
      const p = at + 3 * i;
      const value = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16);
      samples[i] = ((value << 8) >> 8) / 8388608; // sign-extend 24 bits
    }
  } else {
    for (let i = 0; i < count; i++) samples[i] = view.getInt32(at + 4 * i, true) / 2147483648;
  }
  return {
    sampleRateHz,
    channels,
    bitsPerSample,
    encoding: format.formatTag === FLOAT_FORMAT ? 'float' : 'pcm',
    extensible: format.extensible,
    samples,
  };
}

function checkChannelsAndRate(format: WavFormat): void {
  if (format.channels < 1) throw new Error('Invalid WAV file: "fmt " chunk declares 0 channels');
  if (format.sampleRateHz < 1) {
    throw new Error('Invalid WAV file: "fmt " chunk declares a sample rate of 0 Hz');
  }
}

/** Names of WAVE format tags (RFC 2361) that turn up in practice, for messages. */
const FORMAT_NAMES: Record<number, string> = {
  2: 'Microsoft ADPCM',
  6: 'G.711 A-law',
  7: 'G.711 μ-law',
  0x11: 'IMA ADPCM',
  0x31: 'GSM 6.10',
  0x40: 'G.721 ADPCM',
  0x50: 'MPEG audio',
  0x55: 'MP3',
  0xff: 'AAC',
  0x1610: 'AAC (HE-AAC)',
  0x674f: 'Ogg Vorbis',
  0xf1ac: 'FLAC',
};

function describeFormatTag(formatTag: number, extensible: boolean): string {
  if (formatTag === UNKNOWN_SUBFORMAT) {
    return 'WAVE_FORMAT_EXTENSIBLE with a missing or unknown sub-format; only PCM and IEEE float are read';
  }
  const tag = extensible ? `sub-format ${formatTag} of WAVE_FORMAT_EXTENSIBLE` : `format tag ${formatTag}`;
  const name = FORMAT_NAMES[formatTag];
  if (formatTag === 6 || formatTag === 7) {
    return (
      `${name} (${tag}), the telephone codec, is not linear PCM. Decode it to 16-bit PCM first, ` +
      `e.g. "sox in.wav -e signed-integer -b 16 out.wav" or "ffmpeg -i in.wav -c:a pcm_s16le out.wav"`
    );
  }
  return `${name ? `${name} (${tag})` : tag}; only PCM (1) and IEEE float (3) are read`;
}

/** The 12 bytes after the format code in every KSDATAFORMAT_SUBTYPE GUID: -0000-0010-8000-00AA00389B71. */
const BASE_GUID_TAIL = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function isBaseGuid(tail: Uint8Array): boolean {
  return BASE_GUID_TAIL.every((byte, i) => tail[i] === byte);
}

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
}

function readAscii(bytes: Uint8Array, offset: number): string {
  let text = '';
  for (let i = 0; i < 4 && offset + i < bytes.length; i++) text += String.fromCharCode(bytes[offset + i]!);
  return text;
}
