/**
 * A deterministic source of uniform numbers in [0, 1): mulberry32 (Tommy Ettinger's 32-bit generator, the
 * same algorithm as the engine's seeded hex digits), for decisions that must be the same on every run and
 * in every runtime: which packets a simulated network loses. Written by hand because it is a dozen lines and
 * the pure layers may not use `Math.random` or `crypto`.
 *
 * The seed is any whole number; it is taken modulo 2³² (so −1 and 4294967295 give the same sequence).
 */
export function createSeededRandom(seed: number): () => number {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a whole number, got ${String(seed)}`);
  }
  let state = seed >>> 0; // ToUint32: the seed modulo 2³², exactly
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
