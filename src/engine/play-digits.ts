/** How long twilio's `<Play digits>` lasts (SPEC §7), in simulateCall and the browser's speaker alike. */

/** Each key sounds this long, then this much silence follows it. */
export const DIGIT_TONE_SECONDS = 0.1;
export const DIGIT_GAP_SECONDS = 0.1;
/** `w` waits half a second, `W` a whole second (Twilio's error 13430 names both). */
export const DIGIT_WAIT_SECONDS: Readonly<Record<string, number>> = { w: 0.5, W: 1 };

/** Seconds that one playing of `digits` lasts. */
export function playDigitsSeconds(digits: string): number {
  let seconds = 0;
  for (const char of digits) seconds += DIGIT_WAIT_SECONDS[char] ?? DIGIT_TONE_SECONDS + DIGIT_GAP_SECONDS;
  return seconds;
}
