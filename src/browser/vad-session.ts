import { EnergyVad, type VadFrame } from '../audio/energy-vad.ts';
import { SileroFramer } from '../audio/silero-framer.ts';
import {
  DEFAULT_SPEECH_THRESHOLDS,
  FrameClock,
  SILERO_FRAME_SAMPLES_8K,
  type SpeechThresholds,
} from '../engine/vad-frames.ts';
import { errorMessage } from '../rcml/error-message.ts';

/**
 * A loaded speech model (Silero v5 in the page, a fake in tests). Calls run one after another in the
 * order they are made, across calls of the page: `reset` before a call's first frame.
 */
export interface SpeechModel {
  reset(): void;
  /** The speech probability of one 8 kHz frame of 256 samples (−1…1). */
  score(frame: Float32Array): Promise<number>;
}

/** What judges the call's audio: the model, or (it could not load) the energy detector, with why. */
export type VadBackend = { kind: 'silero'; model: SpeechModel } | { kind: 'energy'; reason: string };

export type VadSessionState = 'waiting' | 'silero' | 'energy';

/**
 * Voice activity for one call, from the call's own 8 kHz audio (pushed in order from its first sample):
 * frames of 256 samples placed on the call clock at 256 × (k + 1), handed to `onFrames` as they are
 * decided. Until the backend is known (the model may still be loading when the call starts), the audio is
 * kept and scored once it is; the engine judges silence from the frames alone, so a late verdict is the
 * same verdict. If the model fails during the call, the energy detector takes over from the next chunk.
 */
export class VadSession {
  private stateValue: VadSessionState = 'waiting';
  private readonly buffered: Int16Array[] = [];
  private pushedSamples = 0;
  private stopped = false;
  private framer: SileroFramer | null = null;
  private clock: FrameClock | null = null;
  private model: SpeechModel | null = null;
  private energy: EnergyVad | null = null;

  constructor(
    backend: Promise<VadBackend>,
    private readonly onFrames: (frames: VadFrame[]) => void,
    private readonly onFallback: (reason: string) => void = () => undefined,
    private readonly thresholds: SpeechThresholds = DEFAULT_SPEECH_THRESHOLDS,
  ) {
    backend.then(
      (chosen) => this.begin(chosen),
      (error: unknown) => this.begin({ kind: 'energy', reason: String(error) }),
    );
  }

  get state(): VadSessionState {
    return this.stateValue;
  }

  /** The next chunk of the call's audio (contiguous with the previous one). */
  push(samples: Int16Array): void {
    if (this.stopped) return;
    if (this.stateValue === 'waiting') {
      this.buffered.push(samples.slice());
      return;
    }
    this.judge(samples);
  }

  /** Releases the session: no more frames are handed over (scoring in flight is dropped). */
  stop(): void {
    this.stopped = true;
    this.buffered.length = 0;
  }

  private begin(backend: VadBackend): void {
    if (this.stopped) return;
    if (backend.kind === 'silero') {
      this.model = backend.model;
      this.model.reset();
      this.framer = new SileroFramer();
      this.clock = new FrameClock(this.thresholds, SILERO_FRAME_SAMPLES_8K);
      this.stateValue = 'silero';
    } else {
      this.switchToEnergy(backend.reason);
    }
    for (const chunk of this.buffered.splice(0)) this.judge(chunk);
  }

  private switchToEnergy(reason: string): void {
    this.stateValue = 'energy';
    this.energy = new EnergyVad();
    this.onFallback(reason);
  }

  private judge(samples: Int16Array): void {
    const start = this.pushedSamples;
    this.pushedSamples += samples.length;
    if (this.stateValue === 'energy') {
      this.hand(this.energy?.push(samples, start) ?? []);
      return;
    }
    for (const frame of this.framer?.push(samples) ?? []) this.score(frame);
  }

  private score(frame: Float32Array): void {
    const model = this.model;
    if (!model) return;
    model.score(frame).then(
      (probability) => {
        if (this.stopped || this.stateValue !== 'silero') return;
        this.clock?.add(probability);
        this.hand(this.clock?.take() ?? []);
      },
      (error: unknown) => {
        if (this.stopped || this.stateValue !== 'silero') return;
        this.switchToEnergy(`the voice detector failed during the call (${errorMessage(error)})`);
      },
    );
  }

  private hand(frames: VadFrame[]): void {
    if (frames.length > 0 && !this.stopped) this.onFrames(frames);
  }
}
