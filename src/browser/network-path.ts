/**
 * The phone network between caller and platform (SPEC §11), for real: the caller's track travels through
 * a WebRTC connection inside the page (two RTCPeerConnections on the loopback, host candidates only, no
 * STUN) with the chosen codec forced, and the track the platform side receives is what the call hears.
 *
 * - The platform side offers to receive only the chosen codec (setCodecPreferences: PCMU, PCMA or Opus)
 *   and telephone-event, as a gateway that forces G.711 does; the caller's side answers with its track.
 * - Loss and jitter act on the encoded frames the platform receives, before its jitter buffer (NetEq), in
 *   network-transform-worker.ts: dropped frames are concealed by NetEq as lost packets are; held frames
 *   arrive late. The fates come from the seed (PacketSchedule, the DSP line's schedule).
 * - Keys go as RFC 4733 telephone-events (RTCDTMFSender), as a softphone sends them; the platform side
 *   reads and consumes them, so they never become tones in the received audio.
 */
import { wholePackets } from '../audio/packet-schedule.ts';
import { dtmfKey } from '../audio/telephone-event.ts';
import type { CallerSource, NetworkStats } from './call-io.ts';
import NetworkTransformWorker from './network-transform-worker.ts?worker';
import type { NetworkSettings } from './settings.ts';

/** The codecs a network path can force (`direct` has no path). */
export type NetworkPathCodec = Exclude<NetworkSettings['codec'], 'direct'>;

/** What the transform's worker is given (RTCRtpScriptTransform's options). */
export interface NetworkTransformOptions {
  port: MessagePort;
  lossPercent: number;
  jitterMs: number;
  seed: number;
}

export type NetworkWorkerRequest = { type: 'stats'; id: number };

/** The worker's first message: its script has run and it is listening for the transform. */
export type NetworkWorkerReady = { type: 'ready' };

export type NetworkWorkerReply =
  | {
      type: 'stats';
      id: number;
      /** Audio frames that reached the platform side's transform (telephone-events not counted). */
      framesReceived: number;
      /** Of those, the ones the simulated network lost. */
      framesDropped: number;
      /** DTMF keys received as telephone-events. */
      keysReceived: number;
      /** RFC 3550 interarrival jitter of the frames as they reach the jitter buffer, in ms. */
      jitterMs: number;
    }
  | { type: 'key'; key: string }
  | { type: 'error'; message: string };

/** The network's figures, with the detail behind them (getStats of both ends, and the worker's counts). */
export interface NetworkPathStats extends NetworkStats {
  /** DTMF keys the platform side received as telephone-events. */
  keysReceived: number;
  /** getStats of the platform's inbound stream: samples NetEq played, and of those concealed. */
  totalSamplesReceived: number;
  concealedSamples: number;
  /** The jitter buffer's mean delay so far (jitterBufferDelay / jitterBufferEmittedCount), in ms. */
  jitterBufferMs: number;
}

export interface NetworkPath {
  readonly codec: NetworkPathCodec;
  /** The platform's side of the call: the track as the network delivered it. */
  readonly received: MediaStream;
  /** Whether the connection is up and its track live. */
  alive(): boolean;
  /**
   * Sends a keypad key as an RFC 4733 telephone-event (100 ms, 70 ms gap), queued after keys still being
   * sent. False when it is not a DTMF key or the connection cannot send events.
   */
  sendDtmf(key: string): boolean;
  stats(): Promise<NetworkPathStats>;
  /** Closes both ends, the worker and the media element. Idempotent. */
  close(): void;
}

export interface NetworkPathEvents {
  /** The connection failed after it was up (the call cannot hear the caller any more). */
  onFailed(reason: string): void;
}

/** RTCDTMFSender's tone and gap (the defaults of a softphone; RFC 4733 events of 100 ms). */
const DTMF_DURATION_MS = 100;
const DTMF_GAP_MS = 70;
/** The loopback connects in well under a second; give a loaded machine ample time. */
const CONNECT_TIMEOUT_MS = 10_000;
const WORKER_REPLY_TIMEOUT_MS = 1000;
const WORKER_START_TIMEOUT_MS = 10_000;

