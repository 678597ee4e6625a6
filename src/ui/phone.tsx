import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { CallDriver } from '../browser/call-driver.ts';
import { IDLE_VIEW, type CallView } from '../browser/call-view.ts';
import type { InspectorRequest, InspectorSnapshot } from '../browser/inspector-log.ts';
import type { RecordingEntry } from '../browser/recording-library.ts';
import { describeDetectorStatus, detectorStatus } from '../browser/silero-status.ts';
import { Store } from '../browser/store.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import type { Verb } from '../rcml/types.ts';
import type { CameraView } from '../browser/video-recorder.ts';
import { ExportTest } from './export-test.tsx';
import { isKeypadKey, Keypad } from './keypad.tsx';
import { STOP_REASONS } from './stop-reasons.ts';
import { useStore, useStoreSelector } from './use-store.ts';

const IDLE_STORE = new Store<CallView>(IDLE_VIEW);
const EMPTY_LOG = new Store<InspectorSnapshot>({ requests: [], notifications: [] });
const NO_RECORDINGS = new Store<readonly RecordingEntry[]>([]);

function seconds(samples: number): string {
  return `${(samples / SAMPLE_RATE_HZ).toFixed(1)} s`;
}

function clock(samples: number): string {
  const total = samples / SAMPLE_RATE_HZ;
  const minutes = Math.floor(total / 60);
  return `${minutes}:${(total - minutes * 60).toFixed(1).padStart(4, '0')}`;
}

/** The camera during a call with a video `<Record>`: its preview, what it records, or why it is off. */
function CameraPanel({ camera }: { camera: CameraView }) {
  const ref = useRef<HTMLVideoElement>(null);
  const preview = camera.status === 'on' ? camera.preview : null;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = preview instanceof MediaStream ? preview : null;
    if (preview) element.play().catch(() => undefined);
  }, [preview]);
  return (
    <div className={`camera camera-${camera.status}`}>
      {camera.status === 'on' && (
        <video ref={ref} className="camera-preview" aria-label="Camera preview" muted playsInline autoPlay />
      )}
      <p className="camera-line" data-camera-status={camera.status}>
        {camera.status === 'opening'
          ? 'Camera: opening…'
          : camera.status === 'on'
            ? camera.recording
              ? `Camera: ${camera.label ?? 'on'} · recording ${camera.recording}`
              : `Camera: ${camera.label ?? 'on'}`
            : camera.message
              ? `Camera off: ${camera.message} Video Records are audio only.`
              : 'Camera off.'}
      </p>
    </div>
  );
}

type EndReason = NonNullable<NonNullable<CallView['call']>['endReason']>;

const END_REASONS: Record<EndReason, string> = {
  'caller-hangup': 'you hung up',
  hangup: 'the RCML hung up (<Hangup>)',
  'end-of-document': 'no verbs left',
  rejected: 'rejected (<Reject>)',
  busy: 'rejected as busy (<Reject reason="busy">)',
  'document-error': 'a document could not be run (see Notifications)',
  'http-error': 'a request failed (see Notifications)',
  'not-found': 'a URL answered 404 (see Notifications)',
  'loop-guard': 'stopped by the loop guard (see Notifications)',
};

/** A request of the call flow still waiting for its answer (what the call waits for), or null. */
function pendingRequest(log: InspectorSnapshot): InspectorRequest | null {
  for (let i = log.requests.length - 1; i >= 0; i--) {
    const request = log.requests[i]!;
    if (request.background || request.resendOf !== null || request.purpose === 'play') continue;
    return request.response === null && request.error === null ? request : null;
  }
  return null;
}

function verbName(verb: Verb | null): string {
  return verb ? `<${verb.kind}>` : '';
}

function statusText(view: CallView, waiting: InspectorRequest | null, nowMs: number): string {
  const { phase, call } = view;
  if (phase === 'idle') return view.endedBecause ?? 'Ready';
  if (phase === 'starting') return 'Starting the call…';
  if (!call) return 'Connecting…';
  if (phase === 'ended' || call.status === 'ended') {
    const why = view.endedBecause ?? (call.endReason ? (END_REASONS[call.endReason] ?? call.endReason) : '');
    return `Call ended${why ? `: ${why}` : ''}`;
  }
  if (waiting) {
    const waited = Math.max(0, (nowMs - waiting.startedAtMs) / 1000);
    return `${call.status === 'connecting' ? 'Connecting: waiting' : 'Waiting'} for ${waiting.method} ${waiting.url} (${waited.toFixed(0)} s)`;
  }
  if (call.status === 'connecting') return 'Connecting…';
  if (call.status === 'recording' && call.recording) {
    if (call.recording.beepRemainingSamples > 0) return 'Recording: beep…';
    return call.recording.maxLengthSamples > 0
      ? `Recording ${seconds(call.recording.lengthSamples)} of ${seconds(call.recording.maxLengthSamples)}`
      : `Recording ${seconds(call.recording.lengthSamples)} (no length limit)`;
  }
  if (call.waitingForHangup) {
    return `In call: nothing more to run; the platform waits for the caller to hang up (${seconds(call.clockSamples)})`;
  }
  return `In call: ${verbName(call.verb)} at ${seconds(call.clockSamples)}`;
}

