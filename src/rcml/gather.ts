import { clip } from './clip.ts';
import {
  attributeValue,
  checkUrl,
  parseInteger,
  readBoolean,
  readInteger,
  readMethod,
  reportBadValue,
} from './attributes.ts';
import {
  ACTION_EMPTY,
  GATHER_ACTION_ON_EMPTY_RESULT_INVALID,
  GATHER_FINISH_ON_KEY_INVALID,
  GATHER_METHOD_INVALID,
  GATHER_NUM_DIGITS_INVALID,
  GATHER_TIMEOUT_INVALID,
} from './codes.ts';
import type { ParseContext } from './context.ts';
import type { GatherChild, GatherVerb } from './types.ts';
import type { XmlElement } from './xml-tree.ts';

export const GATHER_DEFAULTS = {
  method: 'POST',
  timeoutSeconds: 5,
  finishOnKey: '#',
  numDigits: null,
} as const;

const FINISH_ON_KEY = /^[0-9*#]?$/;

function readAction(context: ParseContext, element: XmlElement): string {
  const value = attributeValue(context, element, 'action');
  if (value === undefined) return '';
  if (value === '') {
    context.report(
      'warning',
      ACTION_EMPTY,
      '<Gather> action="" is empty; the document URL is used',
      context.attributeOffset(element, 'action'),
    );
  } else {
    checkUrl(context, element, value, `action="${clip(value)}"`, 'action');
  }
  return value;
}

/** One key of 0-9, * or #, or `''` (no key finishes the input); `#` when invalid. */
function readFinishOnKey(context: ParseContext, element: XmlElement): string {
  const value = attributeValue(context, element, 'finishOnKey');
  if (value === undefined) return GATHER_DEFAULTS.finishOnKey;
  if (FINISH_ON_KEY.test(value)) return value;
  reportBadValue(
    context,
    element,
    'finishOnKey',
    value,
    GATHER_FINISH_ON_KEY_INVALID,
    'one of 0-9, * and #, or empty',
    GATHER_DEFAULTS.finishOnKey,
  );
  return GATHER_DEFAULTS.finishOnKey;
}

function readNumDigits(context: ParseContext, element: XmlElement): number | null {
  const value = attributeValue(context, element, 'numDigits');
  if (value === undefined) return null;
  const number = parseInteger(value);
  if (number !== null && number >= 1) return number;
  reportBadValue(
    context,
    element,
    'numDigits',
    value,
    GATHER_NUM_DIGITS_INVALID,
    'an integer of at least 1',
    'no limit',
  );
  return null;
}

/** A `<Gather>`; its children (already read by the caller) are Say, Play and Pause. */
export function readGather(context: ParseContext, element: XmlElement, children: GatherChild[]): GatherVerb {
  return {
    kind: 'Gather',
    position: context.positions.at(element.startOffset),
    action: readAction(context, element),
    method: readMethod(context, element, GATHER_METHOD_INVALID),
    timeoutSeconds: readInteger(context, element, 'timeout', {
      min: 1,
      fallback: GATHER_DEFAULTS.timeoutSeconds,
      code: GATHER_TIMEOUT_INVALID,
    }),
    finishOnKey: readFinishOnKey(context, element),
    numDigits: readNumDigits(context, element),
    actionOnEmptyResult: context.profile.gatherActionOnEmptyResult
      ? readBoolean(context, element, 'actionOnEmptyResult', false, GATHER_ACTION_ON_EMPTY_RESULT_INVALID)
      : false,
    children,
  };
}
