/** A VAD frame whose speech probability is at least this is speech (SPEC §3.3, §3.4). */
export const SPEECH_PROBABILITY_THRESHOLD = 0.5;
