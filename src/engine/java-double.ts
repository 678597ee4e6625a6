/**
 * Formats a finite number the way Java's `Double.toString` does (shortest digits that round-trip):
 * decimal notation with at least one fractional digit for 10^-3 ≤ |d| < 10^7 (`5.00275`, `0.00275`, `3.0`),
 * otherwise computerized scientific notation (`1.0E7`, `2.75E-4`).
 */
export function formatJavaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  // toExponential() without an argument gives the shortest digits that identify the value.
  const [mantissa = '', exponentText = '0'] = magnitude.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const integerPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const fractionPart = digits.slice(exponent + 1);
      return `${sign}${integerPart}.${fractionPart === '' ? '0' : fractionPart}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const fraction = digits.slice(1);
  return `${sign}${digits[0]}.${fraction === '' ? '0' : fraction}E${exponent}`;
}
