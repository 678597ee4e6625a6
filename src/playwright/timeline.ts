/**
 * What the kit reads of a call: the inspector's `Export JSON` file (src/browser/timeline-export.ts), read
 * field by field so that a sandbox of another version gives a clear message instead of wrong values.
 */

/** Why a request was made. */
export type SandboxRequestPurpose =
  'document' | 'record-action' | 'gather-action' | 'redirect' | 'recording-status' | 'transcription' | 'play';

/** One request the call made, as the inspector shows it. */
export interface SandboxRequest {
  /** The inspector's number: 1, 2, 3… in the order the requests were made. */
  number: number;
  purpose: SandboxRequestPurpose;
  method: string;
  /** The full URL (with the query of a GET). */
  url: string;
  /** Query parameters of a GET, form parameters of a POST. */
  params: Record<string, string>;
  /** The response's status, or null when there was none (a network error, or still waiting). */
  status: number | null;
  /** The response's body, or null when there was none. */
  responseBody: string | null;
  /** Whether it went to your own server (a live origin) rather than the mock rules. */
  live: boolean;
  /** Why it failed (a refused or unreachable live server, a timeout), or null. */
  error: { code: number; message: string } | null;
}

/** A notification of the call (a warning or error with its code, such as 11200 or 21402). */
export interface SandboxNotification {
  severity: 'error' | 'warning';
  code: number;
  message: string;
  line: number;
  column: number;
  /** The document or request it refers to, or null. */
  url: string | null;
}

/** A recording's facts, as the timeline lists them (the samples come from its WAV). */
export interface TimelineRecording {
  recordingSid: string;
  reason: 'finishOnKey' | 'timeout' | 'maxLength' | 'hangup';
  digits: string;
  durationSeconds: number;
  empty: boolean;
}

export interface Timeline {
  callSid: string | null;
  requests: SandboxRequest[];
  notifications: SandboxNotification[];
  recordings: TimelineRecording[];
}

type Fields = Record<string, unknown>;

class TimelineFormatError extends Error {
  constructor(where: string, what: string) {
    super(
      `the sandbox's Export JSON is not in the format this kit reads: ${where} ${what} (is the sandbox at sandboxUrl the same version as the kit?)`,
    );
    this.name = 'TimelineFormatError';
  }
}

function object(value: unknown, where: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TimelineFormatError(where, 'is not an object');
  }
  return value as Fields;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new TimelineFormatError(where, 'is not a list');
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new TimelineFormatError(where, 'is not a string');
  return value;
}

function number(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TimelineFormatError(where, 'is not a number');
  }
  return value;
}

function strings(value: unknown, where: string): Record<string, string> {
  const fields = object(value, where);
  const out: Record<string, string> = {};
  for (const [name, item] of Object.entries(fields)) out[name] = string(item, `${where}.${name}`);
  return out;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new TimelineFormatError(where, `is ${JSON.stringify(value)}, not one of ${allowed.join(', ')}`);
}

const PURPOSES: readonly SandboxRequestPurpose[] = [
  'document',
  'record-action',
  'gather-action',
  'redirect',
  'recording-status',
  'transcription',
  'play',
];
const REASONS: readonly TimelineRecording['reason'][] = ['finishOnKey', 'timeout', 'maxLength', 'hangup'];

function readRequest(value: unknown, where: string): SandboxRequest {
  const f = object(value, where);
  const response =
    f.response === null || f.response === undefined ? null : object(f.response, `${where}.response`);
  const error = f.error === null || f.error === undefined ? null : object(f.error, `${where}.error`);
  return {
    number: number(f.number, `${where}.number`),
    purpose: oneOf(f.purpose, PURPOSES, `${where}.purpose`),
    method: string(f.method, `${where}.method`),
    url: string(f.url, `${where}.url`),
    params: strings(f.params, `${where}.params`),
    status: response ? number(response.status, `${where}.response.status`) : null,
    responseBody: response ? string(response.body, `${where}.response.body`) : null,
    live: f.live !== null && f.live !== undefined && f.live !== false,
    error: error
      ? {
          code: number(error.code, `${where}.error.code`),
          message: string(error.message, `${where}.error.message`),
        }
      : null,
  };
}

function readNotification(value: unknown, where: string): SandboxNotification {
  const f = object(value, where);
  return {
    severity: oneOf(f.severity, ['error', 'warning'] as const, `${where}.severity`),
    code: number(f.code, `${where}.code`),
    message: string(f.message, `${where}.message`),
    line: number(f.line, `${where}.line`),
    column: number(f.column, `${where}.column`),
    url: typeof f.url === 'string' ? f.url : null,
  };
}

function readRecording(value: unknown, where: string): TimelineRecording {
  const f = object(value, where);
  return {
    recordingSid: string(f.recordingSid, `${where}.recordingSid`),
    reason: oneOf(f.reason, REASONS, `${where}.reason`),
    digits: string(f.digits, `${where}.digits`),
    durationSeconds: number(f.durationSeconds, `${where}.durationSeconds`),
    empty: f.empty === true,
  };
}

/** The timeline in an `Export JSON` file's text; throws an Error that says which field is not as expected. */
export function readTimeline(text: string): Timeline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TimelineFormatError('the file', `is not JSON (${(error as Error).message})`);
  }
  const f = object(parsed, 'the file');
  return {
    callSid: typeof f.callSid === 'string' ? f.callSid : null,
    requests: list(f.requests, 'requests').map((r, i) => readRequest(r, `requests[${i}]`)),
    notifications: list(f.notifications ?? [], 'notifications').map((n, i) =>
      readNotification(n, `notifications[${i}]`),
    ),
    recordings: list(f.recordings, 'recordings').map((r, i) => readRecording(r, `recordings[${i}]`)),
  };
}

/** A request in one line, for messages: `#2 POST https://app.example.com/handle-recording → 200`. */
export function describeRequest(request: SandboxRequest): string {
  const outcome = request.error
    ? `error ${request.error.code}: ${request.error.message}`
    : request.status === null
      ? 'waiting for the response'
      : String(request.status);
  return `#${request.number} ${request.method} ${request.url} → ${outcome}`;
}
