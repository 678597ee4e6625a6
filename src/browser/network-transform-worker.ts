/**
 * The network's loss and jitter, applied to the encoded audio frames the platform side receives
 * (RTCRtpScriptTransform on the receiver): a frame dropped here never reaches the jitter buffer (NetEq),
 * which then conceals it as it would a packet the network lost; a held frame reaches it late. The fates
 * come from the seeded PacketSchedule, the same as the DSP line's. Telephone-event frames (RFC 4733 DTMF)
 * are read and reported as keys, then consumed: handed on, NetEq would play them as DTMF tones into the
 * received audio, and the call's in-band detector would hear each key a second time.
 */
import {
  InterarrivalJitter,
  OrderedRelease,
  PacketNumbering,
  PacketSchedule,
} from '../audio/packet-schedule.ts';
import { TelephoneEventReceiver } from '../audio/telephone-event.ts';
import type {
  NetworkTransformOptions,
  NetworkWorkerReady,
  NetworkWorkerReply,
  NetworkWorkerRequest,
} from './network-path.ts';

/** The worker side of RTCRtpScriptTransform (lib.dom has the frames; the event lives in lib.webworker). */
interface ScriptTransformer {
  readonly readable: ReadableStream<RTCEncodedAudioFrame>;
  readonly writable: WritableStream<RTCEncodedAudioFrame>;
  readonly options: NetworkTransformOptions;
}

interface TransformScope {
  onrtctransform: ((event: { transformer: ScriptTransformer }) => void) | null;
  postMessage(message: NetworkWorkerReady): void;
}

const TELEPHONE_EVENT = 'audio/telephone-event';

/** The RTP clock of an audio codec (RFC 7587: Opus always counts 48 kHz; G.711 counts 8 kHz). */
function clockRateOf(mimeType: string): number {
  return mimeType.toLowerCase() === 'audio/opus' ? 48000 : 8000;
}

function run(transformer: ScriptTransformer): void {
  const { port, lossPercent, jitterMs, seed } = transformer.options;
  const schedule = new PacketSchedule({ lossPercent, jitterMs, seed });
  const release = new OrderedRelease();
  const events = new TelephoneEventReceiver();
  let numbering: PacketNumbering | null = null;
  let jitter: InterarrivalJitter | null = null;
  let framesReceived = 0;
  let framesDropped = 0;
  let keysReceived = 0;

  const writer = transformer.writable.getWriter();
  /** Held frames, in the order they leave (OrderedRelease keeps their release times rising). */
  const held: { atMs: number; frame: RTCEncodedAudioFrame }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pump = (): void => {
    timer = null;
    const now = performance.now();
    while (held.length > 0 && held[0]!.atMs <= now) void writer.write(held.shift()!.frame).catch(() => {});
    if (held.length > 0) timer = setTimeout(pump, held[0]!.atMs - now);
  };

  port.onmessage = (event: MessageEvent<NetworkWorkerRequest>) => {
    if (event.data.type !== 'stats') return;
    const reply: NetworkWorkerReply = {
      type: 'stats',
      id: event.data.id,
      framesReceived,
      framesDropped,
      keysReceived,
      jitterMs: jitter?.jitterMs ?? 0,
    };
    port.postMessage(reply);
  };

  const reader = transformer.readable.getReader();
  const next = async (): Promise<void> => {
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done) return;
      const metadata = frame.getMetadata();
      const mimeType = metadata.mimeType ?? '';
      const timestamp = metadata.rtpTimestamp ?? frame.timestamp;
      if (mimeType.toLowerCase() === TELEPHONE_EVENT) {
        const key = events.push(timestamp, new Uint8Array(frame.data));
        if (key !== null) {
          keysReceived++;
          const reply: NetworkWorkerReply = { type: 'key', key };
          port.postMessage(reply);
        }
        continue;
      }
      framesReceived++;
      numbering ??= new PacketNumbering(clockRateOf(mimeType));
      jitter ??= new InterarrivalJitter(clockRateOf(mimeType));
      const k = numbering.indexOf(timestamp);
      const fate = k >= 0 ? schedule.fate(k) : { lost: false, delayMs: 0 };
      if (fate.lost) {
        framesDropped++;
        continue;
      }
      const now = performance.now();
      const atMs = release.next(now, fate.delayMs);
      jitter.add(atMs, timestamp);
      held.push({ atMs, frame });
      if (timer === null) pump();
    }
  };
  void next().catch((error: unknown) => {
    const reply: NetworkWorkerReply = { type: 'error', message: String(error) };
    port.postMessage(reply);
  });
}

const scope = globalThis as unknown as TransformScope;
scope.onrtctransform = (event) => run(event.transformer);
// The page waits for this before the connection starts: frames that queue while the worker's script
// still loads reach the jitter buffer in a burst, which then keeps a needlessly long delay.
scope.postMessage({ type: 'ready' });
