import { clip, tag } from './clip.ts';
import {
  attributeValue,
  checkUrl,
  parseJavaInt,
  readBoolean,
  readChoice,
  readInteger,
  readMethod,
  reportBadValue,
} from './attributes.ts';
import {
  ACTION_EMPTY,
  RECORD_ACTION_MISSING,
  RECORD_ATTRIBUTE_INVALID,
  RECORD_FINISH_ON_KEY_INVALID,
  RECORD_METHOD_INVALID,
  RECORDING_STATUS_CALLBACK_INVALID,
  RECORDING_STATUS_EVENT_INVALID,
  TRANSCRIBE_CALLBACK_INVALID,
  UNCHECKED_VALUE,
} from './codes.ts';
import type { ParseContext } from './context.ts';
import type { RecordingStatusCallback, RecordingStatusEvent, RecordVerb } from './types.ts';
import { urlProblem } from './url.ts';
import type { XmlElement } from './xml-tree.ts';

/** Defaults of SPEC §2. */
export const RECORD_DEFAULTS = {
  method: 'POST',
  timeoutSeconds: 5,
  finishOnKey: '1234567890*#',
  maxLengthSeconds: 3600,
  playBeep: true,
  media: 'audio_only',
  trim: 'trim-silence',
} as const;

/** `finishOnKey` when the value is empty or invalid. */
export const RECORD_FINISH_ON_KEY_FALLBACK = '#';

