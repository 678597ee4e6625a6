import { MAX_LOSS_PERCENT } from './network-line.ts';
import { createSeededRandom } from './seeded-random.ts';

/** An RTP packet's duration on the call's network (SPEC §11): 20 ms, as for G.711 at ptime 20 and Opus. */
export const PACKET_MS = 20;

export interface PacketScheduleOptions {
  /** Chance that each packet is lost, in percent, 0 to 30; default 0. */
  lossPercent?: number;
  /** Each packet is held a seeded random 0…jitterMs milliseconds on its way; default 0. */
  jitterMs?: number;
  /** The same seed gives the same fates on every run; default 0. */
  seed?: number;
}

export interface PacketFate {
  lost: boolean;
  /** How long the network holds the packet, in milliseconds (0 for a lost one). */
  delayMs: number;
}

/**
 * The seed of the jitter's generator: another mulberry32 stream than the loss's, so that adding jitter
 * never changes which packets are lost. The seed is taken modulo 2³², as createSeededRandom does.
 */
function jitterSeed(seed: number): number {
  return ((seed >>> 0) ^ 0x5bd1e995) >>> 0;
}

/**
 * The fate of each packet of the call's network, decided by a seed: the same schedule as the DSP line
 * (NetworkLine), so the browser's WebRTC path loses the same packet numbers as `simulateCall` does for
 * the same seed and loss.
 *
 * - Loss: a mulberry32 generator seeded with `seed` draws u_k for packet k = 0, 1, 2, … in order; packet k
 *   is lost when u_k < lossPercent / 100 (exactly NetworkLine's rule).
 * - Jitter: a second mulberry32 generator (seeded from `seed` by jitterSeed) draws v_k for every packet,
 *   lost or not; packet k is held v_k · jitterMs milliseconds. Lost packets are not held.
 *
 * Fates may be asked for in any order (a packet arriving late, or twice): each k always gets the same.
 */
export class PacketSchedule {
  readonly lossPercent: number;
  readonly jitterMs: number;
  readonly seed: number;

  private readonly lossDraws: () => number;
  private readonly jitterDraws: () => number;
  private readonly lost: boolean[] = [];
  private readonly delays: number[] = [];

  constructor(options: PacketScheduleOptions = {}) {
    const { lossPercent = 0, jitterMs = 0, seed = 0 } = options;
    if (typeof lossPercent !== 'number' || !(lossPercent >= 0 && lossPercent <= MAX_LOSS_PERCENT)) {
      throw new RangeError(
        `PacketSchedule: lossPercent must be a number from 0 to ${MAX_LOSS_PERCENT}, got ${String(lossPercent)}`,
      );
    }
    if (typeof jitterMs !== 'number' || !(jitterMs >= 0 && Number.isFinite(jitterMs))) {
      throw new RangeError(
        `PacketSchedule: jitterMs must be a finite number of at least 0, got ${String(jitterMs)}`,
      );
    }
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
      throw new RangeError(`PacketSchedule: seed must be a whole number, got ${String(seed)}`);
    }
    this.lossPercent = lossPercent;
    this.jitterMs = jitterMs;
    this.seed = seed;
    this.lossDraws = createSeededRandom(seed);
    this.jitterDraws = createSeededRandom(jitterSeed(seed));
  }

  /** The fate of packet `k` (0 is the first packet the caller sends). */
  fate(k: number): PacketFate {
    if (!Number.isSafeInteger(k) || k < 0) {
      throw new RangeError(`PacketSchedule: a packet number is a whole number from 0, got ${String(k)}`);
    }
    const probability = this.lossPercent / 100;
    while (this.lost.length <= k) {
      this.lost.push(this.lossDraws() < probability);
      this.delays.push(this.jitterDraws() * this.jitterMs);
    }
    const lost = this.lost[k]!;
    return { lost, delayMs: lost ? 0 : this.delays[k]! };
  }
}

/**
 * Numbers the audio packets of one RTP stream from their timestamps: the first packet seen is 0 and a
 * packet `n` packet durations later is n, whatever arrived between (a lost packet keeps its number). The
 * timestamp wraps at 2³²; a packet from before the first one seen gets a negative number.
 */
export class PacketNumbering {
  private readonly samplesPerPacket: number;
  private first: number | null = null;

  constructor(clockRateHz: number, packetMs = PACKET_MS) {
    if (!(Number.isFinite(clockRateHz) && clockRateHz > 0 && Number.isFinite(packetMs) && packetMs > 0)) {
      throw new RangeError(
        `PacketNumbering: the clock rate and packet duration must be positive, got ${clockRateHz} Hz and ${packetMs} ms`,
      );
    }
    this.samplesPerPacket = (clockRateHz * packetMs) / 1000;
  }

  /** The number of the packet with this RTP timestamp (an unsigned 32-bit value). */
  indexOf(rtpTimestamp: number): number {
    this.first ??= rtpTimestamp >>> 0;
    // The difference as a signed 32-bit number: correct across the timestamp's wrap-around.
    const elapsed = ((rtpTimestamp >>> 0) - this.first) | 0;
    return Math.floor(elapsed / this.samplesPerPacket + 1e-9);
  }
}

/**
 * When held packets leave a network that keeps their order (a queue, as one path does): a packet arriving at
 * `arrivalMs` and held `delayMs` leaves at arrivalMs + delayMs, but never before the packet ahead of it.
 */
export class OrderedRelease {
  private lastMs = -Infinity;

  next(arrivalMs: number, delayMs: number): number {
    this.lastMs = Math.max(this.lastMs, arrivalMs + delayMs);
    return this.lastMs;
  }
}

/**
 * The interarrival jitter of RFC 3550 §6.4.1 (what RTCP receiver reports carry and getStats calls `jitter`):
 * the running mean deviation of the packets' spacing on arrival from their spacing on the RTP clock, with
 * gain 1/16, in milliseconds.
 */
export class InterarrivalJitter {
  private readonly clockRateHz: number;
  private previous: { arrivalUnits: number; rtpTimestamp: number } | null = null;
  private jitterUnits = 0;

  constructor(clockRateHz: number) {
    if (!(Number.isFinite(clockRateHz) && clockRateHz > 0)) {
      throw new RangeError(`InterarrivalJitter: the clock rate must be positive, got ${clockRateHz} Hz`);
    }
    this.clockRateHz = clockRateHz;
  }

  /** A packet with this RTP timestamp arrived at `arrivalMs` (any clock in milliseconds). */
  add(arrivalMs: number, rtpTimestamp: number): void {
    const arrivalUnits = (arrivalMs * this.clockRateHz) / 1000;
    const previous = this.previous;
    if (previous) {
      const sent = ((rtpTimestamp >>> 0) - previous.rtpTimestamp) | 0;
      const d = arrivalUnits - previous.arrivalUnits - sent;
      this.jitterUnits += (Math.abs(d) - this.jitterUnits) / 16;
    }
    this.previous = { arrivalUnits, rtpTimestamp: rtpTimestamp >>> 0 };
  }

  get jitterMs(): number {
    return (this.jitterUnits * 1000) / this.clockRateHz;
  }
}

/** Whole packets of `packetMs` in `samples` samples at `sampleRateHz` (getStats' concealedSamples → packets). */
export function wholePackets(samples: number, sampleRateHz: number, packetMs = PACKET_MS): number {
  if (!(samples > 0 && sampleRateHz > 0)) return 0;
  return Math.floor(samples / ((sampleRateHz * packetMs) / 1000) + 1e-9);
}
