import type { HttpRequest, Notification, RequestPurpose } from '../engine/events.ts';
import { Store } from './store.ts';

/** A request of the live path: where it went for real. */
export interface LiveInfo {
  /** The URL the sandbox's server sent it to. */
  target: string;
  /** The address it connected to (`127.0.0.1:3000`), when it got that far. */
  address: string | null;
}

export interface InspectorResponse {
  status: number;
  contentType: string;
  headers: Record<string, string>;
  /** The body as text (binary bodies are described: `(audio/wav, 12,044 bytes)`). */
  body: string;
  /** The mock rule that answered, by id (`document` for the call's document, `none` for a 404), or null (live). */
  ruleId: string | null;
  /** How the inspector names that rule (its name or its place in the list). */
  ruleLabel: string | null;
  durationMs: number;
}

export type InspectorPurpose = RequestPurpose | 'play';

export interface InspectorRequest {
  /** The number the inspector shows and notifications cite: 1, 2, 3… in the order requests were made. */
  number: number;
  /** The engine's id of the request (null for a re-send or a Play fetch). */
  engineId: number | null;
  purpose: InspectorPurpose;
  method: string;
  url: string;
  target: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
  recordingSid: string | null;
  background: boolean;
  /** Where on the call clock (8 kHz samples) the request was made. */
  clockSamples: number;
  startedAtMs: number;
  /** The number of the request this one re-sends. */
  resendOf: number | null;
  response: InspectorResponse | null;
  error: { message: string; code: number } | null;
  live: LiveInfo | null;
}

export interface InspectorNotification extends Notification {
  /** The inspector number of the request it came from (null: none). */
  requestNumber: number | null;
  clockSamples: number;
}

export interface InspectorSnapshot {
  requests: readonly InspectorRequest[];
  notifications: readonly InspectorNotification[];
}

const EMPTY: InspectorSnapshot = { requests: [], notifications: [] };

/**
 * What the inspector shows of the current call (and the re-sends made after it): its requests, numbered in
 * the order they were made, and its notifications, which cite requests by those numbers.
 */
export class InspectorLog {
  readonly store = new Store<InspectorSnapshot>(EMPTY);
  private nextNumber = 1;
  private readonly byEngineId = new Map<number, number>();

  get snapshot(): InspectorSnapshot {
    return this.store.getSnapshot();
  }

  /** A new call starts: the log starts again at 1. */
  reset(): void {
    this.nextNumber = 1;
    this.byEngineId.clear();
    this.store.set(EMPTY);
  }

  /** The inspector number of an engine request, if it was logged. */
  numberOf(engineId: number): number | null {
    return this.byEngineId.get(engineId) ?? null;
  }

  /** Logs a request of the engine; returns its number. */
  addRequest(request: HttpRequest, clockSamples: number, startedAtMs: number, live: LiveInfo | null): number {
    const number = this.add({
      engineId: request.id,
      purpose: request.purpose,
      method: request.method,
      url: request.url,
      target: request.target,
      params: request.params,
      headers: request.headers,
      body: request.body,
      recordingSid: request.recordingSid,
      background: request.background,
      clockSamples,
      startedAtMs,
      resendOf: null,
      live,
    });
    this.byEngineId.set(request.id, number);
    return number;
  }

  /** Logs any other request (a re-send, a Play fetch); returns its number. */
  add(entry: Omit<InspectorRequest, 'number' | 'response' | 'error'>): number {
    const number = this.nextNumber++;
    const request: InspectorRequest = { ...entry, number, response: null, error: null };
    this.store.update((s) => ({ ...s, requests: [...s.requests, request] }));
    return number;
  }

  /** The answer to request `number` (a response, or an error with its code). */
  complete(
    number: number,
    outcome: Pick<InspectorRequest, 'response' | 'error'> & { live?: LiveInfo | null },
  ): void {
    this.store.update((s) => ({
      ...s,
      requests: s.requests.map((r) =>
        r.number === number ? { ...r, ...outcome, live: outcome.live ?? r.live } : r,
      ),
    }));
  }

  notify(notification: Notification, clockSamples: number): void {
    const requestNumber = notification.requestId === null ? null : this.numberOf(notification.requestId);
    this.store.update((s) => ({
      ...s,
      notifications: [...s.notifications, { ...notification, requestNumber, clockSamples }],
    }));
  }

  /** Shows a log kept from before a reload (the requests are not sent again). */
  restore(snapshot: InspectorSnapshot): void {
    this.reset();
    this.nextNumber = Math.max(0, ...snapshot.requests.map((r) => r.number)) + 1;
    this.store.set(snapshot);
  }

  find(number: number): InspectorRequest | undefined {
    return this.snapshot.requests.find((r) => r.number === number);
  }
}