/** What the caller hears now: the text of a Say (also where the browser has no voice), a Play's URL. */
function NowRunning({ verb, prompt }: { verb: Verb; prompt: Verb | null }) {
  const shown = prompt ?? verb;
  const gather = verb.kind === 'Gather' ? (prompt ? ' (Gather prompt: keys are heard)' : '') : '';
  switch (shown.kind) {
    case 'Say':
      return (
        <p className="now-running">
          Saying ({shown.voice}, {shown.language}){gather}: “{shown.text}”
        </p>
      );
    case 'Play':
      return (
        <p className="now-running">
          Playing{gather} {shown.url}
        </p>
      );
    case 'Gather':
      return <p className="now-running">Waiting for digits (Gather)…</p>;
    case 'Pause':
      return (
        <p className="now-running">
          Pausing {shown.lengthSeconds} s{gather}…
        </p>
      );
    default:
      return <p className="now-running">&lt;{shown.kind}&gt;</p>;
  }
}

/** The level as a 0–100 meter reading on a −60…0 dBFS scale. */
function levelPercent(rms: number): number {
  if (rms <= 0) return 0;
  return Math.round(Math.min(100, Math.max(0, ((20 * Math.log10(rms) + 60) / 60) * 100)));
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="meter-row">
      <span className="meter-label">{label}</span>
      {children}
    </div>
  );
}

function RecordingMeters({ view }: { view: CallView }) {
  const recording = view.call?.recording;
  if (!recording) return null;
  const { lengthSamples, maxLengthSamples, silenceSamples, timeoutSamples, beepRemainingSamples } = recording;
  const level = levelPercent(view.level.rms);
  return (
    <div className="meters">
      <Row label="Level">
        <meter
          min={0}
          max={100}
          low={15}
          high={90}
          optimum={50}
          value={beepRemainingSamples > 0 ? 0 : level}
          aria-label="Level"
        />
      </Row>
      <Row label="Silence">
        {timeoutSamples > 0 ? (
          <>
            <progress
              max={timeoutSamples}
              value={Math.min(silenceSamples, timeoutSamples)}
              aria-label="Silence towards timeout"
            />
            <span className="meter-value">
              stops in {seconds(Math.max(0, timeoutSamples - silenceSamples))}
            </span>
          </>
        ) : (
          <span className="meter-value">silence detection off</span>
        )}
      </Row>
      <Row label="maxLength">
        {maxLengthSamples > 0 ? (
          <>
            <progress max={maxLengthSamples} value={lengthSamples} aria-label="maxLength" />
            <span className="meter-value">{seconds(Math.max(0, maxLengthSamples - lengthSamples))} left</span>
          </>
        ) : (
          <span className="meter-value">no length limit</span>
        )}
      </Row>
    </div>
  );
}

function LastRecording({ recording }: { recording: RecordingEntry }) {
  return (
    <p className="last-recording">
      Last recording: {(recording.lengthSamples / SAMPLE_RATE_HZ).toFixed(1)} s, stopped because{' '}
      {STOP_REASONS[recording.reason]}
      {recording.digits && recording.reason !== 'hangup' ? ` (Digits=${recording.digits})` : ''}
      {recording.empty ? '; empty, so no action request' : ''}.
    </p>
  );
}

/** Re-renders every `ms` while `active` (for "waiting n s"). */
function useTicker(active: boolean, ms = 500): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(performance.now()), ms);
    return () => window.clearInterval(timer);
  }, [active, ms]);
  return active ? now : 0;
}

interface PhoneProps {
  driver: CallDriver | null;
  /** Start call was pressed before the mock server was up: the call connects when it is. */
  dialing: boolean;
  canStart: boolean;
  blockedReason: string | null;
  onStart: () => void;
  settings: ReactNode;
}

const PRESSED_MS = 160;
/** A click on Hang up this soon after Start call is the second click of a double click: ignored. */
const DOUBLE_CLICK_MS = 600;

/** Where typing goes to an editor or a field (keys there are text, not DTMF). */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('input, select, textarea, [contenteditable="true"], .cm-editor') !== null
  );
}

