/**
 * The mock server's rules: which request each one answers, and what with. The same format answers the
 * browser's calls (the Mock responses tab), permalinks, storage and `rcml-sandbox simulate --rules`.
 * Everything that comes in (a link, storage, a file, the editor) goes through `normalizeRules`, so a rule
 * that reaches the server is always well-formed; matching and templates never throw.
 */

export type RuleMatch = 'exact' | 'prefix' | 'glob';
export type RuleMethod = 'ANY' | 'GET' | 'POST';

/** What an audio rule answers with (for `<Play>` URLs): a generated tone, a sample the app ships, a file. */
export type RuleAudio =
  | { kind: 'tone'; frequencyHz: number; seconds: number }
  | { kind: 'sample'; name: string }
  | { kind: 'file'; fileName: string; dataBase64: string };

export interface MockRule {
  /** Unique in the list. */
  id: string;
  /** What the user calls it (shown in the inspector); '' for none. */
  name: string;
  /** A full URL, or a path (matched against the request's path and query on any origin). */
  pattern: string;
  match: RuleMatch;
  method: RuleMethod;
  status: number;
  contentType: string;
  body: string;
  delayMs: number;
  /** An audio answer instead of `body` (then `contentType` is the audio's). */
  audio?: RuleAudio;
  /**
   * twilio's `transcribe` (SPEC §7): a recording whose transcribeCallback this rule matches is transcribed
   * as this text (TranscriptionStatus `completed`); with no such rule the transcription `failed`.
   */
  transcript?: string;
}

export const MAX_RULE_DELAY_MS = 60_000;
/** The longest transcript a rule may give (Twilio's transcriptions are of at most 2 minutes of speech). */
export const MAX_TRANSCRIPT_CHARS = 10_000;
export const MAX_TONE_SECONDS = 60;
/** What a rule's audio file may weigh (base64 in links and storage). */
export const MAX_RULE_FILE_BYTES = 2 * 1024 * 1024;

export const CATCH_ALL_RULE: MockRule = {
  id: 'catch-all',
  name: 'Catch-all',
  pattern: '*',
  match: 'glob',
  method: 'ANY',
  status: 200,
  contentType: 'text/xml',
  body: '<Response><Hangup/></Response>',
  delayMs: 0,
};

/** `type/subtype` (tokens of RFC 9110) and `; parameters` of printable ASCII. */
const CONTENT_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*;\s*[ -:<-~]+)*$/;