const CODEC_NAMES: Record<NetworkPathCodec, { mimeType: string; clockRateHz: number; label: string }> = {
  pcmu: { mimeType: 'audio/PCMU', clockRateHz: 8000, label: 'G.711 μ-law (PCMU)' },
  pcma: { mimeType: 'audio/PCMA', clockRateHz: 8000, label: 'G.711 A-law (PCMA)' },
  opus: { mimeType: 'audio/opus', clockRateHz: 48000, label: 'Opus' },
};

/** The platform's codec list: only the chosen codec, and telephone-event at its clock rate (for DTMF). */
function codecPreferences(codec: NetworkPathCodec): RTCRtpCodec[] {
  const wanted = CODEC_NAMES[codec];
  const codecs = RTCRtpReceiver.getCapabilities('audio')?.codecs ?? [];
  const main = codecs.filter((c) => c.mimeType.toLowerCase() === wanted.mimeType.toLowerCase());
  if (main.length === 0) {
    throw new Error(
      `This browser's WebRTC cannot carry ${wanted.label}: choose another Network codec, or direct.`,
    );
  }
  const events = codecs.filter(
    (c) => c.mimeType.toLowerCase() === 'audio/telephone-event' && c.clockRate === wanted.clockRateHz,
  );
  return [...main, ...events];
}

function checkSupport(): void {
  if (typeof RTCPeerConnection === 'undefined') {
    throw new Error('This browser has no WebRTC (RTCPeerConnection): set Network to direct.');
  }
  if (typeof RTCRtpScriptTransform === 'undefined') {
    throw new Error(
      'This browser cannot apply loss and jitter to WebRTC packets (no RTCRtpScriptTransform): set Network to direct.',
    );
  }
}

/** Candidates go to the other end once it has a remote description (before, addIceCandidate fails). */
function forwardCandidates(from: RTCPeerConnection, to: RTCPeerConnection, ready: Promise<void>): void {
  from.onicecandidate = (event) => {
    const { candidate } = event;
    if (candidate) void ready.then(() => to.addIceCandidate(candidate)).catch(() => undefined);
  };
}

function connected(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => {
      cleanup();
      reject(
        new Error(
          `The network path (a WebRTC connection inside the page) did not connect within ${timeoutMs / 1000} s ` +
            `(ICE ${pc.iceConnectionState}): set Network to direct, or allow WebRTC in this browser.`,
        ),
      );
    }, timeoutMs);
    const check = () => {
      if (pc.connectionState === 'connected') {
        cleanup();
        resolve();
      } else if (pc.connectionState === 'failed' || pc.connectionState === 'closed') {
        cleanup();
        reject(
          new Error(
            `The network path (a WebRTC connection inside the page) could not connect (${pc.connectionState}): set Network to direct.`,
          ),
        );
      }
    };
    const cleanup = () => {
      window.clearTimeout(timer);
      pc.removeEventListener('connectionstatechange', check);
    };
    pc.addEventListener('connectionstatechange', check);
    check();
  });
}

/** getStats' `codec` entry (not in TypeScript's DOM types). */
interface CodecStats {
  mimeType: string;
  clockRate?: number;
}

/** Resolves when the worker's script has run (its first message), so frames never wait for it to load. */
function workerReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => {
      cleanup();
      reject(new Error('The network path could not start its packet worker: set Network to direct.'));
    }, WORKER_START_TIMEOUT_MS);
    const onMessage = (event: MessageEvent<NetworkWorkerReady>) => {
      if (event.data?.type !== 'ready') return;
      cleanup();
      resolve();
    };
    const onError = (event: ErrorEvent) => {
      cleanup();
      reject(
        new Error(
          `The network path's packet worker failed to start (${event.message}): set Network to direct.`,
        ),
      );
    };
    const cleanup = () => {
      window.clearTimeout(timer);
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
}

