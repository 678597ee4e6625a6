import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { decodeWav } from '../audio/wav.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import { resolveCaller, type SandboxCaller } from './caller-file.ts';
import { installStatusLog, statusSince, waitForSettledStatus, waitForStatus } from './status-log.ts';
import {
  describeRequest,
  readTimeline,
  type SandboxNotification,
  type SandboxRequest,
  type Timeline,
} from './timeline.ts';
import { workspaceHash, type SandboxRule, type SandboxSettings } from './workspace-link.ts';

/** What `sandbox.open()` loads; every field is optional (the app's defaults for the rest). */
export interface SandboxOpenOptions {
  /** The document the call's document URL serves (default: the app's own example). */
  rcml?: string;
  /** Mock responses for the call's other requests; a catch-all `<Response><Hangup/></Response>` comes last. */
  rules?: SandboxRule[];
  settings?: SandboxSettings;
  /** How long to wait for the sandbox to be ready to call. */
  timeoutMs?: number;
}

export interface StartCallOptions {
  /**
   * An audio file (WAV, or any format Chromium decodes) played into the call as the caller, from the
   * start of the call (`starts: 'call'`, the default) or from the moment the first `<Record>` records
   * (`'record'`). A relative path is read from the directory of the Playwright config. Without it the
   * workspace's caller speaks (by default the microphone: Chromium's fake one under the kit).
   */
  caller?: SandboxCaller;
  /** How long to wait for the call to start. */
  timeoutMs?: number;
}

export interface WaitOptions {
  timeoutMs?: number;
}

export interface RecordingWaitOptions extends WaitOptions {
  /** Wait until this much audio has been recorded (after the beep), not just until recording starts. */
  recordedSeconds?: number;
}

/** A recording of the call, with its audio. */
export interface SandboxRecording {
  recordingSid: string;
  /** Why it stopped. */
  reason: 'finishOnKey' | 'timeout' | 'maxLength' | 'hangup';
  /** The key that stopped it (finishOnKey), or ''. */
  digits: string;
  /** The file's length: samples / 8000. */
  durationSeconds: number;
  /** No audio was kept (no action request is made for it in most dialects). */
  empty: boolean;
  /** 8 kHz 16-bit mono. */
  samples: Int16Array;
  /** The WAV file as the sandbox serves it at RecordingUrl. */
  wav: Buffer;
}

/** How long the kit waits when a test does not say, each bounded by the time the test has left. */
const DEFAULT_TIMEOUTS_MS = { open: 30_000, startCall: 15_000, recording: 30_000, ended: 60_000 };
/** The phone ignores a Hang up this soon after Start call (the second click of a double click). */
const HANGUP_GUARD_MS = 700;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** Polls `check` every 100 ms until it holds (true) or `deadline` passes (false). */
async function poll(check: () => Promise<boolean>, deadline: number): Promise<boolean> {
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(0, deadline - Date.now()))));
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function quoted(text: string): string {
  return JSON.stringify(text.replace(/\s+/g, ' ').trim());
}

/** A text a locator shows, or null when it is not on the page (for messages: never throws). */
async function textOf(locator: Locator): Promise<string | null> {
  try {
    if ((await locator.count()) === 0) return null;
    return (await locator.first().innerText({ timeout: 1000 })).trim();
  } catch {
    return null;
  }
}

async function allTexts(locator: Locator): Promise<string[]> {
  try {
    return (await locator.allInnerTexts()).map((text) => text.trim()).filter((text) => text !== '');
  } catch {
    return [];
  }
}

/**
 * The sandbox page of one test: open a workspace, start calls. Everything goes through the app's UI
 * contract (roles and names, DESIGN.md) and its own exports (the inspector's Export JSON, the recordings'
 * Download WAV), so it works against any running sandbox of the same version.
 */
export class Sandbox {
  /** @internal */
  constructor(
    /** The page the sandbox runs in (the test's `page`). */
    readonly page: Page,
    /** The sandbox's address, `http://127.0.0.1:PORT/`. */
    readonly url: string,
    private readonly baseDir: string,
    private readonly timeLeftMs: () => number,
  ) {}

  /** @internal */
  timeout(given: number | undefined, fallback: number): number {
    return given ?? Math.max(1000, Math.min(fallback, this.timeLeftMs()));
  }

  private get startButton(): Locator {
    return this.page.getByRole('button', { name: 'Start call', exact: true });
  }