/** A content type a Headers object accepts: `type/subtype` and parameters, printable ASCII, no line breaks. */
export function isValidContentType(value: string): boolean {
  return value.length <= 200 && CONTENT_TYPE.test(value.trim());
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, fallback: string, maxChars = 2_000_000): string {
  return typeof value === 'string' && value.length <= maxChars ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

function wholeNumber(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : fallback;
}

function normalizeAudio(value: unknown): RuleAudio | undefined {
  if (!isObject(value)) return undefined;
  if (value.kind === 'tone') {
    const frequencyHz = typeof value.frequencyHz === 'number' ? value.frequencyHz : NaN;
    const seconds = typeof value.seconds === 'number' ? value.seconds : NaN;
    if (!(frequencyHz >= 20 && frequencyHz <= 3900) || !(seconds > 0 && seconds <= MAX_TONE_SECONDS))
      return undefined;
    return { kind: 'tone', frequencyHz, seconds };
  }
  if (value.kind === 'sample' && typeof value.name === 'string' && /^[a-z0-9-]+\.wav$/.test(value.name)) {
    return { kind: 'sample', name: value.name };
  }
  if (
    value.kind === 'file' &&
    typeof value.fileName === 'string' &&
    typeof value.dataBase64 === 'string' &&
    value.dataBase64.length <= Math.ceil(MAX_RULE_FILE_BYTES / 3) * 4 &&
    /^[A-Za-z0-9+/]*={0,2}$/.test(value.dataBase64)
  ) {
    return { kind: 'file', fileName: value.fileName.slice(0, 200), dataBase64: value.dataBase64 };
  }
  return undefined;
}

/** One rule from untrusted data, every field checked; null when it is not a rule at all. */
export function normalizeRule(value: unknown, index: number): MockRule | null {
  if (!isObject(value)) return null;
  const contentType = text(value.contentType, 'text/xml', 200);
  const rule: MockRule = {
    id: text(value.id, '', 100) || `rule-${index + 1}`,
    name: text(value.name, '', 100),
    pattern: text(value.pattern, '*', 10_000),
    match: oneOf<RuleMatch>(value.match, ['exact', 'prefix', 'glob'], 'glob'),
    method: oneOf<RuleMethod>(value.method, ['ANY', 'GET', 'POST'], 'ANY'),
    status: wholeNumber(value.status, 100, 599, 200),
    contentType: isValidContentType(contentType) ? contentType.trim() : 'text/xml',
    body: text(value.body, ''),
    delayMs: wholeNumber(value.delayMs, 0, MAX_RULE_DELAY_MS, 0),
  };
  const audio = normalizeAudio(value.audio);
  if (audio) rule.audio = audio;
  if (typeof value.transcript === 'string' && value.transcript.length <= MAX_TRANSCRIPT_CHARS) {
    rule.transcript = value.transcript;
  }
  return rule;
}

/** Rules from untrusted data (a link, storage, a rules.json): every rule checked, ids made unique. */
export function normalizeRules(value: unknown): MockRule[] {
  if (!Array.isArray(value)) return [CATCH_ALL_RULE];
  const taken = new Set<string>();
  const rules: MockRule[] = [];
  value.forEach((raw, index) => {
    const rule = normalizeRule(raw, index);
    if (!rule) return;
    let id = rule.id;
    for (let n = 2; taken.has(id); n++) id = `${rule.id}-${n}`;
    taken.add(id);
    rules.push(id === rule.id ? rule : { ...rule, id });
  });
  return rules;
}

/** An id that no rule in `rules` has. */
export function nextRuleId(rules: readonly MockRule[]): string {
  const taken = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (taken.has(`rule-${n}`)) n++;
  return `rule-${n}`;
}

/** How the inspector and notifications name a rule: its name, or its place in the list. */
export function ruleLabel(rule: MockRule, rules: readonly MockRule[]): string {
  if (rule.name.trim() !== '') return `“${rule.name.trim()}”`;
  const index = rules.findIndex((r) => r.id === rule.id);
  return index >= 0 ? `rule ${index + 1}` : `rule ${rule.id}`;
}

/**
 * Whether `text` matches a glob where `*` stands for any run of characters (and nothing else is special),
 * in time linear in the text for each `*`: the pieces between the stars are found in order, each at its
 * first place after the previous one (the leftmost match leaves the most room for the rest, so this is
 * exact). A regular expression of many `*` backtracks exponentially.
 */
export function globMatches(glob: string, text: string): boolean {
  const pieces = glob.split('*');
  if (pieces.length === 1) return glob === text;
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last))
    return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? '';
    if (piece === '') continue;
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

function subject(pattern: string, url: URL): string {
  // A pattern that names an origin is compared with the whole URL; otherwise with the path and query.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(pattern) ? url.href : url.pathname + url.search;
}

export function ruleMatches(rule: MockRule, method: string, url: URL): boolean {
  if (rule.method !== 'ANY' && rule.method !== method.toUpperCase()) return false;
  const pattern = rule.pattern.trim();
  const text = subject(pattern, url);
  const withoutQuery = text.replace(/\?.*$/, '');
  switch (rule.match) {
    case 'exact':
      return text === pattern || withoutQuery === pattern;
    case 'prefix':
      return text.startsWith(pattern);
    case 'glob':
      return globMatches(pattern, text) || globMatches(pattern, withoutQuery);
  }
}

/** The first rule, in list order, that answers the request; null means 404. */
export function findRule(rules: readonly MockRule[], method: string, url: URL): MockRule | null {
  return rules.find((rule) => ruleMatches(rule, method, url)) ?? null;
}

/**
 * Fills `{{Name}}` in a rule's body with the request's parameter of that name (query or form), escaped
 * for XML; unknown names become empty (names are looked up as the request's own parameters only, so
 * `{{constructor}}` is empty too). `{{{Name}}}` is not special: write the braces you need around it.
 */
/**
 * The transcript the rules give a recording whose transcription callback goes to `callbackUrl`: the
 * `transcript` of the first rule that would answer that POST, or null (the transcription fails).
 */
export function ruleTranscript(rules: readonly MockRule[], callbackUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    return null;
  }
  return findRule(rules, 'POST', url)?.transcript ?? null;
}

