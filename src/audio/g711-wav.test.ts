import { describe, expect, it } from 'vitest';
import { decodeG711, encodeG711Wav } from './g711-wav.ts';

function ascii(bytes: Uint8Array, offset: number, length = 4): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function tone(n: number): Int16Array {
  return Int16Array.from({ length: n }, (_, i) =>
    Math.round(12000 * Math.sin((2 * Math.PI * 997 * i) / 8000)),
  );
}

describe.each(['mulaw', 'alaw'] as const)('G.711 %s WAV', (law) => {
  it('has the header of an 8 kHz mono 8-bit companded file with its sample count', () => {
    const samples = tone(8001);
    const wav = encodeG711Wav(samples, law);
    const view = new DataView(wav.buffer);
    expect(ascii(wav, 0)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
    expect(ascii(wav, 8)).toBe('WAVE');
    expect(ascii(wav, 12)).toBe('fmt ');
    expect(view.getUint16(20, true)).toBe(law === 'alaw' ? 6 : 7);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint16(34, true)).toBe(8);
    expect(ascii(wav, 38)).toBe('fact');
    expect(view.getUint32(46, true)).toBe(8001);
    expect(ascii(wav, 50)).toBe('data');
    expect(view.getUint32(54, true)).toBe(8001);
    expect(wav.length % 2).toBe(0); // padded
  });

  it('round-trips a tone within G.711 quantisation (SNR above 30 dB)', () => {
    const samples = tone(8000);
    const wav = encodeG711Wav(samples, law);
    const decoded = decodeG711(wav.subarray(58, 58 + samples.length), law);
    let signal = 0;
    let noise = 0;
    for (let i = 0; i < samples.length; i++) {
      signal += samples[i]! ** 2;
      noise += (samples[i]! - decoded[i]!) ** 2;
    }
    expect(10 * Math.log10(signal / noise)).toBeGreaterThan(30);
  });
});