  /** Loads the workspace (through the app's permalink) and waits until the call can start. */
  async open(options: SandboxOpenOptions = {}): Promise<void> {
    const timeoutMs = this.timeout(options.timeoutMs, DEFAULT_TIMEOUTS_MS.open);
    const deadline = Date.now() + timeoutMs;
    await this.page.context().grantPermissions(['microphone'], { origin: new URL(this.url).origin });
    let rcml = options.rcml;
    if (rcml === undefined && (options.rules !== undefined || options.settings !== undefined)) {
      // Rules or settings need a link, and a link needs a document: the app's own, read from its editor.
      await this.load(this.url, deadline, timeoutMs);
      rcml = await this.page.getByRole('textbox', { name: 'RCML', exact: true }).innerText();
    }
    const target =
      rcml === undefined
        ? this.url
        : this.url + workspaceHash({ rcml, rules: options.rules ?? [], settings: options.settings ?? {} });
    await this.load(target, deadline, timeoutMs);
  }

  private async load(target: string, deadline: number, timeoutMs: number): Promise<void> {
    // The app reads a link when it loads: leave the page first, or a new hash on the same page is not read.
    if (this.page.url() !== 'about:blank') await this.page.goto('about:blank');
    try {
      await this.page.goto(target, { timeout: Math.max(1, deadline - Date.now()) });
    } catch (error) {
      const reason = error instanceof Error ? (/net::[A-Z_]+/.exec(error.message)?.[0] ?? null) : null;
      if (reason === null) throw error;
      throw new Error(
        `the sandbox at ${this.url} does not answer (${reason}): is it running? (sandboxUrl names a running sandbox, such as one started by npx rcml-sandbox serve; without sandboxUrl the kit starts its own)`,
        { cause: error },
      );
    }
    await this.waitUntilStartable(deadline, timeoutMs, 'loading the workspace');
  }

  private async waitUntilStartable(deadline: number, timeoutMs: number, after: string): Promise<void> {
    const ready = await poll(
      () => this.startButton.isEnabled({ timeout: 1000 }).catch(() => false),
      deadline,
    );
    if (!ready) throw new Error(await this.notReadyMessage(timeoutMs, after));
  }

  private async notReadyMessage(timeoutMs: number, after: string): Promise<string> {
    const parts = [
      `the sandbox at ${this.url} was not ready to call ${seconds(timeoutMs)} after ${after}: waited for the "Start call" button to be enabled`,
    ];
    if ((await this.startButton.count()) === 0) {
      parts.push(
        (await this.page.getByRole('button', { name: 'Hang up', exact: true }).count()) > 0
          ? 'a call is still running (the phone shows "Hang up")'
          : 'there is no "Start call" button on the page (is this the sandbox?)',
      );
    } else {
      const describedBy = await this.startButton.getAttribute('aria-describedby').catch(() => null);
      const reason = describedBy
        ? await textOf(
            this.page.locator(
              describedBy
                .split(/\s+/)
                .map((id) => `[id="${id}"]`)
                .join(','),
            ),
          )
        : null;
      parts.push(reason ? `it is disabled: ${quoted(reason)}` : 'it is disabled');
    }
    const diagnostics = await allTexts(
      this.page.getByRole('list', { name: 'Diagnostics' }).getByRole('listitem'),
    );
    if (diagnostics.length > 0)
      parts.push(`the RCML's diagnostics: ${diagnostics.slice(0, 3).map(quoted).join('; ')}`);
    const status = await textOf(this.page.getByRole('status'));
    if (status) parts.push(`the status shows ${quoted(status)}`);
    const alerts = await allTexts(this.page.getByRole('alert'));
    if (alerts.length > 0) parts.push(`the page says ${alerts.map(quoted).join('; ')}`);
    return parts.join('; ');
  }

  /** Sets the caller (if given), presses Start call and waits until the call has started. */
  async startCall(options: StartCallOptions = {}): Promise<SandboxCall> {
    const timeoutMs = this.timeout(options.timeoutMs, DEFAULT_TIMEOUTS_MS.startCall);
    const deadline = Date.now() + timeoutMs;
    if (options.caller !== undefined) await this.setCaller(options.caller, deadline, timeoutMs);
    await this.waitUntilStartable(deadline, timeoutMs, 'setting up the call');
    const mark = await installStatusLog(this.page);
    await this.startButton.click({ timeout: Math.max(1, deadline - Date.now()) });
    const startedAtMs = Date.now();
    const call = new SandboxCall(this, mark, startedAtMs);
    await call.waitUntilStarted(deadline, timeoutMs);
    return call;
  }

