/** Turns a request the call made into text a developer can paste: a curl command or JSON. No browser APIs. */

export interface ExportableRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  params: Record<string, string>;
}

/** Quotes for a POSIX shell: single quotes, with each embedded single quote closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function toCurl(request: ExportableRequest): string {
  const parts = ['curl', '-X', request.method, shellQuote(request.url)];
  for (const [name, value] of Object.entries(request.headers))
    parts.push('-H', shellQuote(`${name}: ${value}`));
  if (request.body !== null && request.method !== 'GET') parts.push('--data-raw', shellQuote(request.body));
  return parts.join(' ');
}

export function paramsAsJson(request: ExportableRequest): string {
  return JSON.stringify(request.params, null, 2);
}
