import { clip, tag } from './clip.ts';
import {
  attributeValue,
  bodyText,
  checkUrl,
  readChoice,
  readInteger,
  readMethod,
  reportBadValue,
} from './attributes.ts';
import {
  INVALID_URL,
  PAUSE_LENGTH_INVALID,
  PLAY_LOOP_INVALID,
  REDIRECT_METHOD_INVALID,
  REJECT_REASON_INVALID,
  SAY_LOOP_INVALID,
  SAY_VOICE_INVALID,
} from './codes.ts';
import type { ParseContext } from './context.ts';
import type { HangupVerb, PauseVerb, PlayVerb, RedirectVerb, RejectVerb, SayVerb } from './types.ts';
import type { XmlElement } from './xml-tree.ts';

/**
 * `loop="0"` means "until the call ends" in Restcomm's and Twilio's docs; Twilio stops after 1000 repetitions,
 * and so does the sandbox: a loop of 0 is read as this number.
 */
export const LOOP_UNTIL_HANGUP = 1000;

export const SAY_DEFAULTS = { voice: 'man', language: 'en', loop: 1 } as const;
export const PAUSE_DEFAULT_LENGTH_SECONDS = 1;

const BUILT_IN_VOICES = new Set(['man', 'woman', 'alice']);
const PROVIDER_VOICE = /^(?:Polly|Google)\.[A-Za-z0-9_.-]+$/;

function readLoop(context: ParseContext, element: XmlElement, code: number): number {
  const loop = readInteger(context, element, 'loop', { min: 0, fallback: 1, code });
  return loop === 0 ? LOOP_UNTIL_HANGUP : loop;
}

function readVoice(context: ParseContext, element: XmlElement): string {
  const value = attributeValue(context, element, 'voice');
  if (value === undefined) return SAY_DEFAULTS.voice;
  if (BUILT_IN_VOICES.has(value) || PROVIDER_VOICE.test(value)) return value;
  reportBadValue(
    context,
    element,
    'voice',
    value,
    SAY_VOICE_INVALID,
    'man, woman, alice, Polly.* or Google.*',
    'man',
  );
  return SAY_DEFAULTS.voice;
}

/** A URL carried in the element's body (Play, Redirect): error 11100 when it is missing or unusable. */
function readBodyUrl(context: ParseContext, element: XmlElement): string {
  const url = bodyText(element);
  if (url === '') {
    context.report('error', INVALID_URL, `${tag(element.name)} has no URL in its body`, element.startOffset);
  } else {
    checkUrl(context, element, url, `URL "${clip(url)}"`);
  }
  return url;
}

export function readSay(context: ParseContext, element: XmlElement): SayVerb {
  const language = attributeValue(context, element, 'language');
  return {
    kind: 'Say',
    position: context.positions.at(element.startOffset),
    text: bodyText(element),
    voice: readVoice(context, element),
    language: language === undefined || language === '' ? SAY_DEFAULTS.language : language,
    loop: readLoop(context, element, SAY_LOOP_INVALID),
  };
}

export function readPlay(context: ParseContext, element: XmlElement): PlayVerb {
  return {
    kind: 'Play',
    position: context.positions.at(element.startOffset),
    url: readBodyUrl(context, element),
    loop: readLoop(context, element, PLAY_LOOP_INVALID),
  };
}

export function readPause(context: ParseContext, element: XmlElement): PauseVerb {
  return {
    kind: 'Pause',
    position: context.positions.at(element.startOffset),
    lengthSeconds: readInteger(context, element, 'length', {
      min: 1,
      fallback: PAUSE_DEFAULT_LENGTH_SECONDS,
      code: PAUSE_LENGTH_INVALID,
    }),
  };
}

export function readHangup(context: ParseContext, element: XmlElement): HangupVerb {
  return { kind: 'Hangup', position: context.positions.at(element.startOffset) };
}

export function readRedirect(context: ParseContext, element: XmlElement): RedirectVerb {
  return {
    kind: 'Redirect',
    position: context.positions.at(element.startOffset),
    url: readBodyUrl(context, element),
    method: readMethod(context, element, REDIRECT_METHOD_INVALID),
  };
}

export function readReject(context: ParseContext, element: XmlElement): RejectVerb {
  return {
    kind: 'Reject',
    position: context.positions.at(element.startOffset),
    reason: readChoice(
      context,
      element,
      'reason',
      ['rejected', 'busy'] as const,
      'rejected',
      REJECT_REASON_INVALID,
    ),
  };
}
