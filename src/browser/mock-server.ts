import { http, HttpResponse, delay } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { parseByteRange } from '../engine/http-range.ts';
import { findRule, renderTemplate, ruleLabel, type MockRule } from '../engine/mock-rules.ts';
import { ruleAudioBytes } from '../engine/rule-audio.ts';
import type { MockServerControl } from './call-driver.ts';
import type { MockCall } from './call-session.ts';
import type { RecordingEntry } from './recording-library.ts';
import { videoContentType } from './video-recorder.ts';
import { errorMessage } from '../rcml/error-message.ts';

/** Requests the call makes carry this header, so the mock server answers them and lets the app's assets pass. */
export const CALL_REQUEST_HEADER = 'x-sandbox-call';
/** Set (to 1) on a call request that the call's document answers (engine/document-url.ts decides). */
export const DOCUMENT_REQUEST_HEADER = 'x-sandbox-document';
/** Response headers: the rule that answered (its id, and how the inspector names it). */
export const RULE_RESPONSE_HEADER = 'x-sandbox-rule';
export const RULE_LABEL_HEADER = 'x-sandbox-rule-label';
/** A rule that could not answer (it is never thrown inside the service worker's handler): why. */
export const RULE_ERROR_HEADER = 'x-sandbox-rule-error';
/** Response headers of the live path: the target, the address, the outcome (refused/failed) and why. */
export const LIVE_TARGET_HEADER = 'x-sandbox-live-target';
export const LIVE_ADDRESS_HEADER = 'x-sandbox-live-address';
export const LIVE_OUTCOME_HEADER = 'x-sandbox-live-outcome';
export const LIVE_REASON_HEADER = 'x-sandbox-live-reason';
export const LIVE_MS_HEADER = 'x-sandbox-live-ms';
/** Headers of ours that are not the answer's own (the inspector does not show them). */
export const SANDBOX_HEADERS = [
  RULE_RESPONSE_HEADER,
  RULE_LABEL_HEADER,
  RULE_ERROR_HEADER,
  LIVE_TARGET_HEADER,
  LIVE_ADDRESS_HEADER,
  LIVE_OUTCOME_HEADER,
  LIVE_REASON_HEADER,
  LIVE_MS_HEADER,
];

/** Forwards a live request to the sandbox's own server (SPEC §8); its answer carries the LIVE_* headers. */
export interface LiveForwarder {
  /** The call's live origins (the Live servers setting) and its HTTP timeout. */
  configure(origins: readonly string[], timeoutMs: number): void;
  isLive(url: string): boolean;
  forward(request: Request): Promise<Response>;
}

function recordingKey(url: string): string {
  return url.replace(/[?#].*$/, '').replace(/\.(wav|mp4|webm)$/, '');
}

/** The request's parameters: the query of any request, and the form fields of a POST. */
async function requestParams(request: Request): Promise<Record<string, string>> {
  const params: Record<string, string> = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method === 'POST' && /x-www-form-urlencoded/.test(request.headers.get('content-type') ?? '')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(await request.clone().text())));
  }
  return params;
}

