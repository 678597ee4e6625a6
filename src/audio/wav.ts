/**
 * WAV (RIFF) encoding of 16-bit PCM mono recordings, and a decoder that walks the chunk list properly:
 * it skips chunks it does not need (LIST, fact, …) and says clearly what is wrong with a file it refuses.
 */

export interface DecodedWav {
  sampleRateHz: number;
  channels: number;
  bitsPerSample: number;
  /** Interleaved 16-bit samples (one channel: just the samples). */
  samples: Int16Array;
}

const HEADER_BYTES = 44;
const PCM_FORMAT = 1;
const EXTENSIBLE_FORMAT = 0xfffe;

/** A 16-bit PCM mono WAV file with the canonical 44-byte header. */
export function encodeWav(samples: Int16Array, sampleRateHz = 8000): Uint8Array {
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

/** Decodes a 16-bit PCM WAV file; throws an Error that names the problem for anything else. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
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
  // The RIFF size may be wrong in streamed files; trust the actual length when it is shorter.
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));

  let format: { channels: number; sampleRateHz: number; bitsPerSample: number } | null = null;
  let offset = 12;
  while (offset + 8 <= riffEnd) {
    const id = readAscii(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) {
        throw new Error(`Invalid WAV file: "fmt " chunk is ${size} bytes, expected at least 16`);
      }
      const formatTag = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const sampleRateHz = view.getUint32(body + 4, true);
      const bitsPerSample = view.getUint16(body + 14, true);
      let pcm = formatTag === PCM_FORMAT;
      if (formatTag === EXTENSIBLE_FORMAT && size >= 40 && body + 26 <= bytes.length) {
        pcm = view.getUint16(body + 24, true) === PCM_FORMAT; // first two bytes of the sub-format GUID
      }
      if (!pcm)
        throw new Error(`Unsupported WAV encoding: format tag ${formatTag}, only PCM (1) is supported`);
      if (bitsPerSample !== 16) {
        throw new Error(`Unsupported WAV sample size: ${bitsPerSample} bits, only 16-bit PCM is supported`);
      }
      if (channels < 1) throw new Error('Invalid WAV file: "fmt " chunk declares 0 channels');
      if (sampleRateHz < 1) throw new Error('Invalid WAV file: "fmt " chunk declares a sample rate of 0 Hz');
      format = { channels, sampleRateHz, bitsPerSample };
    } else if (id === 'data') {
      if (!format) throw new Error('Invalid WAV file: "data" chunk comes before the "fmt " chunk');
      const available = Math.min(size, bytes.length - body);
      const blockAlign = format.channels * 2;
      const frames = Math.floor(available / blockAlign);
      const samples = new Int16Array(frames * format.channels);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(body + 2 * i, true);
      return { ...format, samples };
    }
    offset = body + size + (size & 1); // chunks are padded to an even length
  }
  if (!format) throw new Error('Invalid WAV file: no "fmt " chunk found');
  throw new Error('Invalid WAV file: no "data" chunk found');
}

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
}

function readAscii(bytes: Uint8Array, offset: number): string {
  let text = '';
  for (let i = 0; i < 4 && offset + i < bytes.length; i++) text += String.fromCharCode(bytes[offset + i]!);
  return text;
}
