import { clip, tag } from './clip.ts';
import { INVALID_URL } from './codes.ts';
import type { ParseContext } from './context.ts';
import { trimValue } from './document-text.ts';
import type { HttpMethod } from './types.ts';
import { urlProblem } from './url.ts';
import type { XmlElement } from './xml-tree.ts';

/**
 * Readers for attribute values. Values are trimmed before they are checked; a bad value is reported as a
 * warning with its code, naming the verb, the attribute and the value, and the default is used.
 */

const INTEGER = /^[0-9]+$/;

/** The value of an attribute trimmed as the profile's platform trims it, or undefined when it is absent. */
export function attributeValue(context: ParseContext, element: XmlElement, name: string): string | undefined {
  const value = element.attributes.get(name);
  return value === undefined ? undefined : trimValue(value, context.profile);
}

/** Reports a bad attribute value (a warning) at the attribute. */
export function reportBadValue(
  context: ParseContext,
  element: XmlElement,
  name: string,
  value: string,
  code: number,
  expected: string,
  fallback: string | number | boolean,
): void {
  context.report(
    'warning',
    code,
    `${tag(element.name)} ${name}="${clip(value)}" is invalid (expected ${expected}); using ${JSON.stringify(fallback)}`,
    context.attributeOffset(element, name),
  );
}

/** The integer value of a decimal string, or null when it is not one (or too large to be exact). */
export function parseInteger(value: string): number | null {
  if (!INTEGER.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}

const JAVA_INTEGER = /^[+-]?\p{Nd}+$/u;
const JAVA_INT_MIN = -(2 ** 31);
const JAVA_INT_MAX = 2 ** 31 - 1;

/** The value of a decimal digit of any script (Java's `Character.digit(c, 10)`): its place in its run of ten. */
function digitValue(char: string): number {
  let code = char.codePointAt(0) ?? 0;
  let value = 0;
  while (value < 9 && /\p{Nd}/u.test(String.fromCodePoint(code - 1))) {
    code -= 1;
    value += 1;
  }
  return value;
}

/**
 * What Java's `Integer.parseInt` reads (restcomm-connect, SPEC §7): an optional sign and decimal digits of
 * any script (`+5`, `007`, `-3`, `٥`), within the range of an int; null when it throws.
 */
export function parseJavaInt(value: string): number | null {
  if (!JAVA_INTEGER.test(value)) return null;
  const negative = value.startsWith('-');
  let number = 0;
  for (const char of value.replace(/^[+-]/, '')) {
    number = number * 10 + (/[0-9]/.test(char) ? Number(char) : digitValue(char));
    if (number > JAVA_INT_MAX + 1) return null;
  }
  const signed = negative ? -number : number;
  return signed < JAVA_INT_MIN || signed > JAVA_INT_MAX ? null : signed;
}

/** `true`/`false` in any case; the fallback when absent or invalid (invalid: reported with `code`). */
export function readBoolean(
  context: ParseContext,
  element: XmlElement,
  name: string,
  fallback: boolean,
  code: number,
): boolean {
  const value = attributeValue(context, element, name);
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  reportBadValue(context, element, name, value, code, 'true or false', fallback);
  return fallback;
}

export interface IntegerRule {
  min: number;
  fallback: number;
  code: number;
}

/** An integer attribute of at least `rule.min`; the fallback when absent or invalid (invalid: reported). */
export function readInteger(
  context: ParseContext,
  element: XmlElement,
  name: string,
  rule: IntegerRule,
): number {
  const value = attributeValue(context, element, name);
  if (value === undefined) return rule.fallback;
  const number = parseInteger(value);
  if (number !== null && number >= rule.min) return number;
  reportBadValue(
    context,
    element,
    name,
    value,
    rule.code,
    `an integer of at least ${rule.min}`,
    rule.fallback,
  );
  return rule.fallback;
}

/**
 * A method attribute (`method` unless `name` says otherwise): GET or POST in any case; POST when absent or
 * invalid (invalid: reported with `code`), and when empty with `emptyIsDefault`, silently.
 */
export function readMethod(
  context: ParseContext,
  element: XmlElement,
  code: number,
  options: { name?: string; emptyIsDefault?: boolean } = {},
): HttpMethod {
  const name = options.name ?? 'method';
  const value = attributeValue(context, element, name);
  if (value === undefined || (value === '' && options.emptyIsDefault === true)) return 'POST';
  const upper = value.toUpperCase();
  if (upper === 'GET' || upper === 'POST') return upper;
  reportBadValue(context, element, name, value, code, 'GET or POST', 'POST');
  return 'POST';
}

/** One of `allowed` exactly; the fallback when absent or invalid (invalid: reported with `code`). */
export function readChoice<T extends string>(
  context: ParseContext,
  element: XmlElement,
  name: string,
  allowed: readonly T[],
  fallback: T,
  code: number,
): T {
  const value = attributeValue(context, element, name);
  if (value === undefined) return fallback;
  const choice = allowed.find((candidate) => candidate === value);
  if (choice !== undefined) return choice;
  reportBadValue(context, element, name, value, code, allowed.join(', '), fallback);
  return fallback;
}

/**
 * Reports error 11100 when `value` is not a usable URL; `where` names it (`action="…"`, `URL "…"`). The
 * diagnostic points at `attribute`, or at the element for a URL in its body.
 */
export function checkUrl(
  context: ParseContext,
  element: XmlElement,
  value: string,
  where: string,
  attribute?: string,
): void {
  const problem = urlProblem(value);
  if (problem !== null) {
    const offset =
      attribute === undefined ? element.startOffset : context.attributeOffset(element, attribute);
    context.report(
      'error',
      INVALID_URL,
      `${tag(element.name)} ${where} is not a usable URL: ${problem}`,
      offset,
    );
  }
}

/** The character data directly inside an element (nested elements left out), trimmed. */
export function bodyText(element: XmlElement): string {
  let text = '';
  for (const child of element.children) {
    if (child.kind === 'text') text += child.value;
  }
  return text.trim();
}
