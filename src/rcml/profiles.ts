import type { ProfileName, Severity } from './types.ts';

/** The call parameters a profile may send (SPEC §4, §7), in the order it lists them. */
export type CallParamName =
  | 'CallSid'
  | 'InstanceId'
  | 'AccountSid'
  | 'From'
  | 'To'
  | 'CallStatus'
  | 'ApiVersion'
  | 'Direction'
  | 'CallerName'
  | 'ForwardedFrom'
  | 'CallTimestamp';

/** The parameters that are settings of a profile (restcomm-connect's, SPEC §7): CallOptions.extraParams sets them. */
export type ExtraParamName = 'InstanceId' | 'ForwardedFrom' | 'CallTimestamp';

/** How a response of status 200 is read, by its body and content type (SPEC §5, §7). */
export interface ResponseRules {
  /**
   * Every non-empty body, whatever its status and content type, must be well-formed XML before anything else
   * is looked at; otherwise the request failed and the call ends.
   */
  bodyMustBeXml: boolean;
  /**
   * How a content type is compared with the lists below: `media-type`: the type before any `;`, in any case
   * (an entry starting with `+` matches that structured-syntax suffix, `+xml`); `contains`: the entry appears
   * in the header's value, case-sensitively.
   */
  typeMatch: 'media-type' | 'contains';
  /** Types whose body is parsed as RCML. */
  xml: readonly string[];
  /** Types for which the call plays the URL that was requested (without its query). */
  playRequestUrl: readonly string[];
  /** Types for which the call says the body. */
  sayBody: readonly string[];
  /** A type in no list: error 12100 and the call ends, or nothing more runs and the call waits for a hang-up. */
  otherType: 'error' | 'wait';
  /** No content type at all: error 12100 and the call ends, or the call hangs up. */
  noType: 'error' | 'hang-up';
}

/**
 * A dialect profile: plain switches read by the parser and the engine (SPEC.md, rows marked RC and TW).
 * Nothing else in the code may branch on a profile's name.
 */
export interface Profile {
  name: ProfileName;
  // Documents (SPEC §1, §7)
  /** Severity of schema errors (12200): root, unknown verb, nesting. */
  schemaSeverity: Severity;
  /** Any root is accepted and verbs are found depth-first. */
  anyRoot: boolean;
  /** Children nested inside `<Record>` are ignored with a warning instead of an error. */
  ignoreNestedInRecord: boolean;
  /**
   * What is cut from both ends of a document before it is read (so blanks may stand before `<?xml …?>`), and
   * from attribute values: `xml-blanks`: a byte order mark and XML's blanks (space, tab, CR, LF); `java-trim`:
   * what Java's `String.trim()` cuts, every character up to U+0020 (no byte order mark).
   */
  trim: 'xml-blanks' | 'java-trim';
  /**
   * A bare `&`, one that starts no entity or character reference (`?a=1&b=2`): `literal`: taken as
   * written, warning 19008; `first-before-semicolon`: Restcomm-Connect's rewrite, which escapes a bare `&`
   * and skips everything up to the next `;` (a second bare `&` there stays bare: 12100); `error`: 12100.
   */
  bareAmpersand: 'literal' | 'first-before-semicolon' | 'error';
  /** `<Say>` may hold SSML elements; what is said is their text. */
  ssmlInSay: boolean;
  /** Verbs that may hold `<Parameter name value/>` (no effect in the sandbox). */
  parameterParents: readonly string[];
  /** `<Play digits="…">`: DTMF tones (`w` 0.5 s, `W` 1 s of silence), no URL needed. */
  playDigits: boolean;
  /** `<Gather actionOnEmptyResult>` is read: no input still requests the action. */
  gatherActionOnEmptyResult: boolean;
  // Record attributes (SPEC §2, §7)
  /** Without `action`, no request is made and the next verb runs (instead of re-requesting the document). */
  recordWithoutActionGoesOn: boolean;
  /** `action=""`: no request is made and nothing more runs; the call waits for a hang-up. */
  emptyActionWaitsForHangup: boolean;
  /** `timeout="0"` disables silence detection. */
  timeoutZeroDisables: boolean;
  /**
   * `timeout` and `maxLength` are read as Java's `Integer.parseInt` reads them (`+5`, `007`, `0`, `-3`) and
   * used as they are: a value ≤ 0 turns that limit off (warning 19009 says so).
   */
  uncheckedRecordIntegers: boolean;
  /** A `maxLength` above this is warning 13612 and this value; null: no upper bound. */
  maxLengthLimitSeconds: number | null;
  /** `playBeep`: anything but `true` (any case) is false, with no warning. */
  playBeepOnlyTrueIsTrue: boolean;
  /** An empty `playBeep`, `finishOnKey`, `method`, `timeout`, `maxLength` or `media` is read silently (`finishOnKey` as `#`, the others as their defaults). */
  emptyValueIsDefault: boolean;
  /** `trim` is read (and defaults to `trim-silence`). */
  supportsTrim: boolean;
  /** `recordingStatusCallback` (with its method and events) and `transcribe`/`transcribeCallback` are run. */
  recordingCallbacks: boolean;
  // Requests (SPEC §3, §4, §7)
  apiVersion: string;
  /** `wav`: http URL ending in .wav; `file`: file:///…/RE….wav (plus PublicRecordingUrl); `no-extension`: Twilio's. */
  recordingUrlForm: 'wav' | 'file' | 'no-extension';
  /**
   * `seconds`: whole seconds, rounded, ≥ 1; `java-float`: Restcomm-Connect's WavUtils, the file's bytes
   * (44 + 2 × samples) divided by 8000 in Java float, then by 2 in double, as Java prints it.
   */
  recordingDurationForm: 'seconds' | 'java-float';
  /**
   * When a recording is empty: `no-speech` (SPEC §3.4): no speech frame in it, or no samples; `no-file`: the
   * recorder never started (a hang-up during the beep), so there is no file.
   */
  emptyRecording: 'no-speech' | 'no-file';
  /** An empty recording still requests the action (with RecordingDuration=0.0 and no RecordingUrl). */
  emptyRecordingRequestsAction: boolean;
  /** The Record action carries `RecordingSid`. */
  actionSendsRecordingSid: boolean;
  /**
   * The query of a request's URL: `keep`; `move-to-params`: it is taken off the URL and its pairs follow
   * the call's parameters (in a GET's new query, or in a POST's body).
   */
  urlQuery: 'keep' | 'move-to-params';
  /** `CA` + 32 hex, or the InstanceId, `-CA` and 32 hex. */
  callSidForm: 'CA' | 'instance-CA';
  /** The call parameters of every request, in the order they are sent. */
  callParams: readonly CallParamName[];
  /** Values of the extra parameters this profile sends (CallTimestamp defaults to the call's start time). */
  extraParams: Readonly<Partial<Record<ExtraParamName, string>>>;
  /** What CallerName and ForwardedFrom carry when they are empty. */
  emptyNameValue: string;
  /** Every request carries X-Twilio-Signature, keyed with the Auth Token setting (SPEC §7). */
  signsRequests: boolean;
  // Responses (SPEC §5, §7)
  responses: ResponseRules;
  /**
   * After a hang-up during `<Record>`: `ignored`: the action's response is not run (SPEC §3); `parsed`: it
   * is parsed and its verbs walked, `verbsAfterHangup` run, the rest are skipped (so are the verbs left in
   * the current document when there was no request).
   */
  afterHangup: 'ignored' | 'parsed';
  /** The verbs that still run once the caller has hung up (they need no caller). */
  verbsAfterHangup: readonly string[];
}