/** The phone: call state, timers, level, keypad and Start/Hang up. It alone follows every audio chunk. */
export function Phone({ driver, dialing, canStart, blockedReason, onStart, settings }: PhoneProps) {
  const view = useStore(driver?.view ?? IDLE_STORE);
  const waiting = useStoreSelector(driver?.log.store ?? EMPTY_LOG, pendingRequest);
  const recordings = useStore(driver?.recordings.store ?? NO_RECORDINGS);
  const detector = useSyncExternalStore(detectorStatus.subscribe, detectorStatus.getSnapshot);
  const [pressed, setPressed] = useState<{ key: string; at: number } | null>(null);
  const startedAt = useRef(-Infinity);
  const inCall = view.phase === 'starting' || view.phase === 'in-call';
  const now = useTicker(inCall && waiting !== null);

  useEffect(() => {
    if (!pressed) return;
    const timer = window.setTimeout(() => setPressed(null), PRESSED_MS);
    return () => window.clearTimeout(timer);
  }, [pressed]);

  const press = useCallback(
    (key: string) => {
      setPressed({ key, at: performance.now() });
      driver?.key(key);
    },
    [driver],
  );

  // During a call the keyboard's 0–9, * and # dial from anywhere but the editors and fields.
  useEffect(() => {
    if (!inCall) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.repeat || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (isKeypadKey(event.key)) {
        event.preventDefault();
        press(event.key);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [inCall, press]);

  const call = view.call;
  const callRecordings = view.callSid ? recordings.filter((r) => r.callSid === view.callSid) : [];
  const lastRecording = callRecordings.at(-1);
  const elapsed = call && view.phase !== 'idle' ? clock(call.clockSamples) : '0:00.0';
  const onButton = () => {
    if (inCall) {
      if (performance.now() - startedAt.current < DOUBLE_CLICK_MS) return;
      driver?.hangup();
    } else {
      startedAt.current = performance.now();
      onStart();
    }
  };

  return (
    <section aria-label="Phone" className="pane phone-pane">
      <h2>Phone</h2>
      <div className="phone-head">
        <p role="status" className={`call-status call-status-${call?.status ?? view.phase}`}>
          {dialing && view.phase === 'idle'
            ? 'Starting the call…'
            : statusText(view, inCall ? waiting : null, now)}
        </p>
        <span className="elapsed">
          <span className="visually-hidden">Elapsed call time </span>
          {elapsed}
        </span>
      </div>
      <div
        className={`detector-status detector-${detector.status}`}
        data-vad-status={detector.status}
        data-vad-load-ms={detector.loadMs ?? undefined}
      >
        <span className="detector-text">
          {describeDetectorStatus(detector)}
          {inCall && view.vad === 'waiting' && ' (this call’s audio is kept and judged once it is ready)'}
        </span>
        {detector.status === 'loading' && (
          <progress max={1} value={detector.progress} aria-label="Voice detector loading" />
        )}
      </div>
      <div className="call-panel">
        {call?.status === 'recording' ? (
          <RecordingMeters view={view} />
        ) : inCall && call?.verb ? (
          <NowRunning verb={call.verb} prompt={call.prompt} />
        ) : lastRecording ? (
          <LastRecording recording={lastRecording} />
        ) : (
          <p className="hint">
            {inCall
              ? 'The meters show while <Record> runs.'
              : 'Start a call, talk after the beep, press keys on the keypad.'}
          </p>
        )}
        {inCall && view.callerLabel && <p className="caller-line">Caller: {view.callerLabel}</p>}
        {inCall && view.network && (
          <p className="caller-line">
            Network {view.network.codec}: {view.network.packetsSent} packets sent, {view.network.packetsLost}{' '}
            lost, {view.network.packetsConcealed} concealed
          </p>
        )}
      </div>
      <div className="call-buttons">
        <button
          type="button"
          className={inCall ? 'call-button hangup' : 'call-button start'}
          onClick={onButton}
          disabled={(!inCall && !canStart) || (dialing && !inCall)}
          aria-describedby={!inCall && blockedReason ? 'start-blocked' : undefined}
        >
          {inCall ? 'Hang up' : 'Start call'}
        </button>
        {!inCall && blockedReason && (
          <span id="start-blocked" className="blocked">
            {blockedReason}
          </span>
        )}
      </div>
      {inCall && view.camera && <CameraPanel camera={view.camera} />}
      {driver && view.phase === 'ended' && <ExportTest driver={driver} ended={view.endedBecause} />}
      {view.error && (
        <p role="alert" className="error">
          {view.error}
        </p>
      )}
      <Keypad onKey={press} pressed={pressed?.key ?? null} />
      <p className="keys-log" role="log" aria-label="Keys sent to the call">
        {view.keys.length > 0 ? (
          <>
            Keys:{' '}
            {view.keys.map((k, i) => (
              <span
                key={i}
                className={k.ignored ? 'key-ignored' : 'key-counted'}
                title={k.ignored ?? undefined}
              >
                {i > 0 ? ' ' : ''}
                {k.key}
                {k.source === 'in-band' ? ' (in-band)' : ''}
                {k.ignored ? ` (ignored: ${k.ignored})` : ''}
              </span>
            ))}
          </>
        ) : inCall ? (
          'No keys pressed yet. The keyboard’s 0–9, * and # dial too (outside the editors).'
        ) : (
          'Keys pressed outside a call only play their tone.'
        )}
      </p>
      {settings}
    </section>
  );
}