const FINISH_ON_KEYS = /^[0-9*#]{1,12}$/;
const MEDIA_VALUES = ['audio_only', 'video_only', 'audio_video'] as const;
const TRIM_VALUES = ['trim-silence', 'do-not-trim'] as const;
/** twilio's recording status events, in the order they happen. */
export const RECORDING_STATUS_EVENTS: readonly RecordingStatusEvent[] = [
  'in-progress',
  'completed',
  'absent',
];

/** The attribute's value, or undefined when it is absent or, where the profile reads it so, empty. */
function presentValue(context: ParseContext, element: XmlElement, name: string): string | undefined {
  const value = attributeValue(context, element, name);
  return value === '' && context.profile.emptyValueIsDefault ? undefined : value;
}

function readAction(
  context: ParseContext,
  element: XmlElement,
): Pick<RecordVerb, 'action' | 'waitsForHangup'> {
  const value = attributeValue(context, element, 'action');
  if (value === undefined) {
    if (context.profile.recordWithoutActionGoesOn) return { action: null, waitsForHangup: false };
    context.report(
      'warning',
      RECORD_ACTION_MISSING,
      '<Record> has no action: the document URL is requested again when the recording ends, which can loop',
      element.startOffset,
    );
    return { action: '', waitsForHangup: false };
  }
  if (value === '') {
    const waits = context.profile.emptyActionWaitsForHangup;
    context.report(
      'warning',
      ACTION_EMPTY,
      waits
        ? '<Record> action="" is empty: Restcomm-Connect makes no request and runs nothing more after the recording; the call waits for a hang-up'
        : '<Record> action="" is empty; the document URL is used',
      context.attributeOffset(element, 'action'),
    );
    return { action: '', waitsForHangup: waits };
  }
  checkUrl(context, element, value, `action="${clip(value)}"`, 'action');
  return { action: value, waitsForHangup: false };
}

function readFinishOnKey(context: ParseContext, element: XmlElement): string {
  const value = attributeValue(context, element, 'finishOnKey');
  if (value === undefined) return RECORD_DEFAULTS.finishOnKey;
  if (value === '-1') return '';
  if (FINISH_ON_KEYS.test(value)) return value;
  if (value === '' && context.profile.emptyValueIsDefault) return RECORD_FINISH_ON_KEY_FALLBACK;
  reportBadValue(
    context,
    element,
    'finishOnKey',
    value,
    RECORD_FINISH_ON_KEY_INVALID,
    '1 to 12 of 0-9, * and #, or -1',
    RECORD_FINISH_ON_KEY_FALLBACK,
  );
  return RECORD_FINISH_ON_KEY_FALLBACK;
}

function readPlayBeep(context: ParseContext, element: XmlElement): boolean {
  const value = presentValue(context, element, 'playBeep');
  if (value === undefined) return RECORD_DEFAULTS.playBeep;
  // Java's Boolean.parseBoolean: `true` in any case is true, anything else false.
  if (context.profile.playBeepOnlyTrueIsTrue) return value.toLowerCase() === 'true';
  return readBoolean(context, element, 'playBeep', RECORD_DEFAULTS.playBeep, RECORD_ATTRIBUTE_INVALID);
}

function readMedia(context: ParseContext, element: XmlElement): RecordVerb['media'] {
  // A video value is recorded with the camera (SPEC §10); only a call without a camera warns (19003).
  return presentValue(context, element, 'media') === undefined
    ? RECORD_DEFAULTS.media
    : readChoice(context, element, 'media', MEDIA_VALUES, RECORD_DEFAULTS.media, RECORD_ATTRIBUTE_INVALID);
}

/**
 * `timeout` or `maxLength` as restcomm-connect reads it (SPEC §7): any int Java's Integer.parseInt reads,
 * used as it is; a value ≤ 0 turns the limit off, which warning 19009 says.
 */
function readUncheckedInteger(
  context: ParseContext,
  element: XmlElement,
  name: 'timeout' | 'maxLength',
  fallback: number,
): number {
  const value = presentValue(context, element, name);
  if (value === undefined) return fallback;
  const number = parseJavaInt(value);
  if (number === null) {
    reportBadValue(context, element, name, value, RECORD_ATTRIBUTE_INVALID, 'an integer', fallback);
    return fallback;
  }
  if (number <= 0) {
    const effect = name === 'timeout' ? 'no silence detection' : 'no length limit';
    context.report(
      'warning',
      UNCHECKED_VALUE,
      `<Record> ${name}="${clip(value)}": Restcomm-Connect passes ${number} on unchecked; the sandbox records with ${effect}`,
      context.attributeOffset(element, name),
    );
  }
  return number;
}

function readTimeout(context: ParseContext, element: XmlElement): number {
  const { profile } = context;
  if (profile.uncheckedRecordIntegers) {
    return readUncheckedInteger(context, element, 'timeout', RECORD_DEFAULTS.timeoutSeconds);
  }
  return readInteger(context, element, 'timeout', {
    min: profile.timeoutZeroDisables ? 0 : 1,
    fallback: RECORD_DEFAULTS.timeoutSeconds,
    code: RECORD_ATTRIBUTE_INVALID,
  });
}

function readMaxLength(context: ParseContext, element: XmlElement): number {
  const { profile } = context;
  if (profile.uncheckedRecordIntegers) {
    return readUncheckedInteger(context, element, 'maxLength', RECORD_DEFAULTS.maxLengthSeconds);
  }
  const seconds = readInteger(context, element, 'maxLength', {
    min: 2,
    fallback: RECORD_DEFAULTS.maxLengthSeconds,
    code: RECORD_ATTRIBUTE_INVALID,
  });
  const limit = profile.maxLengthLimitSeconds;
  if (limit === null || seconds <= limit) return seconds;
  context.report(
    'warning',
    RECORD_ATTRIBUTE_INVALID,
    `<Record> maxLength="${seconds}" is above ${limit} (4 hours); using ${limit}`,
    context.attributeOffset(element, 'maxLength'),
  );
  return limit;
}

/** A callback URL (twilio): as written, or null with warning `code` when it is not usable. */
function readCallbackUrl(
  context: ParseContext,
  element: XmlElement,
  name: string,
  code: number,
  consequence: string,
): string | null {
  const value = attributeValue(context, element, name);
  if (value === undefined || value === '') return null;
  const problem = urlProblem(value);
  if (problem === null) return value;
  context.report(
    'warning',
    code,
    `${tag(element.name)} ${name}="${clip(value)}" is not a usable URL: ${problem}; ${consequence}`,
    context.attributeOffset(element, name),
  );
  return null;
}

function readStatusEvents(context: ParseContext, element: XmlElement): RecordingStatusEvent[] {
  const name = 'recordingStatusCallbackEvent';
  const value = attributeValue(context, element, name);
  if (value === undefined) return ['completed'];
  const written = value.split(/[\s,]+/).filter((event) => event !== '');
  const unknown = written.filter((event) => !(RECORDING_STATUS_EVENTS as readonly string[]).includes(event));
  if (unknown.length > 0) {
    context.report(
      'warning',
      RECORDING_STATUS_EVENT_INVALID,
      `<Record> ${name}="${clip(value)}": ${unknown.map((event) => `"${clip(event, 20)}"`).join(', ')} is not in-progress, completed or absent; ignored`,
      context.attributeOffset(element, name),
    );
  }
  const events = RECORDING_STATUS_EVENTS.filter((event) => written.includes(event));
  return events.length > 0 ? events : ['completed'];
}

/** twilio's recording status callback (SPEC §7), or null. */
function readStatusCallback(context: ParseContext, element: XmlElement): RecordingStatusCallback | null {
  const url = readCallbackUrl(
    context,
    element,
    'recordingStatusCallback',
    RECORDING_STATUS_CALLBACK_INVALID,
    'no status callbacks are sent',
  );
  const method = readMethod(context, element, RECORD_METHOD_INVALID, {
    name: 'recordingStatusCallbackMethod',
  });
  const events = readStatusEvents(context, element);
  return url === null ? null : { url, method, events };
}

/** twilio's transcription (SPEC §7): a `transcribeCallback` implies `transcribe="true"`. */
function readTranscription(context: ParseContext, element: XmlElement): RecordVerb['transcription'] {
  const callback = readCallbackUrl(
    context,
    element,
    'transcribeCallback',
    TRANSCRIBE_CALLBACK_INVALID,
    'no transcription is posted',
  );
  const transcribe = readBoolean(context, element, 'transcribe', false, RECORD_ATTRIBUTE_INVALID);
  return transcribe || callback !== null ? { callback } : null;
}

/** A `<Record>` with every attribute resolved (SPEC §2, §7). */
export function readRecord(context: ParseContext, element: XmlElement): RecordVerb {
  const { profile } = context;
  return {
    kind: 'Record',
    position: context.positions.at(element.startOffset),
    ...readAction(context, element),
    method: readMethod(context, element, RECORD_METHOD_INVALID, {
      emptyIsDefault: profile.emptyValueIsDefault,
    }),
    timeoutSeconds: readTimeout(context, element),
    finishOnKey: readFinishOnKey(context, element),
    maxLengthSeconds: readMaxLength(context, element),
    playBeep: readPlayBeep(context, element),
    media: readMedia(context, element),
    trim: profile.supportsTrim
      ? readChoice(context, element, 'trim', TRIM_VALUES, RECORD_DEFAULTS.trim, RECORD_ATTRIBUTE_INVALID)
      : 'do-not-trim',
    statusCallback: profile.recordingCallbacks ? readStatusCallback(context, element) : null,
    transcription: profile.recordingCallbacks ? readTranscription(context, element) : null,
  };
}
