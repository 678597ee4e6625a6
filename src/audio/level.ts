/** Signal level of a block of samples, linear with 1 = full scale (Int16 input is scaled by 1/32768). */
export function measureLevel(samples: Float32Array | Int16Array): { rms: number; peak: number } {
  const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
  let sumSquares = 0;
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]! * scale;
    sumSquares += x * x;
    const magnitude = x < 0 ? -x : x;
    if (magnitude > peak) peak = magnitude;
  }
  return { rms: samples.length > 0 ? Math.sqrt(sumSquares / samples.length) : 0, peak };
}

/** Decibels relative to full scale of a linear level (−Infinity for silence). */
export function toDbfs(x: number): number {
  return x > 0 ? 20 * Math.log10(x) : -Infinity;
}
