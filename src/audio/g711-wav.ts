import { alaw, mulaw } from 'alawmulaw';
import { SAMPLE_RATE_HZ } from './sample-rate.ts';

/** G.711, the telephone codecs of the Restcomm media server: μ-law (North America, Japan) and A-law. */
export type G711Law = 'mulaw' | 'alaw';

/** WAVE format tags (RFC 2361). */
const FORMAT_TAG: Record<G711Law, number> = { alaw: 6, mulaw: 7 };

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
}

/**
 * A G.711 WAV file (8-bit companded, mono) of 16-bit samples: the `fmt ` chunk of a non-PCM format
 * (18 bytes, cbSize 0), a `fact` chunk with the sample count, then the data, padded to an even length.
 */
export function encodeG711Wav(samples: Int16Array, law: G711Law, sampleRateHz = SAMPLE_RATE_HZ): Uint8Array {
  const data = law === 'alaw' ? alaw.encode(samples) : mulaw.encode(samples);
  const pad = data.length % 2;
  const fmtBytes = 18;
  const headerBytes = 12 + (8 + fmtBytes) + (8 + 4) + 8;
  const bytes = new Uint8Array(headerBytes + data.length + pad);
  const view = new DataView(bytes.buffer);
  writeAscii(bytes, 0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  writeAscii(bytes, 8, 'WAVE');
  writeAscii(bytes, 12, 'fmt ');
  view.setUint32(16, fmtBytes, true);
  view.setUint16(20, FORMAT_TAG[law], true);
  view.setUint16(22, 1, true); // channels
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz, true); // byte rate: one byte a sample
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  view.setUint16(36, 0, true); // cbSize
  writeAscii(bytes, 38, 'fact');
  view.setUint32(42, 4, true);
  view.setUint32(46, samples.length, true);
  writeAscii(bytes, 50, 'data');
  view.setUint32(54, data.length, true);
  bytes.set(data, headerBytes);
  return bytes;
}

/** The 16-bit samples of a G.711 WAV's data (the inverse of the codec, for checks and playback). */
export function decodeG711(data: Uint8Array, law: G711Law): Int16Array {
  return law === 'alaw' ? alaw.decode(data) : mulaw.decode(data);
}
