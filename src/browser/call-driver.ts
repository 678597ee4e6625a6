import { servesDocument } from '../engine/document-url.ts';
import type { MockRule } from '../engine/mock-rules.ts';
import type { CallIo } from './call-io.ts';
import {
  CallSession,
  toOutcome,
  type CallProgress,
  type MockServerPort,
  type SessionOptions,
} from './call-session.ts';
import { IDLE_VIEW, type CallView } from './call-view.ts';
import { InspectorLog } from './inspector-log.ts';
import {
  RecordingLibrary,
  type BlobUrls,
  type RecordingEntry,
  type RecordingServer,
} from './recording-library.ts';
import { Store } from './store.ts';

export type { CallView, KeyPress, SessionPhase } from './call-view.ts';
export type { CallSettings } from './settings.ts';

const RESEND_TIMEOUT_MS = 15_000;

/** The mock server as the driver sees it: the call's document and rules, and the recordings it serves. */
export interface MockServerControl extends MockServerPort, RecordingServer {
  /** The rules that answer re-sends (the workspace's, as they are now). */
  setRules(rules: readonly MockRule[]): void;
}

/**
 * Runs the page's calls, one at a time, and keeps what the UI shows in three stores of their own: the call
 * (`view`, changing with every audio chunk), the inspector (`log`) and the recordings (`recordings`), so a
 * pane re-renders only for what it shows. Each call is a CallSession that owns everything it opens.
 */
export class CallDriver {
  readonly view = new Store<CallView>(IDLE_VIEW);
  readonly log = new InspectorLog();
  readonly recordings: RecordingLibrary;
  private session: CallSession | null = null;
  private documentUrl = '';

  constructor(
    private readonly io: CallIo,
    private readonly server: MockServerControl,
    blobUrls?: BlobUrls,
  ) {
    const servers: RecordingServer[] = [server];
    const live = io.liveServer;
    if (live) servers.push({ add: () => undefined, clear: () => live.clearRecordings() });
    this.recordings = new RecordingLibrary(servers, blobUrls);
  }

  /** The origins the sandbox's server was started with (`--live`), or null when no server served the page. */
  get serverOrigins(): readonly string[] | null {
    return this.io.liveServer?.serverOrigins ?? null;
  }

  get phase(): CallView['phase'] {
    return this.view.getSnapshot().phase;
  }

  /** Starts a call with the workspace as it is now (it runs that copy to its end). */
  async start(options: SessionOptions): Promise<void> {
    if (this.phase === 'starting' || this.phase === 'in-call') return;
    this.documentUrl = options.settings.documentUrl;
    this.log.reset();
    const session = new CallSession(this.io, options, this.view, this.log, this.recordings, this.server);
    this.session = session;
    await session.start();
  }

  /** A keypad key: sent to the call, or (outside a call) its tone only. */
  key(key: string): void {
    if (this.phase === 'in-call' && this.session) {
      this.session.key(key);
      return;
    }
    this.io.speaker().then(
      (speaker) => speaker.keyTone(key),
      () => undefined,
    );
  }

  hangup(): void {
    this.session?.hangup();
  }

  setRules(rules: readonly MockRule[]): void {
    this.server.setRules(rules);
  }

  /**
   * Sends request `number` of the inspector again, against the current rules. Its answer is shown as a new
   * entry; the call (running or ended) is not affected.
   */
  async resend(number: number): Promise<void> {
    const original = this.log.find(number);
    if (!original) return;
    const copy = this.log.add({
      ...original,
      engineId: null,
      resendOf: original.number,
      clockSamples: original.clockSamples,
      startedAtMs: this.io.timers.now(),
    });
    const result = await this.io.http.send({
      method: original.method,
      url: original.url,
      headers: original.headers,
      body: original.body,
      servesDocument: servesDocument(original.target, this.documentUrl),
      timeoutMs: RESEND_TIMEOUT_MS,
      resend: true,
    });
    this.log.complete(copy, toOutcome(result));
  }

  /** The workspace and caller the last call started with. */
  lastCallOptions(): SessionOptions | null {
    return this.session?.options ?? null;
  }

  /** Where the last call's voice detector heard speech, in call-clock seconds. */
  lastCallSpeech(): [number, number][] {
    return this.session?.speech.seconds ?? [];
  }

  /** The call in progress as a reload would leave it, or null (see CallSession.progress). */
  progress(): CallProgress | null {
    return this.phase === 'in-call' ? (this.session?.progress() ?? null) : null;
  }

  restoreRecordings(entries: RecordingEntry[]): void {
    this.recordings.restore(entries);
  }

  clearRecordings(): Promise<void> {
    return this.recordings.clear();
  }

  /** The page is going away: the call ends; the recordings stay where they are served. */
  dispose(): void {
    this.session?.dispose();
    this.session = null;
    this.view.close();
    this.log.store.close();
    this.recordings.store.close();
  }
}
