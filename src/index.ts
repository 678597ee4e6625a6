/**
 * The package's main entry (`import { simulateCall, parseRcml } from 'rcml-record-sandbox'`): the call
 * engine in Node with a scripted caller, the RCML parser, and the dialect profiles they read. Plain Node
 * ESM (≥ 20.19), no bundler; the Playwright kit is the separate entry `rcml-record-sandbox/playwright`.
 */
export { simulateCall } from './node/simulate-call.ts';
export { respondWithRules } from './node/respond-with-rules.ts';
export { normalizeRules, ruleTranscript, CATCH_ALL_RULE, type MockRule } from './engine/mock-rules.ts';
export {
  BEEP_SECONDS,
  BEEP_SAMPLES,
  CATCH_ALL_RESPONSE,
  DEFAULT_DOCUMENT_URL,
  DEFAULT_CALLER,
  DEFAULT_MAX_SECONDS,
  DEFAULT_HTTP_TIMEOUT_SECONDS,
  DEFAULT_AUTH_TOKEN,
  SIMULATED_PLAY_SECONDS,
  type SimulateOptions,
  type SimulatedCall,
  type SimulatedRequest,
  type SimulatedResponse,
  type SimulatedAudio,
} from './engine/simulate.ts';
export type { Notification, RecordingResult, RequestPurpose, StopReason } from './engine/events.ts';
export { SAMPLE_RATE_HZ } from './engine/events.ts';
export { parseRcml, MAX_DOCUMENT_CHARS, type ParseOptions } from './rcml/parse.ts';
export { PROFILES, getProfile, type Profile } from './rcml/profiles.ts';
export {
  PROFILE_NAMES,
  type ProfileName,
  type Severity,
  type Diagnostic,
  type ParseResult,
  type RcmlDocument,
  type Verb,
  type RecordVerb,
  type SayVerb,
  type PlayVerb,
  type PauseVerb,
  type GatherVerb,
  type GatherChild,
  type HangupVerb,
  type RedirectVerb,
  type RejectVerb,
  type HttpMethod,
} from './rcml/types.ts';
