import captureProcessorUrl from './capture-processor.ts?worker&url';
import {
  CAPTURE_PROCESSOR_NAME,
  type CaptureMessage,
  type CaptureProcessorOptions,
} from './capture-messages.ts';
import { openMicrophone, type MicrophoneSettings } from './microphone.ts';

/** 20 ms at 8 kHz. */
const CHUNK_SAMPLES = 160;

export interface CaptureListener {
  onChunk(samples: Int16Array, rms: number, peak: number): void;
  /** The microphone ended by itself (unplugged, permission revoked, device lost). */
  onEnded(): void;
}

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

/**
 * One call's capture: the microphone stream, its source node and the capture worklet. It owns them all and
 * releases them in `stop()` (the microphone indicator goes off when the call ends).
 */
export class Capture {
  private stopped = false;

  private constructor(
    readonly stream: MediaStream,
    private readonly source: MediaStreamAudioSourceNode,
    private readonly node: AudioWorkletNode,
    private readonly onTrackEnded: () => void,
  ) {}

  static async start(
    context: AudioContext,
    settings: MicrophoneSettings,
    listener: CaptureListener,
  ): Promise<Capture> {
    await loadCaptureWorklet(context);
    const stream = await openMicrophone(settings);
    const source = context.createMediaStreamSource(stream);
    const processorOptions: CaptureProcessorOptions = { chunkSamples: CHUNK_SAMPLES };
    const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR_NAME, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions,
    });
    node.port.onmessage = (event: MessageEvent<CaptureMessage>) => {
      const message = event.data;
      if (message.type === 'chunk') listener.onChunk(message.samples, message.rms, message.peak);
    };
    const onTrackEnded = () => listener.onEnded();
    for (const track of stream.getAudioTracks()) track.addEventListener('ended', onTrackEnded);
    source.connect(node);
    // The node writes silence; connecting it keeps the graph pulling it on every render quantum.
    node.connect(context.destination);
    return new Capture(stream, source, node, onTrackEnded);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.node.port.postMessage({ type: 'stop' });
    this.node.port.onmessage = null;
    this.source.disconnect();
    this.node.disconnect();
    for (const track of this.stream.getTracks()) {
      track.removeEventListener('ended', this.onTrackEnded);
      track.stop();
    }
  }
}
