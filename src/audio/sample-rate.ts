/** The one clock: samples of the 8 kHz mono stream captured since the call started (DESIGN.md). */
export const SAMPLE_RATE_HZ = 8000;
