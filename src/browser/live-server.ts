import type { LiveServerPort } from './call-io.ts';
import {
  LIVE_ADDRESS_HEADER,
  LIVE_MS_HEADER,
  LIVE_OUTCOME_HEADER,
  LIVE_REASON_HEADER,
  LIVE_TARGET_HEADER,
  type LiveForwarder,
} from './mock-server.ts';
import { errorMessage } from '../rcml/error-message.ts';

/** What the sandbox's server puts in the page it serves (src/node/sandbox-server.ts). */
export interface SandboxServerConfig {
  version: number;
  secret: string;
  liveOrigins: string[];
  allowRemote: boolean;
  timeoutMs: number;
}

export const SERVER_META_NAME = 'rcml-sandbox-server';
const SECRET_HEADER = 'X-Sandbox-Secret';

/** The server's config from the page's `<meta name="rcml-sandbox-server">`, or null (a page served without it). */
export function readServerConfig(doc: Document = document): SandboxServerConfig | null {
  const content = doc.querySelector<HTMLMetaElement>(`meta[name="${SERVER_META_NAME}"]`)?.content;
  if (!content) return null;
  try {
    const value = JSON.parse(content) as Partial<SandboxServerConfig>;
    if (typeof value.secret !== 'string' || value.secret === '') return null;
    return {
      version: typeof value.version === 'number' ? value.version : 1,
      secret: value.secret,
      liveOrigins: Array.isArray(value.liveOrigins)
        ? value.liveOrigins.filter((o) => typeof o === 'string')
        : [],
      allowRemote: value.allowRemote === true,
      timeoutMs: typeof value.timeoutMs === 'number' ? value.timeoutMs : 15_000,
    };
  } catch {
    return null;
  }
}

interface ForwardAnswer {
  outcome: 'response' | 'refused' | 'failed';
  target?: string;
  address?: string;
  status?: number;
  statusText?: string;
  headers?: Record<string, string>;
  body?: string;
  bodyEncoding?: 'utf8' | 'base64';
  reason?: string;
  durationMs?: number;
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const HOP_BY_HOP = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'content-encoding',
]);

/**
 * The page's side of live servers (SPEC §8): which URLs are live, forwarding them through the sandbox's
 * server (with the secret only this page knows), and storing recordings there for the app to download.
 * Without the server (the page served by something else), a live URL is refused with a reason.
 */
export class LiveServer implements LiveForwarder, LiveServerPort {
  private settingOrigins: string[] = [];
  private timeoutMs = 15_000;

  constructor(
    private readonly config: SandboxServerConfig | null,
    readonly origin: string = location.origin,
  ) {}

  get available(): boolean {
    return this.config !== null;
  }

  get serverOrigins(): readonly string[] {
    return this.config?.liveOrigins ?? [];
  }

  /** The call's live origins (the Live servers setting) and HTTP timeout. */
  configure(origins: readonly string[], timeoutMs: number): void {
    this.settingOrigins = [...origins];
    this.timeoutMs = timeoutMs;
  }

  private origins(): string[] {
    return [...new Set([...this.settingOrigins, ...this.serverOrigins])];
  }

  isLive(url: string): boolean {
    return URL.canParse(url) && this.origins().includes(new URL(url).origin);
  }

  async forward(request: Request): Promise<Response> {
    const started = performance.now();
    const target = request.url;
    if (!this.config) {
      return answer({
        outcome: 'refused',
        target,
        reason:
          "this page was not served by the sandbox's own server (npm run dev, npm run preview or npx rcml-sandbox serve), which sends live requests",
        durationMs: 0,
      });
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (!name.startsWith('x-sandbox-')) headers[name] = value;
    });
    let reply: ForwardAnswer;
    try {
      const response = await fetch('/__sandbox/forward', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SECRET_HEADER]: this.config.secret },
        body: JSON.stringify({
          method: request.method,
          url: target,
          headers,
          body: request.method === 'POST' ? await request.text() : null,
          liveOrigins: this.origins(),
          timeoutMs: this.timeoutMs,
        }),
      });
      if (!response.ok) {
        const text = await response.text();
        let why = text;
        try {
          why = (JSON.parse(text) as { error?: string }).error ?? text;
        } catch {
          // not JSON: the text says it
        }
        reply = {
          outcome: 'refused',
          target,
          reason: `the sandbox's server refused to forward it (${response.status}: ${why})`,
        };
      } else {
        reply = (await response.json()) as ForwardAnswer;
      }
    } catch (error) {
      reply = {
        outcome: 'failed',
        target,
        reason: `the sandbox's server could not be reached (${errorMessage(error)})`,
      };
    }
    reply.durationMs ??= performance.now() - started;
    return answer(reply);
  }

  async storeRecording(
    recordingSid: string,
    paths: string[],
    bytes: Uint8Array,
    contentType: string,
  ): Promise<void> {
    if (!this.config) throw new Error("this page was not served by the sandbox's own server");
    const response = await fetch(`/__sandbox/recordings/${recordingSid}`, {
      method: 'PUT',
      headers: {
        'Content-Type': contentType,
        [SECRET_HEADER]: this.config.secret,
        'X-Sandbox-Recording-Paths': JSON.stringify(paths),
      },
      body: bytes.slice().buffer,
    });
    if (!response.ok)
      throw new Error(`the sandbox's server answered ${response.status}: ${await response.text()}`);
  }

  async clearRecordings(): Promise<void> {
    if (!this.config) return;
    await fetch('/__sandbox/recordings', {
      method: 'DELETE',
      headers: { [SECRET_HEADER]: this.config.secret },
    });
  }
}

/** The forwarder's JSON as the Response the call sees, with the LIVE_* headers the page reads back. */
function answer(reply: ForwardAnswer): Response {
  const ours: Record<string, string> = {
    [LIVE_TARGET_HEADER]: encodeURIComponent(reply.target ?? ''),
    [LIVE_MS_HEADER]: String(Math.max(0.001, reply.durationMs ?? 0)),
  };
  if (reply.address) ours[LIVE_ADDRESS_HEADER] = encodeURIComponent(reply.address);
  if (reply.outcome !== 'response') {
    return new Response(reply.reason ?? '', {
      status: 502,
      headers: {
        ...ours,
        'Content-Type': 'text/plain',
        [LIVE_OUTCOME_HEADER]: reply.outcome,
        [LIVE_REASON_HEADER]: encodeURIComponent(reply.reason ?? 'the live server could not be reached'),
      },
    });
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply.headers ?? {})) {
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    try {
      headers.set(name, value);
    } catch {
      // a header the browser will not set: not shown
    }
  }
  for (const [name, value] of Object.entries(ours)) headers.set(name, value);
  headers.set(LIVE_OUTCOME_HEADER, 'response');
  const body = reply.body ?? '';
  const status = reply.status ?? 200;
  const nullBody = status === 204 || status === 205 || status === 304 || (status >= 100 && status < 200);
  return new Response(nullBody ? null : reply.bodyEncoding === 'base64' ? base64Bytes(body) : body, {
    status: status < 200 || status > 599 ? 502 : status,
    statusText: reply.statusText ?? '',
    headers,
  });
}
