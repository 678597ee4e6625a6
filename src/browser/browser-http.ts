import { HTTP_RETRIEVAL_FAILURE, LIVE_SERVER_REFUSED } from '../rcml/codes.ts';
import type { HttpPort, OutgoingRequest, RequestResult } from './call-io.ts';
import type { LiveInfo } from './inspector-log.ts';
import {
  CALL_REQUEST_HEADER,
  DOCUMENT_REQUEST_HEADER,
  LIVE_ADDRESS_HEADER,
  LIVE_MS_HEADER,
  LIVE_OUTCOME_HEADER,
  LIVE_REASON_HEADER,
  LIVE_TARGET_HEADER,
  RULE_ERROR_HEADER,
  RULE_LABEL_HEADER,
  RULE_RESPONSE_HEADER,
  SANDBOX_HEADERS,
} from './mock-server.ts';

/** Content types whose bodies the inspector shows as text. */
export function isTextual(contentType: string): boolean {
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    essence === '' ||
    essence.startsWith('text/') ||
    essence.endsWith('+xml') ||
    essence.endsWith('+json') ||
    essence === 'application/xml' ||
    essence === 'application/json' ||
    essence === 'application/x-www-form-urlencoded'
  );
}

function decoded(value: string | null): string | null {
  if (value === null) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The call's requests, sent with fetch: the page's mock service worker answers them (from the rules, the
 * document, or by forwarding a live origin's URL to the sandbox's server), and says how in headers of its
 * own, which this reads back and strips. A request that takes longer than its timeout is aborted (11200).
 */
export const browserHttp: HttpPort = {
  async send(request: OutgoingRequest): Promise<RequestResult> {
    const started = performance.now();
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), request.timeoutMs);
    const headers: Record<string, string> = { ...request.headers, [CALL_REQUEST_HEADER]: '1' };
    if (request.servesDocument) headers[DOCUMENT_REQUEST_HEADER] = '1';
    if (request.resend) headers['x-sandbox-resend'] = '1';
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers,
        body: request.method === 'POST' ? request.body : null,
        cache: 'no-store',
        redirect: 'manual',
        signal: controller.signal,
      });
      const bytes = await response.arrayBuffer();
      const durationMs = performance.now() - started;
      const target = response.headers.get(LIVE_TARGET_HEADER);
      const live: LiveInfo | null =
        target === null
          ? null
          : {
              target: decoded(target) ?? target,
              address: decoded(response.headers.get(LIVE_ADDRESS_HEADER)),
            };
      const liveMs = Number(response.headers.get(LIVE_MS_HEADER));
      const outcome = response.headers.get(LIVE_OUTCOME_HEADER);
      if (outcome === 'refused' || outcome === 'failed') {
        return {
          kind: 'error',
          message:
            decoded(response.headers.get(LIVE_REASON_HEADER)) ?? 'the live server could not be reached',
          code: outcome === 'refused' ? LIVE_SERVER_REFUSED : HTTP_RETRIEVAL_FAILURE,
          live,
          durationMs: Number.isFinite(liveMs) && liveMs > 0 ? liveMs : durationMs,
        };
      }
      const ruleError = decoded(response.headers.get(RULE_ERROR_HEADER));
      if (ruleError !== null) {
        const label = decoded(response.headers.get(RULE_LABEL_HEADER)) ?? 'a rule';
        return {
          kind: 'error',
          message: `the mock rule ${label} could not answer: ${ruleError}`,
          code: HTTP_RETRIEVAL_FAILURE,
          live: null,
          durationMs,
        };
      }
      const contentType = response.headers.get('content-type') ?? '';
      const shown: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!SANDBOX_HEADERS.includes(name)) shown[name] = value;
      });
      const text = isTextual(contentType)
        ? new TextDecoder().decode(bytes)
        : `(${contentType || 'no content type'}, ${bytes.byteLength.toLocaleString('en-US')} bytes)`;
      return {
        kind: 'response',
        status: response.status,
        contentType,
        headers: shown,
        text,
        bytes,
        ruleId: response.headers.get(RULE_RESPONSE_HEADER),
        ruleLabel: decoded(response.headers.get(RULE_LABEL_HEADER)),
        live,
        durationMs: Number.isFinite(liveMs) && liveMs > 0 ? liveMs : durationMs,
      };
    } catch (error) {
      const aborted = controller.signal.aborted;
      return {
        kind: 'error',
        message: aborted
          ? `no response within ${Math.round(request.timeoutMs / 100) / 10} s`
          : error instanceof Error
            ? error.message
            : String(error),
        code: HTTP_RETRIEVAL_FAILURE,
        live: null,
        durationMs: performance.now() - started,
      };
    } finally {
      window.clearTimeout(timer);
    }
  },
};
