import { SAMPLE_RATE_HZ } from './events.ts';

/** Length of the beep played before a `<Record>` starts recording (SPEC §3.1). */
export const BEEP_SECONDS = 0.5;

/** The beep on the call clock: the first BEEP_SAMPLES of audio after a beeping `<Record>` starts are not recorded. */
export const BEEP_SAMPLES = Math.round(BEEP_SECONDS * SAMPLE_RATE_HZ);