/** Answers GET/HEAD of a stored file, with byte ranges (so a <video> can seek). */
function serveFile(request: Request, bytes: Uint8Array, contentType: string): Response {
  const size = bytes.byteLength;
  const range = parseByteRange(request.headers.get('range'), size);
  const head = request.method === 'HEAD';
  const common = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
  if (range === 'unsatisfiable') {
    return new HttpResponse(null, {
      status: 416,
      headers: { ...common, 'Content-Range': `bytes */${size}` },
    });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const part = bytes.slice(start, end + 1);
  return new HttpResponse(head ? null : part.buffer, {
    status: range ? 206 : 200,
    headers: {
      ...common,
      'Content-Length': String(part.byteLength),
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    },
  });
}

/**
 * The in-browser mock server (Mock Service Worker). It answers every request of the call: the document
 * (the pasted RCML), a live origin's URLs (forwarded to the sandbox's server), the recordings' URLs, and
 * everything else from the rules. Nothing the call asks for leaves the browser on its own: a request to
 * another origin that is not the call's is refused, so a shared link cannot send call data anywhere.
 */
export class MockServer implements MockServerControl {
  private documentBody = '';
  private callRules: readonly MockRule[] = [];
  private rules: readonly MockRule[] = [];
  private readonly files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  private live: LiveForwarder | null = null;

  private constructor(private readonly worker: SetupWorker) {}

  static async start(): Promise<MockServer> {
    let server: MockServer | null = null;
    const worker = setupWorker(
      http.all('*', async ({ request }) => (server ? server.answer(request) : undefined)),
    );
    server = new MockServer(worker);
    await worker.start({
      onUnhandledRequest: 'bypass',
      quiet: true,
      serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    });
    return server;
  }

  setLiveForwarder(live: LiveForwarder | null): void {
    this.live = live;
  }

  setCall(call: MockCall): void {
    this.documentBody = call.rcml;
    this.callRules = call.rules;
    this.live?.configure(call.liveOrigins, call.timeoutMs);
  }

  setRules(rules: readonly MockRule[]): void {
    this.rules = rules;
  }

  add(entry: RecordingEntry): void {
    if (entry.empty) return;
    for (const url of [entry.url, entry.publicUrl]) {
      this.files.set(recordingKey(url), { bytes: entry.wav, contentType: 'audio/wav' });
      if (entry.video) {
        this.files.set(`${recordingKey(url)}#video`, {
          bytes: entry.video.bytes,
          // The container's own type (video/mp4 or video/webm), whatever the URL's extension says.
          contentType: videoContentType(entry.video.mimeType),
        });
      }
    }
  }

  clear(): void {
    this.files.clear();
  }

  stop(): void {
    this.worker.stop();
  }

  /**
   * A recording's file: the video of a video recording at its RecordingUrl (`.mp4`, or twilio's URL without
   * an extension), the WAV at `.wav`; a video recording the camera could not make answers with its WAV.
   */
  private file(url: string): { bytes: Uint8Array; contentType: string } | undefined {
    const key = recordingKey(url);
    return /\.wav(?:[?#]|$)/.test(url)
      ? this.files.get(key)
      : (this.files.get(`${key}#video`) ?? this.files.get(key));
  }

  private async answer(request: Request): Promise<Response | undefined> {
    const file = request.method === 'GET' || request.method === 'HEAD' ? this.file(request.url) : undefined;
    if (file) return serveFile(request, file.bytes, file.contentType);
    const url = new URL(request.url);
    if (!request.headers.has(CALL_REQUEST_HEADER)) {
      // The app's own assets pass; nothing else leaves the page without being the call's.
      if (url.origin === self.location.origin) return undefined;
      return HttpResponse.text(`Blocked by the sandbox: ${url.origin} is not reached from the page.`, {
        status: 403,
      });
    }
    // A live origin's URLs go to the developer's server, the document URL included (SPEC §8).
    if (this.live?.isLive(request.url)) return this.live.forward(request);
    if (request.headers.get(DOCUMENT_REQUEST_HEADER) === '1') {
      return new HttpResponse(this.documentBody, {
        status: 200,
        headers: { 'Content-Type': 'text/xml', [RULE_RESPONSE_HEADER]: 'document' },
      });
    }
    // Re-sends (no call in progress) use the rules as they are now; a call, the rules it started with.
    const rules = request.headers.get('x-sandbox-resend') === '1' ? this.rules : this.callRules;
    const rule = findRule(rules, request.method, url);
    if (!rule) {
      return new HttpResponse('Not Found', {
        status: 404,
        headers: { 'Content-Type': 'text/plain', [RULE_RESPONSE_HEADER]: 'none' },
      });
    }
    const label = ruleLabel(rule, rules);
    const ours = { [RULE_RESPONSE_HEADER]: rule.id, [RULE_LABEL_HEADER]: encodeURIComponent(label) };
    try {
      if (rule.delayMs > 0) await delay(rule.delayMs);
      if (rule.audio) {
        const bytes =
          ruleAudioBytes(rule.audio) ??
          new Uint8Array(
            await (
              await fetch(
                `${import.meta.env.BASE_URL}samples/${rule.audio.kind === 'sample' ? rule.audio.name : ''}`,
              )
            ).arrayBuffer(),
          );
        return new HttpResponse(bytes.slice().buffer, {
          status: rule.status,
          headers: { 'Content-Type': rule.contentType, ...ours },
        });
      }
      return new HttpResponse(renderTemplate(rule.body, await requestParams(request)), {
        status: rule.status,
        headers: { 'Content-Type': rule.contentType, ...ours },
      });
    } catch (error) {
      const why = errorMessage(error);
      return new HttpResponse(`The mock rule ${label} could not answer: ${why}`, {
        status: 500,
        headers: { 'Content-Type': 'text/plain', ...ours, [RULE_ERROR_HEADER]: encodeURIComponent(why) },
      });
    }
  }
}
