import { describe, expect, it } from 'vitest';
import { StreamAligner } from './vad-align.ts';
import { FrameClock } from './vad-frames.ts';

/** Seeded noise bursts (speech-like on/off) at 8 kHz, with digital silence before `silentUntil`. */
function bursts(length: number, silentUntil = 0, seed = 7): Int16Array {
  const out = new Int16Array(length);
  const random = mulberry32(seed);
  for (let i = silentUntil; i < length; i++) {
    const on = Math.floor(i / 1200) % 3 !== 2;
    out[i] = on ? Math.round((random() - 0.5) * 16000) : 0;
  }
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Frame k of the detector's stream (starting at `streamStart` in `audio`) at 16 kHz, samples held twice. */
function frame16k(audio: Int16Array, streamStart: number, k: number): Float32Array {
  const frame = new Float32Array(512);
  for (let i = 0; i < 256; i++) {
    const x = (audio[streamStart + k * 256 + i] ?? 0) / 32768;
    frame[2 * i] = x;
    frame[2 * i + 1] = x;
  }
  return frame;
}

/**
 * Runs the aligner as the browser does: the detector's stream starts `lead` samples before the first
 * captured chunk (negative: after it); the first chunk is at clock position `clockStart`.
 */
function align(audio: Int16Array, lead: number, clockStart = 1000) {
  const aligner = new StreamAligner(256);
  const pushStart = Math.max(0, lead);
  const streamStart = Math.max(0, -lead);
  let frames = 0;
  for (let at = pushStart; at + 160 <= audio.length; at += 160) {
    aligner.addCaptured(audio.subarray(at, at + 160), clockStart + at - pushStart);
    for (; streamStart + (frames + 1) * 256 <= at + 160; frames++)
      aligner.addFrame(frame16k(audio, streamStart, frames));
    const result = aligner.decide();
    if (result) return result;
  }
  return aligner.decide();
}

describe('StreamAligner', () => {
  for (const lead of [0, 37, 300, 1999, -200]) {
    it(`finds the detector's start to the sample when it starts ${lead} samples before the first chunk`, () => {
      const result = align(bursts(24000), lead);
      expect(result?.kind).toBe('matched');
      expect(result?.origin).toBe(1000 - lead);
    });
  }

  it('waits through digital silence and matches when sound comes', () => {
    const result = align(bursts(24000, 4000), 300);
    expect(result).toMatchObject({ kind: 'matched', origin: 700 });
  });

  it('falls back to counting from the first chunk when there is nothing to match', () => {
    const result = align(new Int16Array(24000), 300);
    expect(result).toMatchObject({ kind: 'counted', origin: 1000 });
  });

  it('does not trust a steady tone, which matches equally well a period apart', () => {
    const tone = new Int16Array(24000);
    for (let i = 0; i < tone.length; i++)
      tone[i] = Math.round(8000 * Math.sin((2 * Math.PI * 250 * i) / 8000));
    expect(align(tone, 300)).toMatchObject({ kind: 'counted', origin: 1000 });
  });

  it('refuses an offset outside its search range (and then counts)', () => {
    const result = align(bursts(24000), 2600);
    expect(result?.kind).toBe('counted');
  });
});

describe('FrameClock with an aligner', () => {
  it('holds frames until the origin is found, then places them from it', () => {
    const audio = bursts(24000);
    const lead = 300;
    const clock = new FrameClock(
      { positiveSpeechThreshold: 0.5, negativeSpeechThreshold: 0.5 },
      256,
      new StreamAligner(256),
    );
    const placed: number[] = [];
    let frames = 0;
    let heldAtFirst = -1;
    for (let at = lead; at + 160 <= audio.length; at += 160) {
      for (; (frames + 1) * 256 <= at + 160; frames++) clock.add(0.9, frame16k(audio, 0, frames));
      const out = clock.take(at - lead, audio.subarray(at, at + 160));
      if (heldAtFirst < 0) heldAtFirst = out.length;
      placed.push(...out.map((f) => f.endSample));
    }
    expect(heldAtFirst).toBe(0);
    expect(clock.alignment?.kind).toBe('matched');
    expect(placed.slice(0, 3)).toEqual([256 - lead, 512 - lead, 768 - lead]);
  });
});
