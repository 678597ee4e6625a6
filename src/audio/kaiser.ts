/** Kaiser-window FIR design helpers (Kaiser's empirical formulas). */

/** Window shape parameter β for a stopband attenuation in dB. */
export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

/** Taps needed for `attenuationDb` with a transition of `transitionCycles` cycles per sample. */
export function kaiserLength(attenuationDb: number, transitionCycles: number): number {
  return Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionCycles)) + 1;
}

/** Kaiser window at offset `x` from its centre, for half-width `halfWidth` (0 outside). */
export function kaiserWindow(x: number, halfWidth: number, beta: number, i0Beta = besselI0(beta)): number {
  if (Math.abs(x) > halfWidth) return 0;
  const ratio = halfWidth > 0 ? x / halfWidth : 0;
  return besselI0(beta * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / i0Beta;
}

export function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Modified Bessel function of the first kind, order 0 (power series). */
export function besselI0(x: number): number {
  const half = x / 2;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= (half / k) * (half / k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}