export function renderTemplate(body: string, params: Readonly<Record<string, unknown>>): string {
  return body.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    return escapeXml(value === undefined || value === null ? '' : String(value));
  });
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The parameters the sandbox sends on some request (SPEC §4, §7): what a `{{Name}}` can echo. */
export const KNOWN_PARAMETERS = [
  'CallSid',
  'AccountSid',
  'From',
  'To',
  'CallStatus',
  'ApiVersion',
  'Direction',
  'CallerName',
  'RecordingUrl',
  'RecordingDuration',
  'RecordingSid',
  'PublicRecordingUrl',
  'Digits',
  'InstanceId',
  'ForwardedFrom',
  'CallTimestamp',
  'SpeechResult',
  'RecordingStatus',
  'RecordingChannels',
  'RecordingSource',
  'RecordingStartTime',
  'ErrorCode',
  'TranscriptionSid',
  'TranscriptionText',
  'TranscriptionStatus',
  'TranscriptionUrl',
] as const;

/** Content types a rule commonly answers with (a type far from all of them is likely a typo). */
const KNOWN_CONTENT_TYPES = [
  'text/xml',
  'application/xml',
  'text/plain',
  'text/html',
  'application/json',
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/mpeg',
  'audio/ogg',
  'audio/webm',
];

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** What in a rule is likely a mistake (it still answers as written): one sentence each. */
export function ruleWarnings(rule: MockRule): string[] {
  const warnings: string[] = [];
  const pattern = rule.pattern.trim();
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(pattern);
  if (pattern === '') warnings.push('The URL pattern is empty: it matches nothing.');
  else if (!isUrl && !pattern.startsWith('/') && !pattern.startsWith('*')) {
    warnings.push(
      `The pattern “${pattern}” never matches: a path starts with / (or give a full URL). Did you mean “/${pattern}”?`,
    );
  }
  if (!rule.audio) {
    const known = new Set<string>(KNOWN_PARAMETERS);
    const named = new Set(
      Array.from(rule.body.matchAll(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g), (m) => m[1] ?? ''),
    );
    for (const name of named) {
      if (known.has(name)) continue;
      const close = KNOWN_PARAMETERS.find((k) => k.toLowerCase() === name.toLowerCase());
      warnings.push(
        close
          ? `{{${name}}} is always empty: parameter names are case-sensitive. Did you mean {{${close}}}?`
          : `{{${name}}} is not a parameter the sandbox sends: it becomes empty.`,
      );
    }
  }
  const essence = (rule.contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (!KNOWN_CONTENT_TYPES.includes(essence) && !essence.endsWith('+xml')) {
    const near = KNOWN_CONTENT_TYPES.find((known) => editDistance(known, essence) <= 2);
    warnings.push(
      near
        ? `“${rule.contentType}” is not a content type the call reads. Did you mean ${near}?`
        : `“${rule.contentType}” is not XML: a call that gets it as a document ends with 12100.`,
    );
  }
  return warnings;
}

/**
 * Rules from a rules.json's text: an array of rules, or an object with `rules` (the app's Export rules
 * file, and its exported workspace `{ rcml, rules, settings }`). Every rule goes through normalizeRules;
 * `warnings` name each entry that is not a rule and each rule's ruleWarnings. Throws an Error naming
 * `file` when the text is not JSON or holds no list of rules.
 */
export function readRulesFile(text: string, file: string): { rules: MockRule[]; warnings: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const list: unknown = isObject(value) && 'rules' in value ? value.rules : value;
  if (!Array.isArray(list)) {
    throw new Error(`${file} holds no rules: write an array of rules, or { "rules": [ … ] }`);
  }
  const warnings: string[] = [];
  list.forEach((entry, index) => {
    if (!isObject(entry)) warnings.push(`${file}: entry ${index + 1} is not a rule (an object), ignored`);
  });
  const rules = normalizeRules(list);
  for (const rule of rules) {
    for (const warning of ruleWarnings(rule)) warnings.push(`${file}: ${ruleLabel(rule, rules)}: ${warning}`);
  }
  return { rules, warnings };
}

/** The rules as a rules.json (what readRulesFile and `rcml-sandbox simulate --rules` read). */
export function rulesFileText(rules: readonly MockRule[]): string {
  return `${JSON.stringify({ rules }, null, 2)}\n`;
}
