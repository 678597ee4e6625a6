import captureProcessorUrl from './capture-processor.ts?worker&url';
import {
  CAPTURE_PROCESSOR_NAME,
  type CaptureMessage,
  type CaptureProcessorOptions,
} from './capture-messages.ts';

/** 20 ms at 8 kHz. */
const CHUNK_SAMPLES = 160;

const workletModules = new WeakMap<BaseAudioContext, Promise<void>>();

/** Loads the capture worklet into a context once; call it early so a call starts without waiting. */
export function loadCaptureWorklet(context: BaseAudioContext): Promise<void> {
  let loading = workletModules.get(context);
  if (!loading) {
    loading = context.audioWorklet.addModule(captureProcessorUrl);
    workletModules.set(context, loading);
  }
  return loading;
}

export interface Capture {
  /** The worklet node (the caller's source is connected to it). */
  readonly node: AudioWorkletNode;
  stop(): void;
}

/**
 * The capture path of one call: the `capture-processor` worklet turning what `source` plays (the
 * microphone, a caller file, the network's received track) into 8 kHz 16-bit chunks for `onChunk`.
 * `stop` releases the node and its listener.
 */
export async function startCapture(
  context: AudioContext,
  source: AudioNode,
  onChunk: (samples: Int16Array, rms: number, peak: number) => void,
): Promise<Capture> {
  await loadCaptureWorklet(context);
  const processorOptions: CaptureProcessorOptions = { chunkSamples: CHUNK_SAMPLES };
  const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR_NAME, {
    numberOfInputs: 1,
    numberOfOutputs: 1,
    outputChannelCount: [1],
    processorOptions,
  });
  node.port.onmessage = (event: MessageEvent<CaptureMessage>) => {
    const message = event.data;
    if (message.type === 'chunk') onChunk(message.samples, message.rms, message.peak);
  };
  source.connect(node);
  // The node writes silence; connecting it keeps the graph pulling it on every render quantum.
  node.connect(context.destination);
  let stopped = false;
  return {
    node,
    stop() {
      if (stopped) return;
      stopped = true;
      node.port.postMessage({ type: 'stop' });
      node.port.onmessage = null;
      source.disconnect(node);
      node.disconnect();
    },
  };
}