  private async setCaller(caller: SandboxCaller, deadline: number, timeoutMs: number): Promise<void> {
    const { path, starts } = resolveCaller(caller, this.baseDir);
    const left = () => Math.max(1, deadline - Date.now());
    const page = this.page;
    await page
      .getByRole('combobox', { name: 'Caller', exact: true })
      .selectOption({ label: 'Audio file' }, { timeout: left() });
    const input = page.getByLabel('Caller audio file');
    await input.setInputFiles(path, { timeout: left() });
    await page
      .getByRole('combobox', { name: 'Caller audio starts' })
      .selectOption(
        { label: starts === 'record' ? 'When recording starts' : 'With the call' },
        { timeout: left() },
      );
    // The page reads the file after it is chosen; the field names it once it is the caller.
    const field = page.locator('label').filter({ has: input });
    const taken = await poll(
      async () => ((await textOf(field)) ?? '').includes(`Plays ${basename(path)}`),
      deadline,
    );
    if (!taken) {
      const says = await textOf(field);
      throw new Error(
        `the sandbox did not take the caller file ${path} within ${seconds(timeoutMs)}${says ? `: the field says ${quoted(says)}` : ''}`,
      );
    }
  }

  /** @internal The call's timeline, through the inspector's Export JSON; empty before any call. */
  async timeline(): Promise<Timeline> {
    const button = this.page.getByRole('button', { name: 'Export JSON', exact: true });
    if (!(await button.isEnabled()))
      return { callSid: null, requests: [], notifications: [], recordings: [] };
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const path = await download.path();
    try {
      return readTimeline(await readFile(path, 'utf8'));
    } finally {
      await download.delete().catch(() => undefined);
    }
  }

  /** @internal The bytes of a recording's WAV, from its Download WAV link (fetched inside the page). */
  async recordingWav(recordingSid: string): Promise<Buffer> {
    const item = this.page
      .getByRole('region', { name: 'Recordings' })
      .getByRole('listitem')
      .filter({ hasText: recordingSid });
    const link = item.getByRole('link', { name: 'Download WAV', exact: true });
    const href = await link.getAttribute('href', { timeout: 5000 }).catch(() => null);
    if (!href)
      throw new Error(`recording ${recordingSid} has no "Download WAV" link in the Recordings region`);
    const base64 = await this.page.evaluate(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      }
      return btoa(binary);
    }, href);
    return Buffer.from(base64, 'base64');
  }
}

/** A call started by `sandbox.startCall()`. */
export class SandboxCall {
  /** @internal */
  constructor(
    private readonly sandbox: Sandbox,
    /** Where this call's status texts start in the page's status log. */
    private readonly mark: number,
    private readonly startedAtMs: number,
  ) {}

  private get page(): Page {
    return this.sandbox.page;
  }

  /** @internal */
  async waitUntilStarted(deadline: number, timeoutMs: number): Promise<void> {
    // The phone says `Starting the call…` while it opens the caller; anything after that is the call
    // (or the reason it could not start).
    const settled = await waitForSettledStatus(this.page, this.mark, Math.max(1, deadline - Date.now()));
    if (settled !== null && (await this.started())) return;
    const status = settled ?? (await textOf(this.page.getByRole('status')));
    const alerts = await allTexts(this.page.getByRole('alert'));
    throw new Error(
      [
        settled === null
          ? `the call did not start within ${seconds(timeoutMs)} of pressing "Start call"`
          : 'the call could not start',
        status ? `the status shows ${quoted(status)}` : null,
        alerts.length > 0 ? `the page says ${alerts.map(quoted).join('; ')}` : null,
      ]
        .filter((part) => part !== null)
        .join('; '),
    );
  }

  /** Whether the call got going: it is running, it has ended, or it has made a request. */
  private async started(): Promise<boolean> {
    if ((await statusSince(this.page, this.mark)).some((text) => text.includes('Call ended'))) return true;
    if ((await this.hangupButton.count()) > 0) return true;
    return (await this.sandbox.timeline()).requests.length > 0;
  }

  private get hangupButton(): Locator {
    return this.page.getByRole('button', { name: 'Hang up', exact: true });
  }

