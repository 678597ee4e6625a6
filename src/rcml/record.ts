import { clip } from './clip.ts';
import {
  attributeValue,
  checkUrl,
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
  VIDEO_RECORDED_AS_AUDIO,
} from './codes.ts';
import type { ParseContext } from './context.ts';
import type { RecordVerb } from './types.ts';
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

function readAction(context: ParseContext, element: XmlElement): string | null {
  const value = attributeValue(context, element, 'action');
  if (value === undefined) {
    if (context.profile.recordWithoutActionGoesOn) return null;
    context.report(
      'warning',
      RECORD_ACTION_MISSING,
      '<Record> has no action: the document URL is requested again when the recording ends, which can loop',
      element.startOffset,
    );
    return '';
  }
  if (value === '') {
    context.report(
      'warning',
      ACTION_EMPTY,
      '<Record> action="" is empty; the document URL is used',
      context.attributeOffset(element, 'action'),
    );
    return '';
  }
  checkUrl(context, element, value, `action="${clip(value)}"`, 'action');
  return value;
}

function readFinishOnKey(context: ParseContext, element: XmlElement): string {
  const value = attributeValue(context, element, 'finishOnKey');
  if (value === undefined) return RECORD_DEFAULTS.finishOnKey;
  if (value === '-1') return '';
  if (FINISH_ON_KEYS.test(value)) return value;
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
  const value = attributeValue(context, element, 'playBeep');
  if (value === undefined) return RECORD_DEFAULTS.playBeep;
  const lower = value.toLowerCase();
  if (context.profile.playBeepOnlyTrueIsTrue) return lower === 'true';
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  reportBadValue(context, element, 'playBeep', value, RECORD_ATTRIBUTE_INVALID, 'true or false', true);
  return RECORD_DEFAULTS.playBeep;
}

function readMedia(context: ParseContext, element: XmlElement): RecordVerb['media'] {
  const media = readChoice(
    context,
    element,
    'media',
    MEDIA_VALUES,
    RECORD_DEFAULTS.media,
    RECORD_ATTRIBUTE_INVALID,
  );
  if (media !== 'audio_only') {
    context.report(
      'warning',
      VIDEO_RECORDED_AS_AUDIO,
      `<Record> media="${media}": this sandbox records audio only`,
      context.attributeOffset(element, 'media'),
    );
  }
  return media;
}

/** A `<Record>` with every attribute resolved (SPEC §2). */
export function readRecord(context: ParseContext, element: XmlElement): RecordVerb {
  const { profile } = context;
  return {
    kind: 'Record',
    position: context.positions.at(element.startOffset),
    action: readAction(context, element),
    method: readMethod(context, element, RECORD_METHOD_INVALID),
    timeoutSeconds: readInteger(context, element, 'timeout', {
      min: profile.timeoutZeroDisables ? 0 : 1,
      fallback: RECORD_DEFAULTS.timeoutSeconds,
      code: RECORD_ATTRIBUTE_INVALID,
    }),
    finishOnKey: readFinishOnKey(context, element),
    maxLengthSeconds: readInteger(context, element, 'maxLength', {
      min: 2,
      fallback: RECORD_DEFAULTS.maxLengthSeconds,
      code: RECORD_ATTRIBUTE_INVALID,
    }),
    playBeep: readPlayBeep(context, element),
    media: readMedia(context, element),
    trim: profile.supportsTrim
      ? readChoice(context, element, 'trim', TRIM_VALUES, RECORD_DEFAULTS.trim, RECORD_ATTRIBUTE_INVALID)
      : 'do-not-trim',
  };
}
