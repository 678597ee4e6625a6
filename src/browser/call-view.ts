/** The call as the phone shows it, and its state before any call: small, for the first paint. */
import type { CallSnapshot } from '../engine/call.ts';
import type { NetworkStats } from './call-io.ts';
import type { VadSessionState } from './vad-session.ts';
import type { CameraView } from './video-recorder.ts';

export type SessionPhase = 'idle' | 'starting' | 'in-call' | 'ended';

export interface KeyPress {
  key: string;
  /** Where on the call clock it was pressed (or recognised in the caller's audio). */
  atSample: number;
  source: 'keypad' | 'in-band';
  /** Why it did nothing, when it did nothing (`during the beep`), else null. */
  ignored: string | null;
}

/** What the phone pane shows of the call; it changes with every audio chunk. */
export interface CallView {
  phase: SessionPhase;
  call: CallSnapshot | null;
  level: { rms: number; peak: number };
  keys: readonly KeyPress[];
  /** A problem outside the call's RCML (microphone, audio), shown to the user. */
  error: string | null;
  /** Why the call ended, when the engine's end reason does not say it all (the microphone stopped). */
  endedBecause: string | null;
  callerLabel: string | null;
  /** Which detector judges the call's silence (waiting: the model is still loading; audio is kept). */
  vad: VadSessionState | null;
  callSid: string | null;
  /** Wall-clock start of the call (ms, the page's clock), for "waiting n s" displays. */
  startedAtMs: number | null;
  /** With a Network other than direct: its latest figures (SPEC §11), the last ones once the call ended. */
  network: NetworkStats | null;
  /** The camera, in a call with a video `<Record>` (SPEC §10); null when the call asked for none. */
  camera: CameraView | null;
}

export const IDLE_VIEW: CallView = {
  phase: 'idle',
  call: null,
  level: { rms: 0, peak: 0 },
  keys: [],
  error: null,
  endedBecause: null,
  callerLabel: null,
  vad: null,
  callSid: null,
  startedAtMs: null,
  network: null,
  camera: null,
};