  /**
   * Waits until the call records (the status shows `Recording`), and with `recordedSeconds` until that
   * much audio has been recorded (the phone's `maxLength` bar, in samples); throws if the call ends first.
   */
  async waitForRecording(options: RecordingWaitOptions = {}): Promise<void> {
    const timeoutMs = this.sandbox.timeout(options.timeoutMs, DEFAULT_TIMEOUTS_MS.recording);
    const deadline = Date.now() + timeoutMs;
    const seen = await waitForStatus(this.page, this.mark, ['Recording', 'Call ended'], timeoutMs);
    if (seen === null || !seen.includes('Recording')) {
      throw new Error(
        seen !== null
          ? `the call ended before it recorded: the status shows ${quoted(seen)}${await this.lastRequestsNote()}`
          : `the call did not start recording within ${seconds(timeoutMs)}: the status shows ${quoted((await textOf(this.page.getByRole('status'))) ?? '')}${await this.lastRequestsNote()}`,
      );
    }
    const wanted = options.recordedSeconds ?? 0;
    if (wanted <= 0) return;
    const bar = this.page.getByRole('progressbar', { name: 'maxLength', exact: true });
    let recorded = 0;
    let ended: string | null = null;
    const reached = await poll(async () => {
      ended = (await statusSince(this.page, this.mark)).find((text) => text.includes('Call ended')) ?? null;
      if (ended !== null) return true;
      const samples = await bar
        .evaluate((element) => (element as HTMLProgressElement).value, undefined, { timeout: 500 })
        .catch(() => null);
      if (samples !== null) recorded = samples / SAMPLE_RATE_HZ;
      return recorded >= wanted;
    }, deadline);
    if (ended !== null) {
      throw new Error(
        `the recording stopped before ${wanted} s were recorded: the status shows ${quoted(ended)}${await this.lastRequestsNote()}`,
      );
    }
    if (!reached) {
      throw new Error(
        `the call did not record ${wanted} s within ${seconds(timeoutMs)}: ${recorded.toFixed(1)} s so far; the status shows ${quoted((await textOf(this.page.getByRole('status'))) ?? '')}`,
      );
    }
  }

  /** Presses a key of the phone's keypad: `0`–`9`, `*` or `#`. */
  async press(key: string): Promise<void> {
    if (!KEYS.includes(key)) {
      throw new TypeError(`press: ${JSON.stringify(key)} is not a keypad key (0–9, * or #)`);
    }
    await this.page
      .getByRole('group', { name: 'Keypad' })
      .getByRole('button', { name: key, exact: true })
      .click();
  }

  /** Hangs up as the caller (nothing to do if the call has ended). */
  async hangup(): Promise<void> {
    const wait = this.startedAtMs + HANGUP_GUARD_MS - Date.now();
    if (wait > 0) await this.page.waitForTimeout(wait);
    if ((await this.hangupButton.count()) === 0) return;
    await this.hangupButton.click();
  }

  /** Waits until the call ends and returns why, as the phone says it (the text after `Call ended: `). */
  async ended(options: WaitOptions = {}): Promise<string> {
    const timeoutMs = this.sandbox.timeout(options.timeoutMs, DEFAULT_TIMEOUTS_MS.ended);
    const seen = await waitForStatus(this.page, this.mark, ['Call ended'], timeoutMs);
    if (seen !== null)
      return seen
        .slice(seen.indexOf('Call ended') + 'Call ended'.length)
        .replace(/^:\s*/, '')
        .trim();
    const shown =
      (await statusSince(this.page, this.mark)).at(-1) ?? (await textOf(this.page.getByRole('status'))) ?? '';
    throw new Error(
      `the call did not end within ${seconds(timeoutMs)}: the status shows ${quoted(shown)}${await this.lastRequestsNote()}`,
    );
  }

  /** Every request the call made so far, the document's first, with its response. */
  async requests(): Promise<SandboxRequest[]> {
    return (await this.sandbox.timeline()).requests;
  }

  /** The call's notifications so far (warnings and errors with their codes, such as 11200). */
  async notifications(): Promise<SandboxNotification[]> {
    return (await this.sandbox.timeline()).notifications;
  }

  /** The call's recordings so far, in the order they were made, with their samples and WAV files. */
  async recordings(): Promise<SandboxRecording[]> {
    const { recordings } = await this.sandbox.timeline();
    const out: SandboxRecording[] = [];
    for (const recording of recordings) {
      const wav = await this.sandbox.recordingWav(recording.recordingSid);
      let samples: Int16Array;
      try {
        samples = decodeWav(new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength)).samples;
      } catch (error) {
        throw new Error(
          `recording ${recording.recordingSid}'s WAV could not be read: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      out.push({ ...recording, samples, wav });
    }
    return out;
  }

  private async lastRequestsNote(): Promise<string> {
    try {
      const { requests, notifications } = await this.sandbox.timeline();
      const last = requests.slice(-5).map(describeRequest);
      const problems = notifications
        .filter((n) => n.severity === 'error')
        .slice(-3)
        .map((n) => `[${n.code}] ${n.message}`);
      return (
        (last.length > 0 ? `; last requests: ${last.join('; ')}` : '; no requests yet') +
        (problems.length > 0 ? `; errors: ${problems.join('; ')}` : '')
      );
    } catch {
      return '';
    }
  }
}
