/**
 * The linear filter (FIR, taps at lags −halfTaps…halfTaps) that best maps `reference` onto `test` in the
 * least-squares sense: the frequency response and sub-sample delay of a channel, fitted from what went in
 * and what came out. Applied to the reference, it leaves in `test − filtered` only what no linear filter
 * explains (a codec's quantization noise, lost packets, clipping), which is what "within G.711's SNR" asks
 * for of a path whose resamplers also shape the band. Both signals are 16-bit and of the same length.
 *
 * Solved by the normal equations R·h = p (R the reference's covariance at the tap lags, p its
 * cross-correlation with `test`), by Gaussian elimination with partial pivoting: 2·halfTaps + 1 unknowns,
 * O(length · taps) to build. Throws a RangeError for different lengths, a negative or non-integer
 * `halfTaps`, a signal shorter than the filter, or a reference without energy.
 */
export function fitLinearFilter(reference: Int16Array, test: Int16Array, halfTaps: number): Float64Array {
  if (reference.length !== test.length) {
    throw new RangeError(
      `fitLinearFilter: the reference has ${reference.length} samples but the test signal has ${test.length}`,
    );
  }
  if (!Number.isInteger(halfTaps) || halfTaps < 0) {
    throw new RangeError(`fitLinearFilter: halfTaps must be an integer ≥ 0, got ${halfTaps}`);
  }
  const taps = 2 * halfTaps + 1;
  const n = reference.length;
  if (n < 2 * taps) {
    throw new RangeError(`fitLinearFilter: ${n} samples are too few for a filter of ${taps} taps`);
  }
  // The sums run over the samples where every tap has a reference sample: i in [halfTaps, n − halfTaps).
  const first = halfTaps;
  const last = n - halfTaps;
  const covariance: Float64Array[] = Array.from({ length: taps }, () => new Float64Array(taps));
  const cross = new Float64Array(taps);
  for (let j = 0; j < taps; j++) {
    for (let k = j; k < taps; k++) {
      let sum = 0;
      for (let i = first; i < last; i++) sum += reference[i - j + halfTaps]! * reference[i - k + halfTaps]!;
      covariance[j]![k] = sum;
      covariance[k]![j] = sum;
    }
    let sum = 0;
    for (let i = first; i < last; i++) sum += test[i]! * reference[i - j + halfTaps]!;
    cross[j] = sum;
  }
  if (covariance[halfTaps]![halfTaps] === 0) {
    throw new RangeError('fitLinearFilter: the reference is silent, so no filter can be fitted');
  }
  return solve(covariance, cross);
}

/** `reference` through the filter of fitLinearFilter (lags −halfTaps…halfTaps), rounded to 16 bits. */
export function applyLinearFilter(reference: Int16Array, filter: Float64Array): Int16Array {
  const halfTaps = (filter.length - 1) / 2;
  const out = new Int16Array(reference.length);
  for (let i = 0; i < reference.length; i++) {
    let sum = 0;
    for (let k = 0; k < filter.length; k++) {
      const at = i - k + halfTaps;
      if (at >= 0 && at < reference.length) sum += filter[k]! * reference[at]!;
    }
    out[i] = Math.max(-32768, Math.min(32767, Math.round(sum)));
  }
  return out;
}

/** Solves a·x = b in place (Gaussian elimination, partial pivoting). */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    }
    if (a[pivot]![col] === 0) {
      throw new RangeError('fitLinearFilter: the reference has too little bandwidth for this many taps');
    }
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    const top = a[col]!;
    for (let row = col + 1; row < n; row++) {
      const line = a[row]!;
      const factor = line[col]! / top[col]!;
      if (factor === 0) continue;
      for (let k = col; k < n; k++) line[k] = line[k]! - factor * top[k]!;
      b[row] = b[row]! - factor * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let row = n - 1; row >= 0; row--) {
    const line = a[row]!;
    let sum = b[row]!;
    for (let k = row + 1; k < n; k++) sum -= line[k]! * x[k]!;
    x[row] = sum / line[row]!;
  }
  return x;
}
