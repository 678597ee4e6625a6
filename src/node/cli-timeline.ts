// What `rcml-sandbox simulate` prints: the call's requests in order (method, URL, parameters, what answered
// them), each recording where it was made (before the request that carries it), the notifications with
// their codes and positions, and how the call ended. Pure functions of the simulated call.
import { SAMPLE_RATE_HZ, type Notification, type RecordingResult } from '../engine/events.ts';
import type { SimulatedCall, SimulatedRequest } from '../engine/simulate.ts';
import type { Answer, AnsweredRequest } from './cli-respond.ts';

/** End reasons that mean the call failed (exit status 1). */
export const ERROR_END_REASONS: readonly string[] = [
  'document-error',
  'http-error',
  'not-found',
  'loop-guard',
];

export function endedInError(endReason: string): boolean {
  return ERROR_END_REASONS.includes(endReason);
}

/**
 * What answered each request of the call, in the call's order: the answers `respond` gave (it is asked
 * every request but the document's), and null for a request the engine answered with the document.
 */
export function alignAnswers(
  requests: readonly SimulatedRequest[],
  answered: readonly AnsweredRequest[],
): (Answer | null)[] {
  let next = 0;
  return requests.map((request) => {
    const candidate = answered[next];
    if (
      candidate &&
      candidate.method === request.method &&
      candidate.url === request.url &&
      sameParams(candidate.params, request.params)
    ) {
      next += 1;
      return candidate.answer;
    }
    return null;
  });
}

