import type { HttpRequest } from './events.ts';
import type { RequestSpec } from './call-core.ts';
import { twilioSignature } from './twilio-signature.ts';

/**
 * Builds the HTTP request for `spec.url` (already absolute): POST sends the parameters as an
 * `application/x-www-form-urlencoded` body; GET appends them to the query (after dropping the URL's own
 * query when `dropQuery`). `params` of the result are the GET's whole query, or the POST's form; `target`
 * is the URL before the parameters were added. With `signWith` (an Auth Token), the request carries
 * X-Twilio-Signature.
 */
export function buildRequest(
  id: number,
  spec: RequestSpec,
  signWith: string | null,
  background: boolean,
): HttpRequest {
  const { method, params, purpose } = spec;
  const recordingSid = spec.recordingSid ?? null;
  const target = new URL(spec.url);
  if (method === 'GET' && spec.dropQuery) target.search = '';
  const common = { id, method, target: target.href, purpose, recordingSid, background };
  if (method === 'GET') {
    const full = new URL(target.href);
    for (const [name, value] of Object.entries(params)) full.searchParams.append(name, value);
    const headers: Record<string, string> = {};
    if (signWith !== null) headers['X-Twilio-Signature'] = twilioSignature(signWith, full.href, null);
    return { ...common, url: full.href, params: Object.fromEntries(full.searchParams), body: null, headers };
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (signWith !== null) headers['X-Twilio-Signature'] = twilioSignature(signWith, target.href, params);
  return {
    ...common,
    url: target.href,
    params: { ...params },
    body: new URLSearchParams(params).toString(),
    headers,
  };
}

/** Resolves `reference` against `base` (RFC 3986); null when it cannot be parsed or is not http(s). */
export function resolveHttpUrl(reference: string, base: string): string | null {
  try {
    const url = new URL(reference, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href;
  } catch {
    return null;
  }
}
