/**
 * The call's timeline as files a developer can keep or import elsewhere: JSON (everything the inspector
 * shows) and HAR 1.2 (the requests and responses, which browser devtools import). No browser APIs here.
 */
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import type { InspectorNotification, InspectorRequest, InspectorSnapshot } from './inspector-log.ts';
import type { RecordingEntry } from './recording-library.ts';

export type TimelineItem =
  | { kind: 'request'; clockSamples: number; request: InspectorRequest }
  | { kind: 'notification'; clockSamples: number; notification: InspectorNotification; index: number }
  | { kind: 'recording'; clockSamples: number; recording: RecordingEntry };

/** Requests, notifications and the call's recordings by call-clock time (ties: in the order they came). */
export function timelineItems(log: InspectorSnapshot, recordings: readonly RecordingEntry[]): TimelineItem[] {
  const items: TimelineItem[] = [
    ...log.requests.map((request) => ({
      kind: 'request' as const,
      clockSamples: request.clockSamples,
      request,
    })),
    ...log.notifications.map((notification, index) => ({
      kind: 'notification' as const,
      clockSamples: notification.clockSamples,
      notification,
      index,
    })),
    ...recordings.map((recording) => ({
      kind: 'recording' as const,
      clockSamples: recording.endSample,
      recording,
    })),
  ];
  // A stable sort keeps each kind's own order; a recording sorts by where it stopped.
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => a.item.clockSamples - b.item.clockSamples || a.order - b.order)
    .map(({ item }) => item);
}

export interface TimelineJson {
  exportedAt: string;
  callSid: string | null;
  requests: Omit<InspectorRequest, 'startedAtMs'>[];
  notifications: InspectorNotification[];
  recordings: {
    recordingSid: string;
    reason: string;
    digits: string;
    durationSeconds: number;
    /** Where on the call clock the recorded audio starts and ends (seconds since the call started). */
    startSeconds: number;
    endSeconds: number;
    durationParam: string | null;
    empty: boolean;
    media: string;
    url: string;
    requestNumber: number | null;
  }[];
}

/** Everything the inspector shows of the call, as JSON (what `call.requests()` of the Playwright kit reads). */
export function timelineJson(
  log: InspectorSnapshot,
  recordings: readonly RecordingEntry[],
  callSid: string | null,
  now: Date,
): TimelineJson {
  return {
    exportedAt: now.toISOString(),
    callSid,
    requests: log.requests.map(({ startedAtMs: _startedAtMs, ...request }) => request),
    notifications: [...log.notifications],
    recordings: recordings.map((r) => ({
      recordingSid: r.recordingSid,
      reason: r.reason,
      digits: r.digits,
      durationSeconds: r.lengthSamples / SAMPLE_RATE_HZ,
      startSeconds: (r.endSample - r.lengthSamples) / SAMPLE_RATE_HZ,
      endSeconds: r.endSample / SAMPLE_RATE_HZ,
      durationParam: r.durationParam,
      empty: r.empty,
      media: r.media,
      url: r.url,
      requestNumber: r.requestNumber,
    })),
  };
}

function nameValues(values: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(values).map(([name, value]) => ({ name, value }));
}

/** HAR 1.2 of the call's requests (http://www.softwareishard.com/blog/har-12-spec/). */
export function timelineHar(log: InspectorSnapshot, callStartedAt: Date, creatorVersion: string): unknown {
  return {
    log: {
      version: '1.2',
      creator: { name: 'RCML Record Sandbox', version: creatorVersion },
      pages: [],
      entries: log.requests.map((request) => {
        const url = URL.canParse(request.url) ? new URL(request.url) : null;
        const response = request.response;
        const started = new Date(callStartedAt.getTime() + (request.clockSamples / SAMPLE_RATE_HZ) * 1000);
        const time = response?.durationMs ?? 0;
        return {
          startedDateTime: started.toISOString(),
          time,
          request: {
            method: request.method,
            url: request.url,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: nameValues(request.headers),
            queryString: url ? [...url.searchParams].map(([name, value]) => ({ name, value })) : [],
            ...(request.body !== null
              ? {
                  postData: {
                    mimeType: request.headers['Content-Type'] ?? 'application/x-www-form-urlencoded',
                    params: nameValues(request.method === 'POST' ? request.params : {}),
                    text: request.body,
                  },
                }
              : {}),
            headersSize: -1,
            bodySize: request.body?.length ?? 0,
          },
          response: response
            ? {
                status: response.status,
                statusText: '',
                httpVersion: 'HTTP/1.1',
                cookies: [],
                headers: nameValues(response.headers),
                content: { size: response.body.length, mimeType: response.contentType, text: response.body },
                redirectURL: '',
                headersSize: -1,
                bodySize: response.body.length,
              }
            : {
                status: 0,
                statusText: request.error?.message ?? 'no response',
                httpVersion: 'HTTP/1.1',
                cookies: [],
                headers: [],
                content: { size: 0, mimeType: '' },
                redirectURL: '',
                headersSize: -1,
                bodySize: -1,
              },
          cache: {},
          timings: { send: 0, wait: time, receive: 0 },
          comment: `${request.number}: ${request.purpose}${request.live ? ' (live)' : ''}`,
        };
      }),
    },
  };
}