function sameParams(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

export interface TimelineInput {
  call: SimulatedCall;
  /** What answered each request (alignAnswers); null: the document. */
  answers: readonly (Answer | null)[];
  documentUrl: string;
  /** How the document is named on the command line (`voice.xml`, `-`): positions in it are shown so. */
  documentName: string;
  /** Where each recording was written, by its SID. */
  recordingFiles?: Readonly<Record<string, string>>;
}

const seconds = (samples: number): string => (samples / SAMPLE_RATE_HZ).toFixed(3);
const BODY_CHARS = 160;

/** `"…"` of one line, at most BODY_CHARS characters. */
function shortBody(body: string): string {
  const flat = body.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return JSON.stringify(flat.length > BODY_CHARS ? `${flat.slice(0, BODY_CHARS - 1)}…` : flat);
}

export function formatAnswer(answer: Answer | null, documentName: string): string {
  if (answer === null) return `200 text/xml, the document (${documentName})`;
  if (answer.kind === 'error') return `no response: ${answer.message}`;
  const by = answer.rule === null ? 'no rule matches' : `rule ${answer.rule}`;
  return `${answer.status} ${answer.contentType}, ${by}: ${shortBody(answer.body)}`;
}

/** `#2 POST https://…/done (record-action) → 200 text/xml, rule “Done”: "<Response/>"` and its parameters. */
export function formatRequest(
  index: number,
  request: SimulatedRequest,
  answer: Answer | null,
  documentName: string,
): string[] {
  const lines = [
    `#${index + 1} ${request.method} ${request.url} (${request.purpose}) → ${formatAnswer(answer, documentName)}`,
  ];
  const names = Object.keys(request.params);
  const width = Math.max(0, ...names.map((name) => name.length));
  for (const name of names) lines.push(`     ${name.padEnd(width)}  ${request.params[name]}`);
  return lines;
}

/** `recording RE… by finishOnKey, Digits "#": 4.175 s (0.500–4.675 s) → out/RE….wav` */
export function formatRecording(recording: RecordingResult, file?: string): string {
  const digits = recording.digits === '' ? '' : `, Digits ${JSON.stringify(recording.digits)}`;
  const span = `${seconds(recording.startSample)}–${seconds(recording.endSample)} s on the call clock`;
  const empty = recording.empty ? ', empty (no speech)' : '';
  const written = file === undefined ? '' : ` → ${file}`;
  return `   recording ${recording.recordingSid} by ${recording.reason}${digits}: ${recording.durationSeconds.toFixed(3)} s (${span})${empty}${written}`;
}

/** `warning 19001 voice.xml:1:11 message`: positions in the first document named as on the command line. */
export function formatNotification(
  notification: Notification,
  documentUrl: string,
  documentName: string,
): string {
  const where =
    notification.url === null ? '' : notification.url === documentUrl ? documentName : notification.url;
  const position =
    notification.line > 0 ? `${where}:${notification.line}:${notification.column}` : where || '(call)';
  const message = notification.message.replace(/\s*[\r\n]+\s*/g, ' ');
  return `   ${notification.severity} ${notification.code} ${position} ${message}`;
}

/** `network pcmu: 451 packets sent, 44 lost, 41 concealed`. */
export function formatNetwork(network: NonNullable<SimulatedCall['network']>): string {
  return `network ${network.codec}: ${network.packetsSent} packets sent, ${network.packetsLost} lost, ${network.packetsConcealed} concealed`;
}

export function formatEnd(call: SimulatedCall): string {
  const failed = endedInError(call.endReason) ? ' (an error)' : '';
  return `call ended: ${call.endReason}${failed} after ${call.durationSeconds.toFixed(3)} s`;
}

/** Whether `request` is where the recording `sid` is first handed on (its action or final callback). */
function carries(request: SimulatedRequest, sid: string): boolean {
  if (request.recordingSid !== sid) return false;
  return !(request.purpose === 'recording-status' && request.params.RecordingStatus === 'in-progress');
}

/** The whole timeline, one line per entry, ending in a newline. */
export function formatTimeline(input: TimelineInput): string {
  const { call, answers, documentUrl, documentName } = input;
  const files = input.recordingFiles ?? {};
  const lines: string[] = [];
  let shown = 0;
  const showRecordingsUpTo = (last: number): void => {
    for (; shown <= last && shown < call.recordings.length; shown++) {
      const recording = call.recordings[shown]!;
      lines.push(formatRecording(recording, files[recording.recordingSid]));
    }
  };
  call.requests.forEach((request, index) => {
    const carried = call.recordings.findIndex((r, at) => at >= shown && carries(request, r.recordingSid));
    if (carried >= 0) showRecordingsUpTo(carried);
    lines.push(...formatRequest(index, request, answers[index] ?? null, documentName));
  });
  showRecordingsUpTo(call.recordings.length - 1);
  if (call.notifications.length > 0) {
    lines.push('notifications:');
    for (const notification of call.notifications) {
      lines.push(formatNotification(notification, documentUrl, documentName));
    }
  }
  if (call.network) lines.push(formatNetwork(call.network));
  lines.push(formatEnd(call));
  return `${lines.join('\n')}\n`;
}

/** The call as `--json` prints it: recordings without their samples (the file written, if any). */
export function callToJson(input: TimelineInput): unknown {
  const { call, answers } = input;
  const files = input.recordingFiles ?? {};
  return {
    endReason: call.endReason,
    endedInError: endedInError(call.endReason),
    durationSeconds: call.durationSeconds,
    requests: call.requests.map((request, index) => {
      const answer = answers[index] ?? null;
      return {
        ...request,
        response:
          answer === null
            ? { status: 200, contentType: 'text/xml', document: true }
            : answer.kind === 'error'
              ? { error: answer.message }
              : {
                  status: answer.status,
                  contentType: answer.contentType,
                  body: answer.body,
                  rule: answer.rule,
                },
      };
    }),
    recordings: call.recordings.map(({ samples, ...recording }) => ({
      ...recording,
      samplesLength: samples.length,
      startSeconds: recording.startSample / SAMPLE_RATE_HZ,
      endSeconds: recording.endSample / SAMPLE_RATE_HZ,
      file: files[recording.recordingSid] ?? null,
    })),
    notifications: call.notifications,
    network: call.network,
  };
}
