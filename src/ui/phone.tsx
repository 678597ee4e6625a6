import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { RecordingEntry, SessionSnapshot } from '../browser/call-driver.ts';
import { describeDetectorStatus, type DetectorStatus } from '../browser/silero-status.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import type { Verb } from '../rcml/types.ts';
import { isKeypadKey, Keypad } from './keypad.tsx';
import { STOP_REASONS } from './stop-reasons.ts';

function seconds(samples: number): string {
  return `${(samples / SAMPLE_RATE_HZ).toFixed(1)} s`;
}

function clock(samples: number): string {
  const total = samples / SAMPLE_RATE_HZ;
  const minutes = Math.floor(total / 60);
  return `${minutes}:${(total - minutes * 60).toFixed(1).padStart(4, '0')}`;
}

type EndReason = NonNullable<NonNullable<SessionSnapshot['call']>['endReason']>;

const END_REASONS: Record<EndReason, string> = {
  'caller-hangup': 'you hung up',
  hangup: 'the RCML hung up',
  'end-of-document': 'no verbs left',
  rejected: 'rejected',
  busy: 'rejected as busy',
  'document-error': 'a document could not be run',
  'http-error': 'a request failed',
  'not-found': 'a URL answered 404',
  'loop-guard': 'stopped by the loop guard',
};

function statusText(snapshot: SessionSnapshot): string {
  const { phase, call } = snapshot;
  if (phase === 'idle') return 'Ready';
  if (phase === 'starting') return 'Starting the call…';
  if (!call) return 'Connecting…';
  if (phase === 'ended' || call.status === 'ended')
    return `Call ended${call.endReason ? `: ${END_REASONS[call.endReason] ?? call.endReason}` : ''}`;
  if (call.status === 'connecting') return 'Connecting…';
  if (call.status === 'recording' && call.recording) {
    if (call.recording.beepRemainingSamples > 0) return 'Beep…';
    return `Recording ${seconds(call.recording.lengthSamples)} of ${seconds(call.recording.maxLengthSamples)}`;
  }
  return `In call: ${call.verb ? `<${call.verb.kind}>` : ''} at ${seconds(call.clockSamples)}`;
}

/** What the caller hears now: the text of a Say (also where the browser has no voice), a Play's URL. */
function NowRunning({ verb }: { verb: Verb }) {
  switch (verb.kind) {
    case 'Say':
      return (
        <p className="now-running">
          Saying ({verb.voice}, {verb.language}): “{verb.text}”
        </p>
      );
    case 'Play':
      return <p className="now-running">Playing {verb.url}</p>;
    case 'Gather':
      return <p className="now-running">Waiting for digits (Gather)…</p>;
    case 'Pause':
      return <p className="now-running">Pausing {verb.lengthSeconds} s…</p>;
    default:
      return <p className="now-running">&lt;{verb.kind}&gt;</p>;
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

function RecordingMeters({ snapshot }: { snapshot: SessionSnapshot }) {
  const recording = snapshot.call?.recording;
  if (!recording) return null;
  const { lengthSamples, maxLengthSamples, silenceSamples, timeoutSamples, beepRemainingSamples } = recording;
  const level = levelPercent(snapshot.level.rms);
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
        <progress max={maxLengthSamples} value={lengthSamples} aria-label="maxLength" />
        <span className="meter-value">{seconds(Math.max(0, maxLengthSamples - lengthSamples))} left</span>
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

interface PhoneProps {
  snapshot: SessionSnapshot;
  /** The recordings made by the current (or last) call. */
  callRecordings: RecordingEntry[];
  canStart: boolean;
  blockedReason: string | null;
  /** The voice detector's state, shown on a line of fixed height (loading it moves nothing). */
  detector: DetectorStatus;
  onStart: () => void;
  onHangup: () => void;
  onKey: (key: string) => void;
  settings: ReactNode;
}

const PRESSED_MS = 160;

export function Phone(props: PhoneProps) {
  const { snapshot, callRecordings, canStart, blockedReason, detector, onStart, onHangup, onKey, settings } =
    props;
  const [pressed, setPressed] = useState<{ key: string; at: number } | null>(null);
  useEffect(() => {
    if (!pressed) return;
    const timer = window.setTimeout(() => setPressed(null), PRESSED_MS);
    return () => window.clearTimeout(timer);
  }, [pressed]);

  const inCall = snapshot.phase === 'starting' || snapshot.phase === 'in-call';
  const press = (key: string) => {
    setPressed({ key, at: performance.now() });
    onKey(key);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
    if (target.closest('input, select, textarea, [contenteditable="true"]')) return;
    if (isKeypadKey(event.key)) {
      event.preventDefault();
      press(event.key);
    }
  };
  const call = snapshot.call;
  const lastRecording = callRecordings.at(-1);
  const elapsed = call && snapshot.phase !== 'idle' ? clock(call.clockSamples) : '0:00.0';

  return (
    // Focusable (not in the Tab order) so that a click anywhere in the pane lets the keyboard's keys dial.
    <section aria-label="Phone" className="pane phone-pane" tabIndex={-1} onKeyDown={onKeyDown}>
      <h2>Phone</h2>
      <div className="phone-head">
        <p role="status" className={`call-status call-status-${call?.status ?? snapshot.phase}`}>
          {statusText(snapshot)}
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
        <span className="detector-text">{describeDetectorStatus(detector)}</span>
        {detector.status === 'loading' && (
          <progress max={1} value={detector.progress} aria-label="Voice detector loading" />
        )}
      </div>
      <div className="call-panel">
        {call?.status === 'recording' ? (
          <RecordingMeters snapshot={snapshot} />
        ) : inCall && call?.verb ? (
          <NowRunning verb={call.verb} />
        ) : lastRecording ? (
          <LastRecording recording={lastRecording} />
        ) : (
          <p className="hint">
            {inCall
              ? 'The meters show while <Record> runs.'
              : 'Start a call, talk after the beep, press keys on the keypad.'}
          </p>
        )}
      </div>
      <div className="call-buttons">
        <button
          type="button"
          className={inCall ? 'call-button hangup' : 'call-button start'}
          onClick={inCall ? onHangup : onStart}
          disabled={!inCall && !canStart}
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
      {snapshot.error && (
        <p role="alert" className="error">
          {snapshot.error}
        </p>
      )}
      <Keypad onKey={press} pressed={pressed?.key ?? null} />
      <p className="keys-log" role="log" aria-label="Keys sent to the call">
        {snapshot.keys.length > 0
          ? `Keys: ${snapshot.keys.join(' ')}`
          : inCall
            ? 'No keys pressed yet.'
            : 'Keys pressed outside a call only play their tone.'}
      </p>
      {settings}
    </section>
  );
}
