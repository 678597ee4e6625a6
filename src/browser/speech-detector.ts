import { EnergyVad, type VadFrame } from '../audio/energy-vad.ts';

/**
 * Voice activity for one call: frames of speech probability placed on the call's 8 kHz clock. A detector
 * that listens to the stream itself (the neural model) hands over the frames it has decided since the last
 * push; the energy detector decides them from the pushed 8 kHz audio.
 */
export interface DetectorSession {
  /** Called with every chunk of captured 8 kHz audio and its start on the call clock. */
  push(samples: Int16Array, startSample: number): VadFrame[];
  /** Releases everything the session started (nodes, listeners); idempotent. */
  stop(): void;
}

export interface SpeechDetector {
  readonly kind: 'silero' | 'energy';
  /** Starts detection for a call on its microphone stream, in the page's AudioContext. */
  startSession(stream: MediaStream, context: AudioContext): Promise<DetectorSession>;
}

/** The fallback detector: frame energy on the captured 8 kHz audio (src/audio/energy-vad.ts). */
export const energyDetector: SpeechDetector = {
  kind: 'energy',
  startSession: () => {
    const vad = new EnergyVad();
    return Promise.resolve({
      push: (samples, startSample) => vad.push(samples, startSample),
      stop: () => undefined,
    });
  },
};