const STANDARD_CALL_PARAMS: readonly CallParamName[] = [
  'CallSid',
  'AccountSid',
  'From',
  'To',
  'CallStatus',
  'ApiVersion',
  'Direction',
  'CallerName',
];

const XML_RESPONSES: ResponseRules = {
  bodyMustBeXml: false,
  typeMatch: 'media-type',
  xml: ['text/xml', 'application/xml', '+xml'],
  playRequestUrl: [],
  sayBody: [],
  otherType: 'error',
  noType: 'error',
};

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  restcomm: {
    name: 'restcomm',
    schemaSeverity: 'error',
    anyRoot: false,
    ignoreNestedInRecord: false,
    trim: 'xml-blanks',
    bareAmpersand: 'literal',
    ssmlInSay: false,
    parameterParents: [],
    playDigits: false,
    gatherActionOnEmptyResult: false,
    recordWithoutActionGoesOn: false,
    emptyActionWaitsForHangup: false,
    timeoutZeroDisables: false,
    uncheckedRecordIntegers: false,
    maxLengthLimitSeconds: null,
    playBeepOnlyTrueIsTrue: false,
    emptyValueIsDefault: false,
    supportsTrim: false,
    recordingCallbacks: false,
    apiVersion: '2012-04-24',
    recordingUrlForm: 'wav',
    recordingDurationForm: 'seconds',
    emptyRecording: 'no-speech',
    emptyRecordingRequestsAction: false,
    actionSendsRecordingSid: false,
    urlQuery: 'keep',
    callSidForm: 'CA',
    callParams: STANDARD_CALL_PARAMS,
    extraParams: {},
    emptyNameValue: '',
    signsRequests: false,
    responses: XML_RESPONSES,
    afterHangup: 'ignored',
    verbsAfterHangup: [],
  },
  /*
   * Where Restcomm-Connect's code (commit c67f1423 of RestComm/Restcomm-Connect, paths under restcomm/) and
   * SPEC §7 disagree, this profile follows the code:
   * - bareAmpersand: restcomm.interpreter …/interpreter/rcml/Parser.java, the Parser(String, ActorRef)
   *   constructor, `xml.trim().replaceAll("&([^;]+(?!(?:\\w|;)))", "&amp;$1")`: one match runs to the next
   *   `;`, so only the first bare `&` before it is escaped.
   * - trim: the same `xml.trim()`, Java's String.trim (no byte order mark), and Parser.start, which trims
   *   each attribute value the same way.
   * - emptyRecording: restcomm.commons …/util/WavUtils.java getAudioDuration and BaseVoiceInterpreter
   *   FinishRecording.execute: only a missing or empty file (the recorder never started) is 0.0.
   * - responses: …/http/client/Downloader.java validateXML (every body with a Content-Length is parsed as XML
   *   first, whatever its status or type) and VoiceInterpreter Ready.execute (`type.contains(…)`: only
   *   audio/wav, audio/wave and audio/x-wav play the URL; any other type leaves the parser null, a stall;
   *   no Content-Type hangs up).
   * - urlQuery: …/http/client/HttpRequestDescriptor.java, the constructor and base(): the query is taken off
   *   the URL and its pairs appended to the parameters (SPEC §4 says it is dropped).
   * - callSidForm, callParams, extraParams, emptyNameValue: VoiceInterpreter.parameters() and
   *   restcomm.commons …/dao/Sid.java generate(CALL): InstanceId + "-CA" + 32 hex.
   * - verbsAfterHangup: VoiceInterpreter.onTagMessage: Fax, Sms and Email have no check of the call's state,
   *   every other verb needs callState != COMPLETED (SPEC §7 names Sms and Email).
   * - recordingCallbacks: BaseVoiceInterpreter FinishRecording.execute reads transcribe and
   *   transcribeCallback only when checkAsrService() finds an api-key, which the shipped restcomm.xml leaves
   *   empty: the attributes are not even checked.
   */
  'restcomm-connect': {
    name: 'restcomm-connect',
    schemaSeverity: 'warning',
    anyRoot: true,
    ignoreNestedInRecord: true,
    trim: 'java-trim',
    bareAmpersand: 'first-before-semicolon',
    ssmlInSay: false,
    parameterParents: [],
    playDigits: false,
    gatherActionOnEmptyResult: false,
    recordWithoutActionGoesOn: true,
    emptyActionWaitsForHangup: true,
    timeoutZeroDisables: false,
    uncheckedRecordIntegers: true,
    maxLengthLimitSeconds: null,
    playBeepOnlyTrueIsTrue: true,
    emptyValueIsDefault: true,
    supportsTrim: false,
    recordingCallbacks: false,
    apiVersion: '2012-04-24',
    recordingUrlForm: 'file',
    recordingDurationForm: 'java-float',
    emptyRecording: 'no-file',
    emptyRecordingRequestsAction: true,
    actionSendsRecordingSid: false,
    urlQuery: 'move-to-params',
    callSidForm: 'instance-CA',
    callParams: [
      'CallSid',
      'InstanceId',
      'AccountSid',
      'From',
      'To',
      'CallStatus',
      'ApiVersion',
      'Direction',
      'CallerName',
      'ForwardedFrom',
      'CallTimestamp',
    ],
    extraParams: { InstanceId: 'ID5a4d1b0c9e8f47a6b3c2d1e0f9a8b7c6', ForwardedFrom: 'null' },
    emptyNameValue: 'null',
    signsRequests: false,
    responses: {
      bodyMustBeXml: true,
      typeMatch: 'contains',
      xml: ['text/xml', 'application/xml', 'text/html'],
      playRequestUrl: ['audio/wav', 'audio/wave', 'audio/x-wav'],
      sayBody: ['text/plain'],
      otherType: 'wait',
      noType: 'hang-up',
    },
    afterHangup: 'parsed',
    verbsAfterHangup: ['Fax', 'Sms', 'Email'],
  },
  twilio: {
    name: 'twilio',
    schemaSeverity: 'error',
    anyRoot: false,
    ignoreNestedInRecord: false,
    trim: 'xml-blanks',
    bareAmpersand: 'error',
    ssmlInSay: true,
    parameterParents: ['Hangup', 'Reject'],
    playDigits: true,
    gatherActionOnEmptyResult: true,
    recordWithoutActionGoesOn: false,
    emptyActionWaitsForHangup: false,
    timeoutZeroDisables: true,
    uncheckedRecordIntegers: false,
    maxLengthLimitSeconds: 14400,
    playBeepOnlyTrueIsTrue: false,
    emptyValueIsDefault: false,
    supportsTrim: true,
    recordingCallbacks: true,
    apiVersion: '2010-04-01',
    recordingUrlForm: 'no-extension',
    recordingDurationForm: 'seconds',
    emptyRecording: 'no-speech',
    emptyRecordingRequestsAction: false,
    actionSendsRecordingSid: true,
    urlQuery: 'keep',
    callSidForm: 'CA',
    callParams: STANDARD_CALL_PARAMS,
    extraParams: {},
    emptyNameValue: '',
    signsRequests: true,
    responses: XML_RESPONSES,
    afterHangup: 'ignored',
    verbsAfterHangup: [],
  },
};

export function getProfile(name: ProfileName = 'restcomm'): Profile {
  return PROFILES[name];
}
