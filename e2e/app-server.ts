/**
 * A developer's voice app, for the live-server e2e: a plain Node HTTP server on loopback that answers the
 * sandbox's call with RCML depending on the request, receives the Record action, downloads RecordingUrl
 * itself, checks the WAV, and answers with the next RCML. Everything it saw is at GET /log (and reset by
 * POST /reset). With AUTH_TOKEN, it checks X-Twilio-Signature with twilio's own validateRequest.
 * Started by playwright.config.ts beside the preview server: `node --import tsx e2e/app-server.ts`.
 */
import { createServer, type IncomingMessage } from 'node:http';
import twilio from 'twilio';
import { decodeWav } from '../src/audio/wav.ts';

export const APP_PORT = Number(process.env.APP_PORT ?? 4876);
const AUTH_TOKEN = process.env.AUTH_TOKEN ?? 'e2e-auth-token';

interface Seen {
  method: string;
  path: string;
  url: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  signatureValid: boolean | null;
  download?:
    | { status: number; contentType: string; sampleRateHz: number; seconds: number }
    | { status: number; contentType: string; container: string; bytes: number; range: string | null }
    | { error: string };
}

let seen: Seen[] = [];

async function body(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** The app downloads its recording from RecordingUrl, as it would from the platform. */
async function download(url: string): Promise<Seen['download']> {
  try {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.startsWith('video/')) {
      // A video: what its first bytes say it is, and whether a player could seek in it (Range).
      const part = await fetch(url, { headers: { Range: 'bytes=0-99' } });
      await part.arrayBuffer();
      const magic = String.fromCharCode(...bytes.subarray(4, 8));
      return {
        status: response.status,
        contentType,
        container: magic === 'ftyp' ? 'mp4' : bytes[0] === 0x1a && bytes[1] === 0x45 ? 'webm' : 'unknown',
        bytes: bytes.length,
        range: part.status === 206 ? part.headers.get('content-range') : null,
      };
    }
    const wav = decodeWav(bytes);
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      sampleRateHz: wav.sampleRateHz,
      seconds: wav.samples.length / wav.sampleRateHz,
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${APP_PORT}`);
  if (url.pathname === '/log') {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(seen));
    return;
  }
  if (url.pathname === '/reset') {
    seen = [];
    response.writeHead(204).end();
    return;
  }
  const text = request.method === 'POST' ? await body(request) : '';
  const params =
    request.method === 'POST'
      ? Object.fromEntries(new URLSearchParams(text))
      : Object.fromEntries(url.searchParams);
  const signature = request.headers['x-twilio-signature'];
  const entry: Seen = {
    method: request.method ?? '',
    path: url.pathname,
    url: url.href,
    params,
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
    signatureValid:
      typeof signature === 'string'
        ? twilio.validateRequest(AUTH_TOKEN, signature, url.href, request.method === 'POST' ? params : {})
        : null,
  };
  seen.push(entry);
  response.setHeader('Content-Type', 'text/xml');
  if (url.pathname === '/voice') {
    // RCML that depends on the request: it greets the caller by number.
    response.end(
      `<Response><Say>Hello ${params.From ?? 'stranger'}.</Say><Record action="/recorded" maxLength="3" playBeep="false" trim="do-not-trim"/></Response>`,
    );
    return;
  }
  if (url.pathname === '/voice-video') {
    response.end(
      '<Response><Record action="/recorded" maxLength="3" playBeep="false" media="audio_video"/></Response>',
    );
    return;
  }
  if (url.pathname === '/recorded') {
    entry.download = await download(params.RecordingUrl ?? '');
    response.end('<Response><Say>Thank you.</Say><Hangup/></Response>');
    return;
  }
  response.writeHead(404).end('not found');
});

server.listen(APP_PORT, '127.0.0.1', () => console.log(`app server on http://127.0.0.1:${APP_PORT}`));
