import { http, HttpResponse, delay } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { findRule, renderTemplate, type MockRule } from './mock-rules.ts';

/** Requests the call makes carry this header, so the mock server answers them and lets the app's assets pass. */
export const CALL_REQUEST_HEADER = 'x-sandbox-call';
/** The response header that names the rule that answered. */
export const RULE_RESPONSE_HEADER = 'x-sandbox-rule';

function recordingKey(url: string): string {
  return url.replace(/[?#].*$/, '').replace(/\.wav$/, '');
}

/** The request's parameters: the query of any request, and the form fields of a POST. */
async function requestParams(request: Request): Promise<Record<string, string>> {
  const params: Record<string, string> = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method === 'POST' && /x-www-form-urlencoded/.test(request.headers.get('content-type') ?? '')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(await request.clone().text())));
  }
  return params;
}

function sameResource(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

/**
 * The in-browser mock server (Mock Service Worker): answers the document URL with the pasted RCML, the
 * recording URLs with their WAVs, and every other request of the call from the user's rules.
 */
export class MockServer {
  private documentUrl = '';
  private documentBody = '';
  private rules: MockRule[] = [];
  private readonly recordings = new Map<string, Uint8Array>();

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

  setDocument(url: string, body: string): void {
    this.documentUrl = url;
    this.documentBody = body;
  }

  setRules(rules: MockRule[]): void {
    this.rules = rules;
  }

  /** Serves a recording's WAV at each of its URLs (with or without `.wav`). */
  addRecording(urls: string[], wav: Uint8Array): void {
    for (const url of urls) this.recordings.set(recordingKey(url), wav);
  }

  stop(): void {
    this.worker.stop();
  }

  private async answer(request: Request): Promise<Response | undefined> {
    const wav = this.recordings.get(recordingKey(request.url));
    if (wav && (request.method === 'GET' || request.method === 'HEAD')) {
      return new HttpResponse(wav.slice().buffer, {
        status: 200,
        headers: { 'Content-Type': 'audio/wav', 'Content-Length': String(wav.byteLength) },
      });
    }
    if (!request.headers.has(CALL_REQUEST_HEADER)) return undefined;
    if (sameResource(request.url, this.documentUrl)) {
      return new HttpResponse(this.documentBody, {
        status: 200,
        headers: { 'Content-Type': 'text/xml', [RULE_RESPONSE_HEADER]: 'document' },
      });
    }
    const rule = findRule(this.rules, request.method, new URL(request.url));
    if (!rule) {
      return new HttpResponse('Not Found', {
        status: 404,
        headers: { 'Content-Type': 'text/plain', [RULE_RESPONSE_HEADER]: 'none' },
      });
    }
    if (rule.delayMs > 0) await delay(rule.delayMs);
    return new HttpResponse(renderTemplate(rule.body, await requestParams(request)), {
      status: rule.status,
      headers: { 'Content-Type': rule.contentType, [RULE_RESPONSE_HEADER]: rule.id },
    });
  }
}
