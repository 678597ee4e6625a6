import { describe, expect, it } from 'vitest';
import { decodeWav, decodeWavFloat, encodeWav } from './wav.ts';

function ascii(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

describe('encodeWav', () => {
  it('writes a 44-byte PCM header for 8 kHz mono 16-bit', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768]);
    const bytes = encodeWav(samples);
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(44 + 10);
    expect(ascii(bytes, 0)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(36 + 10);
    expect(ascii(bytes, 8)).toBe('WAVE');
    expect(ascii(bytes, 12)).toBe('fmt ');
    expect(view.getUint32(16, true)).toBe(16);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint32(28, true)).toBe(16000);
    expect(view.getUint16(32, true)).toBe(2);
    expect(view.getUint16(34, true)).toBe(16);
    expect(ascii(bytes, 36)).toBe('data');
    expect(view.getUint32(40, true)).toBe(10);
    expect(view.getInt16(44 + 6, true)).toBe(32767);
  });

  it('round-trips through decodeWav', () => {
    const samples = Int16Array.from({ length: 1001 }, (_, i) => ((i * 7919) % 65536) - 32768);
    const decoded = decodeWav(encodeWav(samples, 16000));
    expect(decoded.sampleRateHz).toBe(16000);
    expect(decoded.channels).toBe(1);
    expect(decoded.bitsPerSample).toBe(16);
    expect(decoded.samples).toEqual(samples);
  });

  it('encodes an empty recording', () => {
    const decoded = decodeWav(encodeWav(new Int16Array(0)));
    expect(decoded.samples.length).toBe(0);
  });
});

/** Builds a WAV with extra chunks before "data" (and an odd-sized one, to check padding). */
function wavWithExtraChunks(samples: Int16Array): Uint8Array {
  const plain = encodeWav(samples);
  const list = new Uint8Array(8 + 13 + 1); // odd-sized LIST chunk plus its pad byte
  list.set([...'LIST'].map((c) => c.charCodeAt(0)));
  new DataView(list.buffer).setUint32(4, 13, true);
  list.set(
    [...'INFOISFT\x05\x00\x00\x00x'].map((c) => c.charCodeAt(0)),
    8,
  );
  const bytes = new Uint8Array(plain.length + list.length);
  bytes.set(plain.subarray(0, 36));
  bytes.set(list, 36);
  bytes.set(plain.subarray(36), 36 + list.length);
  new DataView(bytes.buffer).setUint32(4, bytes.length - 8, true);
  return bytes;
}

describe('decodeWav', () => {
  it('skips a LIST chunk between fmt and data', () => {
    const samples = Int16Array.from([5, -5, 1000, -1000]);
    const decoded = decodeWav(wavWithExtraChunks(samples));
    expect(decoded.samples).toEqual(samples);
    expect(decoded.sampleRateHz).toBe(8000);
  });

  it('reads from a view into a larger buffer', () => {
    const inner = encodeWav(Int16Array.from([1, 2, 3]));
    const outer = new Uint8Array(inner.length + 7);
    outer.set(inner, 3);
    expect(decodeWav(outer.subarray(3, 3 + inner.length)).samples).toEqual(Int16Array.from([1, 2, 3]));
  });

  it('says what is wrong with garbage', () => {
    expect(() => decodeWav(new Uint8Array(5))).toThrow(/too short/);
    expect(() => decodeWav(new TextEncoder().encode('hello, this is not a wav file'))).toThrow(/RIFF/);
    const notWave = encodeWav(new Int16Array(4));
    notWave.set(
      [...'AVI '].map((c) => c.charCodeAt(0)),
      8,
    );
    expect(() => decodeWav(notWave)).toThrow(/WAVE/);
  });

  it('refuses non-PCM, non-16-bit, and files without fmt or data', () => {
    const float = encodeWav(new Int16Array(4));
    new DataView(float.buffer).setUint16(20, 3, true);
    expect(() => decodeWav(float)).toThrow(/format tag 3/);
    const eightBit = encodeWav(new Int16Array(4));
    new DataView(eightBit.buffer).setUint16(34, 8, true);
    expect(() => decodeWav(eightBit)).toThrow(/8 bits/);
    const noData = encodeWav(new Int16Array(0)).subarray(0, 36);
    expect(() => decodeWav(noData)).toThrow(/no "data" chunk/);
    const noFmt = encodeWav(new Int16Array(2));
    noFmt.set(
      [...'junk'].map((c) => c.charCodeAt(0)),
      12,
    );
    expect(() => decodeWav(noFmt)).toThrow(/before the "fmt " chunk/);
  });
});

describe('decodeWavFloat', () => {
  it('reads 16-bit PCM as decodeWav does, scaled by 1 / 32768, past extra chunks', () => {
    const samples = Int16Array.from([-32768, -5, 0, 5, 1000, 32767]);
    const decoded = decodeWavFloat(wavWithExtraChunks(samples));
    expect(decoded).toMatchObject({ sampleRateHz: 8000, channels: 1, bitsPerSample: 16, encoding: 'pcm' });
    expect(decoded.extensible).toBe(false);
    expect(decoded.samples).toEqual(Float32Array.from(samples, (s) => s / 32768));
  });

  it('reads a streamed file whose RIFF and data sizes are unknown (0 and 0xFFFFFFFF)', () => {
    const bytes = encodeWav(Int16Array.from([7, -7, 9]));
    const view = new DataView(bytes.buffer);
    view.setUint32(4, 0, true);
    view.setUint32(40, 0xffffffff, true);
    expect(decodeWavFloat(bytes).samples).toEqual(Float32Array.from([7, -7, 9], (s) => s / 32768));
    expect(decodeWav(bytes).samples).toEqual(Int16Array.from([7, -7, 9]));
  });

  it('drops a trailing partial frame of a truncated data chunk', () => {
    const bytes = encodeWav(Int16Array.from([1, 2, 3]));
    expect(decodeWavFloat(bytes.subarray(0, bytes.length - 1)).samples).toEqual(
      Float32Array.from([1, 2], (s) => s / 32768),
    );
  });

  it('refuses what decodeWav refuses only for its 16-bit limit, and says so', () => {
    const float = encodeWav(new Int16Array(4));
    new DataView(float.buffer).setUint16(20, 3, true);
    // Now 16-bit float, which does not exist.
    expect(() => decodeWavFloat(float)).toThrow('16-bit IEEE float; IEEE float is read at 32, 64 bits');
    const mulaw = encodeWav(new Int16Array(4));
    new DataView(mulaw.buffer).setUint16(20, 7, true);
    expect(() => decodeWavFloat(mulaw)).toThrow(/G\.711 μ-law \(format tag 7\)/);
    expect(() => decodeWav(mulaw)).toThrow(
      'Unsupported WAV encoding: format tag 7, only PCM (1) is supported',
    );
  });
});
