import type { HttpMethod } from '../rcml/types.ts';
import type { HttpRequest } from './events.ts';

/**
 * Builds the HTTP request for `url` (already absolute): POST sends `params` as an
 * `application/x-www-form-urlencoded` body; GET appends them to the query (after dropping the URL's own
 * query when `dropQuery`). `params` of the result are the GET's whole query, or the POST's form.
 */
export function buildRequest(
  id: number,
  method: HttpMethod,
  url: string,
  params: Record<string, string>,
  purpose: HttpRequest['purpose'],
  dropQuery: boolean,
): HttpRequest {
  if (method === 'GET') {
    const target = new URL(url);
    if (dropQuery) target.search = '';
    for (const [name, value] of Object.entries(params)) target.searchParams.append(name, value);
    return {
      id,
      method,
      url: target.href,
      params: Object.fromEntries(target.searchParams),
      body: null,
      headers: {},
      purpose,
    };
  }
  return {
    id,
    method,
    url: new URL(url).href,
    params: { ...params },
    body: new URLSearchParams(params).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    purpose,
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
