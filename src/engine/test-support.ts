import type { SimulatedRequest, SimulatedResponse } from './simulate.ts';
import { SAMPLE_RATE_HZ } from './events.ts';

/** Test helpers for the engine's specs (not used by the app). */

export const DOC = 'https://app.example.com/voice.xml';

/** `<Response>` around the given verbs. */
export function rcml(verbs: string): string {
  return `<Response>${verbs}</Response>`;
}

/** A `respond` that answers by path (and 404 for anything else), remembering nothing. */
export function routes(table: Record<string, string | SimulatedResponse>) {
  return (request: SimulatedRequest): SimulatedResponse => {
    const path = new URL(request.url).pathname;
    const answer = table[path];
    if (answer === undefined) return { status: 404, contentType: 'text/plain', body: 'not found' };
    return typeof answer === 'string' ? { body: answer } : answer;
  };
}

/** The call parameters of SPEC §4, in the order they are sent. */
export const CALL_PARAM_NAMES = [
  'CallSid',
  'AccountSid',
  'From',
  'To',
  'CallStatus',
  'ApiVersion',
  'Direction',
  'CallerName',
] as const;

/**
 * Where the simulated VAD puts speech: frames end at multiples of 256 samples and are speech when their
 * middle lies in a speech interval. These give the first speech frame's start and the last one's end.
 */
export function firstSpeechFrameStart(startSeconds: number): number {
  const start = Math.round(startSeconds * SAMPLE_RATE_HZ);
  return Math.ceil((start + 128) / 256) * 256 - 256;
}
export function lastSpeechFrameEnd(endSeconds: number): number {
  const end = Math.round(endSeconds * SAMPLE_RATE_HZ);
  return Math.ceil((end + 128) / 256) * 256 - 256;
}
