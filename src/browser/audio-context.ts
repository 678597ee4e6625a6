import { loadCaptureWorklet } from './capture.ts';

let shared: AudioContext | null = null;

/**
 * The one AudioContext of the page, at the device's own rate. It is created on the first user gesture that
 * needs it (browsers refuse to start audio before one) and kept for the page's life.
 */
export async function getAudioContext(): Promise<AudioContext> {
  if (!shared) {
    shared = new AudioContext({ latencyHint: 'interactive' });
    void loadCaptureWorklet(shared);
  }
  if (shared.state === 'suspended') await shared.resume();
  return shared;
}
