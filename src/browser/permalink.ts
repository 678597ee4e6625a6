/**
 * The workspace (document, mock rules, call settings) and its permalink: the workspace compressed into the
 * URL's hash with lz-string, so a link restores exactly what its author saw. Anything read back from a link
 * or from storage is checked field by field; a bad field falls back to its default.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { PROFILE_NAMES, type ProfileName } from '../rcml/types.ts';
import type { CallSettings } from './call-driver.ts';
import { DEFAULT_MICROPHONE_SETTINGS, type MicrophoneSettings } from './microphone.ts';
import { CATCH_ALL_RULE, type MockRule, type RuleMatch, type RuleMethod } from './mock-rules.ts';

export interface Workspace {
  rcml: string;
  rules: MockRule[];
  settings: CallSettings;
}

export const DEFAULT_RCML = `<Response>
  <Say>Please leave a message after the beep. Press pound when you are done.</Say>
  <Record action="/handle-recording" maxLength="30" finishOnKey="#"/>
</Response>
`;

export const DEFAULT_SETTINGS: CallSettings = {
  documentUrl: 'https://app.example.com/voice.xml',
  profile: 'restcomm',
  from: '+15551230001',
  to: '+15559870002',
  callerName: 'Sandbox Caller',
  microphone: DEFAULT_MICROPHONE_SETTINGS,
};

export function defaultWorkspace(): Workspace {
  return { rcml: DEFAULT_RCML, rules: [CATCH_ALL_RULE], settings: DEFAULT_SETTINGS };
}

/** The hash parameter that carries a workspace: `#w=<lz-string>`. */
const HASH_KEY = 'w';
const MAX_LINK_CHARS = 200_000;

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

function normalizeMicrophone(value: unknown): MicrophoneSettings {
  const fields = isObject(value) ? value : {};
  const d = DEFAULT_MICROPHONE_SETTINGS;
  return {
    deviceId: typeof fields.deviceId === 'string' && fields.deviceId !== '' ? fields.deviceId : null,
    echoCancellation: flag(fields.echoCancellation, d.echoCancellation),
    noiseSuppression: flag(fields.noiseSuppression, d.noiseSuppression),
    autoGainControl: flag(fields.autoGainControl, d.autoGainControl),
  };
}

function normalizeSettings(value: unknown): CallSettings {
  const fields = isObject(value) ? value : {};
  const d = DEFAULT_SETTINGS;
  return {
    documentUrl: text(fields.documentUrl, d.documentUrl),
    profile: oneOf<ProfileName>(fields.profile, PROFILE_NAMES, d.profile),
    from: text(fields.from, d.from),
    to: text(fields.to, d.to),
    callerName: text(fields.callerName, d.callerName),
    microphone: normalizeMicrophone(fields.microphone),
  };
}

function normalizeRule(value: unknown, index: number): MockRule | null {
  if (!isObject(value)) return null;
  const status = typeof value.status === 'number' && Number.isInteger(value.status) ? value.status : 200;
  const delayMs =
    typeof value.delayMs === 'number' && Number.isFinite(value.delayMs) ? Math.max(0, value.delayMs) : 0;
  return {
    id: text(value.id, `rule-${index + 1}`),
    pattern: text(value.pattern, '*'),
    match: oneOf<RuleMatch>(value.match, ['exact', 'prefix', 'glob'], 'glob'),
    method: oneOf<RuleMethod>(value.method, ['ANY', 'GET', 'POST'], 'ANY'),
    status: status >= 100 && status <= 599 ? status : 200,
    contentType: text(value.contentType, 'text/xml'),
    body: text(value.body, ''),
    delayMs,
  };
}

/** A workspace from untrusted data (a link, storage); null when it is not one at all. */
export function normalizeWorkspace(value: unknown): Workspace | null {
  if (!isObject(value) || typeof value.rcml !== 'string') return null;
  const rules = Array.isArray(value.rules)
    ? value.rules.map(normalizeRule).filter((rule): rule is MockRule => rule !== null)
    : [CATCH_ALL_RULE];
  return { rcml: value.rcml, rules, settings: normalizeSettings(value.settings) };
}

/** The `#w=…` hash that carries the workspace. */
export function encodePermalinkHash(workspace: Workspace): string {
  return `#${HASH_KEY}=${compressToEncodedURIComponent(JSON.stringify(workspace))}`;
}

/** A full permalink for the page at `pageUrl`. */
export function permalinkFor(workspace: Workspace, pageUrl: string): string {
  const url = new URL(pageUrl);
  url.hash = encodePermalinkHash(workspace).slice(1);
  return url.href;
}

/**
 * The workspace in a location hash: `null` when the hash carries none, an `Error` when it carries one that
 * cannot be read (cut short, edited by hand).
 */
export function decodePermalinkHash(hash: string): Workspace | Error | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const packed = params.get(HASH_KEY);
  if (packed === null) return null;
  if (packed.length > MAX_LINK_CHARS) return new Error('The link is too long to be a sandbox permalink.');
  // URLSearchParams turns '+' into a space; lz-string's URI alphabet uses '+'.
  const json = decompressFromEncodedURIComponent(packed.replace(/ /g, '+'));
  if (!json) return new Error('The link is damaged (cut short?): its workspace could not be read.');
  try {
    return normalizeWorkspace(JSON.parse(json)) ?? new Error('The link does not hold a sandbox workspace.');
  } catch {
    return new Error('The link is damaged: its workspace is not valid JSON.');
  }
}
