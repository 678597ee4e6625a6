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
  PLAY_DIGITS_INVALID,
  PLAY_LOOP_INVALID,
  REDIRECT_METHOD_INVALID,
  REJECT_REASON_INVALID,
  SAY_LOOP_INVALID,
  SAY_VOICE_INVALID,
} from './codes.ts';
import type { ParseContext } from './context.ts';
import type { HangupVerb, PauseVerb, PlayVerb, RedirectVerb, RejectVerb, SayVerb } from './types.ts';
import { SSML_BREAKS, SSML_CHILDREN } from './vocabulary.ts';
import type { XmlElement, XmlNode } from './xml-tree.ts';

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

/** What SSML says (SPEC §7): its text, a `<sub>`'s alias instead of its content, a break between blocks. */
function ssmlText(nodes: readonly XmlNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      text += node.value;
    } else if (SSML_CHILDREN.has(node.name)) {
      const alias = node.name === 'sub' ? node.attributes.get('alias')?.trim() : undefined;
      const inner = alias === undefined || alias === '' ? ssmlText(node.children) : alias;
      text += SSML_BREAKS.has(node.name) ? ` ${inner} ` : inner;
    }
  }
  return text;
}

function sayText(context: ParseContext, element: XmlElement): string {
  const hasSsml = element.children.some((child) => child.kind === 'element');
  if (!context.profile.ssmlInSay || !hasSsml) return bodyText(element);
  return ssmlText(element.children).replace(/\s+/g, ' ').trim();
}

export function readSay(context: ParseContext, element: XmlElement): SayVerb {
  const language = attributeValue(context, element, 'language');
  return {
    kind: 'Say',
    position: context.positions.at(element.startOffset),
    text: sayText(context, element),
    voice: readVoice(context, element),
    language: language === undefined || language === '' ? SAY_DEFAULTS.language : language,
    loop: readLoop(context, element, SAY_LOOP_INVALID),
  };
}

const PLAY_DIGIT = /[0-9A-D*#wW]/;

/**
 * twilio's `<Play digits>` (SPEC §7): the keys to play, or null when absent or empty. Characters other than
 * 0-9, A-D, `*`, `#`, `w`, `W` are warning 13430 and left out (Twilio's "Play: Invalid DTMF String").
 */
function readDigits(context: ParseContext, element: XmlElement): string | null {
  if (!context.profile.playDigits) return null;
  const value = attributeValue(context, element, 'digits');
  if (value === undefined || value === '') return null;
  const digits = [...value].filter((char) => PLAY_DIGIT.test(char)).join('');
  if (digits.length !== value.length) {
    context.report(
      'warning',
      PLAY_DIGITS_INVALID,
      `<Play> digits="${clip(value)}" holds characters other than 0-9, A-D, *, #, w and W; they are left out`,
      context.attributeOffset(element, 'digits'),
    );
  }
  return digits;
}

export function readPlay(context: ParseContext, element: XmlElement): PlayVerb {
  const digits = readDigits(context, element);
  return {
    kind: 'Play',
    position: context.positions.at(element.startOffset),
    // With digits no URL is needed (and the body is not played).
    url: digits === null ? readBodyUrl(context, element) : '',
    digits,
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
