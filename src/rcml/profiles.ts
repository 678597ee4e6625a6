import type { ProfileName, Severity } from './types.ts';

/**
 * A dialect profile: plain switches read by the parser and the engine (SPEC.md, rows marked RC and TW).
 * Nothing else in the code may branch on a profile's name.
 */
export interface Profile {
  name: ProfileName;
  // Documents (SPEC §1)
  /** Severity of schema errors (12200): root, unknown verb, nesting. */
  schemaSeverity: Severity;
  /** Any root is accepted and verbs are found depth-first. */
  anyRoot: boolean;
  /** Children nested inside `<Record>` are ignored with a warning instead of an error. */
  ignoreNestedInRecord: boolean;
  // Record attributes (SPEC §2)
  /** Without `action`, no request is made and the next verb runs (instead of re-requesting the document). */
  recordWithoutActionGoesOn: boolean;
  /** `timeout="0"` disables silence detection. */
  timeoutZeroDisables: boolean;
  /** `playBeep`: anything but `true` is false, with no warning. */
  playBeepOnlyTrueIsTrue: boolean;
  /** `trim` is read (and defaults to `trim-silence`). */
  supportsTrim: boolean;
  // Requests (SPEC §3, §4)
  apiVersion: string;
  /** `wav`: http URL ending in .wav; `file`: file:///…/RE….wav (plus PublicRecordingUrl); `no-extension`: Twilio's. */
  recordingUrlForm: 'wav' | 'file' | 'no-extension';
  /** `seconds`: whole seconds, rounded, ≥ 1; `java-double`: (44 + 2 × samples) / 16000 as Java prints it. */
  recordingDurationForm: 'seconds' | 'java-double';
  /** An empty recording still requests the action (with RecordingDuration=0.0 and no RecordingUrl). */
  emptyRecordingRequestsAction: boolean;
  /** A GET drops the action URL's own query before appending the parameters. */
  getDropsActionQuery: boolean;
  /** Every request carries X-Twilio-Signature, keyed with the Auth Token setting (SPEC §7). */
  signsRequests: boolean;
}

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  restcomm: {
    name: 'restcomm',
    schemaSeverity: 'error',
    anyRoot: false,
    ignoreNestedInRecord: false,
    recordWithoutActionGoesOn: false,
    timeoutZeroDisables: false,
    playBeepOnlyTrueIsTrue: false,
    supportsTrim: false,
    apiVersion: '2012-04-24',
    recordingUrlForm: 'wav',
    recordingDurationForm: 'seconds',
    emptyRecordingRequestsAction: false,
    getDropsActionQuery: false,
    signsRequests: false,
  },
  'restcomm-connect': {
    name: 'restcomm-connect',
    schemaSeverity: 'warning',
    anyRoot: true,
    ignoreNestedInRecord: true,
    recordWithoutActionGoesOn: true,
    timeoutZeroDisables: false,
    playBeepOnlyTrueIsTrue: true,
    supportsTrim: false,
    apiVersion: '2012-04-24',
    recordingUrlForm: 'file',
    recordingDurationForm: 'java-double',
    emptyRecordingRequestsAction: true,
    getDropsActionQuery: true,
    signsRequests: false,
  },
  twilio: {
    name: 'twilio',
    schemaSeverity: 'error',
    anyRoot: false,
    ignoreNestedInRecord: false,
    recordWithoutActionGoesOn: false,
    timeoutZeroDisables: true,
    playBeepOnlyTrueIsTrue: false,
    supportsTrim: true,
    apiVersion: '2010-04-01',
    recordingUrlForm: 'no-extension',
    recordingDurationForm: 'seconds',
    emptyRecordingRequestsAction: false,
    getDropsActionQuery: false,
    signsRequests: true,
  },
};

export function getProfile(name: ProfileName = 'restcomm'): Profile {
  return PROFILES[name];
}
