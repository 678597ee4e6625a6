/**
 * Notification codes (SPEC.md §6). Restcomm's dictionary where it has one; 19xxx are the sandbox's own.
 */

/** The document is not well-formed XML, or a response body is not XML. */
export const DOCUMENT_PARSE_FAILURE = 12100;
/** The document breaks the schema: wrong root, unknown verb, a verb nested where none may be, a DOCTYPE. */
export const SCHEMA_VIOLATION = 12200;
/** A verb the sandbox does not run (Dial, Sms, Email, …): skipped. */
export const VERB_NOT_SUPPORTED = 12300;
/** A URL (action, Redirect, Play) that cannot be parsed or whose scheme is not http/https. */
export const INVALID_URL = 11100;
/** HTTP retrieval failure: a status other than 200/404, or a network error. */
export const HTTP_RETRIEVAL_FAILURE = 11200;
/** URL not found (404). */
export const URL_NOT_FOUND = 21402;

export const RECORD_METHOD_INVALID = 13610;
/** Record `timeout`, `maxLength`, `playBeep`, `media` (and twilio's `trim`) invalid. */
export const RECORD_ATTRIBUTE_INVALID = 13612;
export const RECORD_FINISH_ON_KEY_INVALID = 13613;

export const GATHER_FINISH_ON_KEY_INVALID = 13310;
export const GATHER_TIMEOUT_INVALID = 13313;
export const GATHER_NUM_DIGITS_INVALID = 13314;
export const GATHER_METHOD_INVALID = 14104;

/** twilio: Gather `actionOnEmptyResult` invalid. */
export const GATHER_ACTION_ON_EMPTY_RESULT_INVALID = 13338;

export const REDIRECT_METHOD_INVALID = 13710;
export const PAUSE_LENGTH_INVALID = 13910;
export const PLAY_LOOP_INVALID = 13410;
/** twilio: `<Play digits>` holds a character other than 0-9, A-D, `*`, `#`, `w` and `W` (it is left out). */
export const PLAY_DIGITS_INVALID = 13430;
export const SAY_LOOP_INVALID = 13510;
export const SAY_VOICE_INVALID = 13511;

/** twilio: Record `recordingStatusCallback` is not a usable URL (no status callbacks are sent). */
export const RECORDING_STATUS_CALLBACK_INVALID = 13256;
/** twilio: Record `transcribeCallback` is not a usable URL (no transcription callback is sent). */
export const TRANSCRIBE_CALLBACK_INVALID = 13257;
/** twilio: the recording is too short (2 s) or too long (120 s) to be transcribed. */
export const TRANSCRIPTION_LENGTH_OUT_OF_RANGE = 13617;
/** twilio: Record `recordingStatusCallbackEvent` names an event other than in-progress, completed, absent. */
export const RECORDING_STATUS_EVENT_INVALID = 13621;
/** twilio: the `ErrorCode` of an `absent` status callback: the recording has no samples. */
export const RECORDING_TOO_SHORT = 16101;
/** twilio: the `ErrorCode` of an `absent` status callback: no speech was heard in the recording. */
export const RECORDING_SILENT = 16102;

/** Sandbox: `<Record>` without `action` re-requests the document, which can loop. */
export const RECORD_ACTION_MISSING = 19001;
/** Sandbox: `action=""`; the document URL is used. */
export const ACTION_EMPTY = 19002;
/** Sandbox: a video `<Record>` ran without a camera (none, denied or busy): it records audio only. */
export const VIDEO_RECORDED_AS_AUDIO = 19003;
/** Sandbox: the loop guard stopped the call. */
export const LOOP_GUARD = 19004;
/** Sandbox: `<Reject>` is not the first verb, so the call has already been answered when it runs. */
export const REJECT_NOT_FIRST = 19005;
/** Sandbox: `<Reject reason>` is neither `rejected` nor `busy`; `rejected` is used. */
export const REJECT_REASON_INVALID = 19006;
/** Sandbox: a bare `&` that starts no entity reference was taken literally (write `&amp;`). */
export const BARE_AMPERSAND = 19008;
/** Sandbox: restcomm-connect passes a value on unchecked (`timeout="0"`, `maxLength="-3"`); what it does. */
export const UNCHECKED_VALUE = 19009;
/** Sandbox: a live server refused the request or could not be reached (SPEC §8). */
export const LIVE_SERVER_REFUSED = 19010;