function firstOfType<T>(report: RTCStatsReport, type: string): T | null {
  for (const value of report.values()) {
    if ((value as { type?: string }).type === type) return value as T;
  }
  return null;
}

/**
 * Opens the network path for `track` (the microphone's, or a caller file's through a
 * MediaStreamAudioDestinationNode) and resolves once the connection is up.
 */
export async function openNetworkPath(
  track: MediaStreamTrack,
  settings: NetworkSettings & { codec: NetworkPathCodec },
  events: NetworkPathEvents,
): Promise<NetworkPath> {
  checkSupport();
  const preferences = codecPreferences(settings.codec);
  const platform = new RTCPeerConnection();
  const caller = new RTCPeerConnection();
  const worker = new NetworkTransformWorker();
  const channel = new MessageChannel();
  const element = document.createElement('audio');
  let closed = false;
  let failed = false;
  let keysReceived = 0;
  let nextRequest = 0;
  const pending = new Map<number, (reply: Extract<NetworkWorkerReply, { type: 'stats' }>) => void>();
  let lastWorker: Extract<NetworkWorkerReply, { type: 'stats' }> = {
    type: 'stats',
    id: -1,
    framesReceived: 0,
    framesDropped: 0,
    keysReceived: 0,
    jitterMs: 0,
  };
  let workerError: string | null = null;

  const close = () => {
    if (closed) return;
    closed = true;
    platform.onconnectionstatechange = null;
    caller.close();
    platform.close();
    channel.port1.close();
    worker.terminate();
    element.pause();
    element.srcObject = null;
    for (const resolve of pending.values()) resolve(lastWorker);
    pending.clear();
  };

  try {
    await workerReady(worker);
    channel.port1.onmessage = (event: MessageEvent<NetworkWorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'key') keysReceived++;
      else if (reply.type === 'error') workerError = reply.message;
      else {
        lastWorker = reply;
        pending.get(reply.id)?.(reply);
        pending.delete(reply.id);
      }
    };
    const transceiver = platform.addTransceiver('audio', { direction: 'recvonly' });
    transceiver.setCodecPreferences(preferences);
    // Set before any frame arrives: Chromium did not route frames through a receiver's transform that was
    // set after the track had started (set a few milliseconds after ontrack, it never saw a frame).
    const options: NetworkTransformOptions = {
      port: channel.port2,
      lossPercent: settings.lossPercent,
      jitterMs: settings.jitterMs,
      seed: settings.seed,
    };
    transceiver.receiver.transform = new RTCRtpScriptTransform(worker, options, [channel.port2]);

    let platformReady!: () => void;
    let callerReady!: () => void;
    forwardCandidates(caller, platform, new Promise<void>((resolve) => (platformReady = resolve)));
    forwardCandidates(platform, caller, new Promise<void>((resolve) => (callerReady = resolve)));
    await platform.setLocalDescription();
    await caller.setRemoteDescription(platform.localDescription!);
    callerReady();
    // Takes the transceiver the offer made (recvonly there, so the answer is sendonly).
    const sender = caller.addTrack(track);
    await caller.setLocalDescription();
    await platform.setRemoteDescription(caller.localDescription!);
    platformReady();
    await Promise.all([connected(platform, CONNECT_TIMEOUT_MS), connected(caller, CONNECT_TIMEOUT_MS)]);

    const received = new MediaStream([transceiver.receiver.track]);
    // Chromium gives a MediaStreamAudioSourceNode of a remote track no samples (silence) until the track
    // also plays in a media element; a muted one is enough, and nothing reaches the speakers.
    element.muted = true;
    element.srcObject = received;
    await element.play().catch(() => undefined);

    platform.onconnectionstatechange = () => {
      if (closed || failed) return;
      if (platform.connectionState === 'failed' || platform.connectionState === 'closed') {
        failed = true;
        events.onFailed(
          'The network path (the WebRTC connection inside the page) failed: the call was hung up.',
        );
      }
    };

    const askWorker = (): Promise<Extract<NetworkWorkerReply, { type: 'stats' }>> => {
      if (closed) return Promise.resolve(lastWorker);
      const id = nextRequest++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const request: NetworkWorkerRequest = { type: 'stats', id };
        channel.port1.postMessage(request);
        window.setTimeout(() => {
          if (pending.delete(id)) resolve(lastWorker);
        }, WORKER_REPLY_TIMEOUT_MS);
      });
    };

    let lastStats: NetworkPathStats = {
      codec: CODEC_NAMES[settings.codec].mimeType.slice('audio/'.length),
      packetsSent: 0,
      packetsLost: 0,
      packetsConcealed: 0,
      jitterMs: 0,
      keysReceived: 0,
      totalSamplesReceived: 0,
      concealedSamples: 0,
      jitterBufferMs: 0,
    };

    return {
      codec: settings.codec,
      received,
      alive: () =>
        !closed && !failed && workerError === null && transceiver.receiver.track.readyState === 'live',
      sendDtmf(key) {
        const tone = dtmfKey(key);
        const dtmf = sender.dtmf;
        if (closed || tone === null || !dtmf?.canInsertDTMF) return false;
        // insertDTMF replaces the tones still queued: keep them, so each key is sent exactly once.
        dtmf.insertDTMF(dtmf.toneBuffer + tone, DTMF_DURATION_MS, DTMF_GAP_MS);
        return true;
      },
      async stats() {
        if (closed) return lastStats;
        try {
          const [sent, got, fromWorker] = await Promise.all([
            sender.getStats(),
            transceiver.receiver.getStats(),
            askWorker(),
          ]);
          const outbound = firstOfType<RTCOutboundRtpStreamStats>(sent, 'outbound-rtp');
          const inbound = firstOfType<RTCInboundRtpStreamStats>(got, 'inbound-rtp');
          const codec = inbound?.codecId ? (got.get(inbound.codecId) as CodecStats | undefined) : undefined;
          const concealedSamples = inbound?.concealedSamples ?? 0;
          const emitted = inbound?.jitterBufferEmittedCount ?? 0;
          lastStats = {
            codec: codec?.mimeType.replace(/^audio\//i, '') ?? lastStats.codec,
            packetsSent: outbound?.packetsSent ?? 0,
            // Frames dropped in the transform never reach the RTP statistics (they are counted before it).
            packetsLost: (inbound?.packetsLost ?? 0) + fromWorker.framesDropped,
            packetsConcealed: wholePackets(
              concealedSamples,
              codec?.clockRate ?? CODEC_NAMES[settings.codec].clockRateHz,
            ),
            jitterMs: Math.max(fromWorker.jitterMs, (inbound?.jitter ?? 0) * 1000),
            keysReceived,
            totalSamplesReceived: inbound?.totalSamplesReceived ?? 0,
            concealedSamples,
            jitterBufferMs: emitted > 0 ? ((inbound?.jitterBufferDelay ?? 0) / emitted) * 1000 : 0,
          };
        } catch {
          // The connection closed while the figures were read: keep the last ones.
        }
        return lastStats;
      },
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * The caller's network for the call's settings: null for `direct` (the caller feeds the capture path
 * itself, as without a network), else the path opened for `track`. `onFailed` hears a connection that
 * fails during the call.
 */
export async function openCallerNetwork(
  settings: NetworkSettings,
  track: MediaStreamTrack | undefined,
  onFailed: (reason: string) => void,
): Promise<NetworkPath | null> {
  const { codec } = settings;
  if (codec === 'direct') return null;
  if (!track) throw new Error('The caller gave no audio track to send over the network path.');
  return openNetworkPath(track, { ...settings, codec }, { onFailed });
}

/** The CallerSource methods of a network path (none for `direct`). */
export function networkMethods(path: NetworkPath | null): Pick<CallerSource, 'network' | 'sendDtmf'> {
  if (!path) return {};
  return { network: () => path.stats(), sendDtmf: (key) => path.sendDtmf(key) };
}
