import type { HttpRequest } from './events.ts';
import type { RequestSpec } from './call-core.ts';
import { twilioSignature } from './twilio-signature.ts';

export interface BuildOptions {
  /** The Auth Token that signs the request (X-Twilio-Signature), or null. */
  signWith: string | null;
  background: boolean;
  /**
   * Take the query (and fragment) off the URL and send its pairs after the parameters, in a GET's new query
   * or in a POST's body (restcomm-connect's HttpRequestDescriptor, SPEC §7).
   */
  moveQuery: boolean;
}

/**
 * Builds the HTTP request for `spec.url` (already absolute): POST sends the parameters as an
 * `application/x-www-form-urlencoded` body; GET appends them to the query. `params` of the result are the
 * GET's whole query, or the POST's form; `target` is the URL before the parameters were added (with its
 * own query, also where `moveQuery` sends that query after the parameters; without a fragment). With
 * `signWith` (an Auth Token), the request carries X-Twilio-Signature.
 */
export function buildRequest(id: number, spec: RequestSpec, options: BuildOptions): HttpRequest {
  const { method, purpose } = spec;
  const { signWith, background } = options;
  const recordingSid = spec.recordingSid ?? null;
  const target = new URL(spec.url);
  // The URL as the document names it: for restcomm-connect too, whose query travels after the parameters.
  const named = new URL(spec.url);
  named.hash = '';
  const pairs: [string, string][] = Object.entries(spec.params);
  if (options.moveQuery) {
    pairs.push(...target.searchParams);
    target.search = '';
    target.hash = '';
  }
  const common = { id, method, target: named.href, purpose, recordingSid, background };
  if (method === 'GET') {
    const full = new URL(target.href);
    for (const [name, value] of pairs) full.searchParams.append(name, value);
    const headers: Record<string, string> = {};
    if (signWith !== null) headers['X-Twilio-Signature'] = twilioSignature(signWith, full.href, null);
    return { ...common, url: full.href, params: Object.fromEntries(full.searchParams), body: null, headers };
  }
  const params = Object.fromEntries(pairs);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (signWith !== null) headers['X-Twilio-Signature'] = twilioSignature(signWith, target.href, params);
  return {
    ...common,
    url: target.href,
    params,
    body: new URLSearchParams(pairs).toString(),
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
