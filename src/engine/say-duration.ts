/** How long a `<Say>` lasts where no synthesizer speaks it (simulateCall, a browser with no voice). */
export const SECONDS_PER_WORD = 0.4;
export const MIN_SAY_SECONDS = 0.5;

/** 0.4 s per word, at least 0.5 s, for one reading of `text` (SPEC §4). */
export function estimateSaySeconds(text: string): number {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '').length;
  return Math.max(MIN_SAY_SECONDS, SECONDS_PER_WORD * words);
}
