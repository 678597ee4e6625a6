import * as alawmulaw from 'alawmulaw';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import { createSeededRandom } from './seeded-random.ts';

// Node loads alawmulaw's CommonJS build, whose exports arrive as the namespace's `default`; bundlers load
// its ES module, whose exports are named. Read the codecs from whichever one this runtime gave.
const g711: typeof alawmulaw = 'mulaw' in alawmulaw ? alawmulaw : Reflect.get(alawmulaw, 'default');

/** The network between caller and platform: `direct` (none) or the codec forced on the line. */
export type NetworkCodec = 'direct' | 'pcmu' | 'pcma' | 'opus';

export const NETWORK_CODECS: readonly NetworkCodec[] = ['direct', 'pcmu', 'pcma', 'opus'];

/** One RTP packet: 20 ms at the call clock. */
export const PACKET_SAMPLES = (SAMPLE_RATE_HZ * 20) / 1000;
/** The highest packet loss the simulated line accepts, in percent. */
export const MAX_LOSS_PERCENT = 30;
/** Concealment fades linearly from full gain to silence over this many samples (60 ms, three packets). */
export const CONCEALMENT_FADE_SAMPLES = 3 * PACKET_SAMPLES;
/** The seams into and out of a concealed stretch are smoothed over this many samples (4 ms). */
export const CONCEALMENT_SEAM_SAMPLES = 32;

export interface NetworkLineOptions {
  codec: NetworkCodec;
  /** Chance that each packet is lost, in percent, 0 to 30; default 0. */
  lossPercent?: number;
  /** Chooses the lost packets: the same seed loses the same packets on every run; default 0. */
  seed?: number;
}

export interface NetworkStats {
  /** Packets the caller has started to send (a packet counts from its first sample). */
  packetsSent: number;
  /** Packets the network lost. */
  packetsLost: number;
  /** Lost packets filled by repeating the last received packet (the rest of the lost ones are silence). */
  packetsConcealed: number;
}

/**
 * The phone line between caller and platform, in DSP: the caller's audio at 8 kHz goes in, what the
 * platform hears comes out, sample for sample (no added delay, so the call clock is unchanged), in
 * streaming chunks of any size; the result does not depend on how the input is chunked.
 *
 * Codecs:
 * - `pcmu` (G.711 μ-law) and `pcma` (G.711 A-law): every sample is encoded and decoded with alawmulaw,
 *   so without loss every output sample is exactly the codec's round trip of the input sample.
 * - `opus`: there is no Opus encoder in pure JavaScript here, so this path applies packet loss and its
 *   concealment only, with no codec distortion: received packets come out bit-exact. (The browser's
 *   `RTCPeerConnection` path uses the real Opus codec.)
 * - `direct`: no network; the audio passes through unchanged, no packets are counted and `lossPercent`
 *   has no effect.
 *
 * Packets and loss: packet k holds samples [160k, 160k + 160) counted from the start of the call. A
 * mulberry32 generator seeded with `seed` draws one number u_k in [0, 1) for every packet in order,
 * whatever the loss; packet k is lost when u_k < lossPercent / 100. So the same seed loses the same
 * packets on every run, and a higher loss with the same seed loses a superset of the packets.
 *
 * Concealment of lost packets, exactly (D = a packet's decoded samples; outputs are rounded to the
 * nearest integer, halves upward, and clamped to 16 bits):
 * - A run of consecutive lost packets is numbered by sample: j = 0 at the first sample of its first lost
 *   packet, counting on through the run.
 * - If no packet has been received yet, the run is silence.
 * - Otherwise let R be the decoded samples of the last received packet. The loop L repeats R with the
 *   step of its wrap-around taken out: L[i] = R[i] + (R[159] − R[0]) · (32 − i) / 32 for i < 32 and
 *   L[i] = R[i] after, so L starts at R[159], the last sample heard, and its copies join without a step.
 * - Concealed sample j = L[j mod 160] · g(j), with the gain g(j) = max(0, 1 − j / 480): a linear fade
 *   from full level to silence over 60 ms. The first three lost packets of a run are thus the last
 *   packet repeated at falling gain (counted as concealed); from the fourth on the run is silence.
 * - The first received packet after a run fades in over 32 samples: output[i] = w · D[i] + (1 − w) ·
 *   c(j), w = (i + 1) / 33 for i < 32, where c(j) is the concealment continued (L[j mod 160] · g(j),
 *   with j counting on from the run, or 0 when no packet had been received); from sample 32 on, D[i].
 */
export class NetworkLine {
  readonly codec: NetworkCodec;
  readonly lossPercent: number;
  readonly seed: number;

  private readonly random: () => number;
  private readonly lossProbability: number;
  /** Index of the packet the next sample belongs to, and its position in it. */
  private packetIndex = -1;
  private positionInPacket = PACKET_SAMPLES;
  private currentLost = false;
  /** Decoded samples of the packet in progress, and of the last packet received whole. */
  private current = new Int16Array(PACKET_SAMPLES);
  private lastReceived = new Int16Array(PACKET_SAMPLES);
  private hasReceived = false;
  /** The concealment loop of the current (or just ended) run, or null when there is nothing to repeat. */
  private readonly loop = new Float64Array(PACKET_SAMPLES);
  private loopReady = false;
  /** Samples since the start of the current loss run; -1 when the line is not in or just after a run. */
  private runSamples = -1;
  private packetsSent = 0;
  private packetsLost = 0;
  private packetsConcealed = 0;

  constructor(options: NetworkLineOptions) {
    const { codec, lossPercent = 0, seed = 0 } = options;
    if (!NETWORK_CODECS.includes(codec)) {
      throw new RangeError(
        `NetworkLine: codec must be one of ${NETWORK_CODECS.join(', ')}, got ${JSON.stringify(codec)}`,
      );
    }
    if (typeof lossPercent !== 'number' || !(lossPercent >= 0 && lossPercent <= MAX_LOSS_PERCENT)) {
      throw new RangeError(
        `NetworkLine: lossPercent must be a number from 0 to ${MAX_LOSS_PERCENT}, got ${String(lossPercent)}`,
      );
    }
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
      throw new RangeError(`NetworkLine: seed must be a whole number, got ${String(seed)}`);
    }
    this.codec = codec;
    this.lossPercent = lossPercent;
    this.seed = seed;
    this.random = createSeededRandom(seed);
    this.lossProbability = lossPercent / 100;
  }

  /** Packets sent, lost and concealed so far. */
  get stats(): NetworkStats {
    return {
      packetsSent: this.packetsSent,
      packetsLost: this.packetsLost,
      packetsConcealed: this.packetsConcealed,
    };
  }

  /** What the platform hears of the next `input.length` samples the caller sends. */
  process(input: Int16Array): Int16Array {
    if (this.codec === 'direct') return input.slice();
    const decoded = this.decode(input);
    const output = new Int16Array(input.length);
    for (let n = 0; n < input.length; n++) {
      if (this.positionInPacket === PACKET_SAMPLES) this.startPacket();
      const i = this.positionInPacket;
      let value: number;
      if (this.currentLost) {
        value = this.concealed(this.runSamples);
        this.runSamples++;
      } else {
        const d = decoded[n]!;
        this.current[i] = d;
        if (this.runSamples >= 0 && i < CONCEALMENT_SEAM_SAMPLES) {
          const w = (i + 1) / (CONCEALMENT_SEAM_SAMPLES + 1);
          value = w * d + (1 - w) * this.concealed(this.runSamples);
          this.runSamples++;
        } else {
          value = d;
        }
      }
      output[n] = Math.max(-32768, Math.min(32767, Math.round(value)));
      this.positionInPacket++;
    }
    return output;
  }

  private decode(input: Int16Array): Int16Array {
    if (this.codec === 'pcmu') return g711.mulaw.decode(g711.mulaw.encode(input));
    if (this.codec === 'pcma') return g711.alaw.decode(g711.alaw.encode(input));
    return input; // opus: loss and concealment only (see the class comment)
  }

  /** Closes the packet just finished and decides the fate of the next one. */
  private startPacket(): void {
    const previousLost = this.currentLost;
    if (this.packetIndex >= 0 && !previousLost) {
      [this.lastReceived, this.current] = [this.current, this.lastReceived];
      this.hasReceived = true;
    }
    this.packetIndex++;
    this.positionInPacket = 0;
    this.packetsSent++;
    this.currentLost = this.random() < this.lossProbability;
    if (this.currentLost) {
      this.packetsLost++;
      if (!previousLost) {
        this.runSamples = 0;
        this.buildLoop();
      }
      if (this.loopReady && this.runSamples < CONCEALMENT_FADE_SAMPLES) this.packetsConcealed++;
    } else if (!previousLost) {
      this.runSamples = -1;
    }
  }

  /** L from R (see the class comment), or nothing to repeat before the first received packet. */
  private buildLoop(): void {
    this.loopReady = this.hasReceived;
    if (!this.loopReady) return;
    const r = this.lastReceived;
    const step = r[PACKET_SAMPLES - 1]! - r[0]!;
    for (let i = 0; i < PACKET_SAMPLES; i++) {
      this.loop[i] =
        r[i]! +
        (i < CONCEALMENT_SEAM_SAMPLES
          ? (step * (CONCEALMENT_SEAM_SAMPLES - i)) / CONCEALMENT_SEAM_SAMPLES
          : 0);
    }
  }

  /** c(j): the loop at falling gain, or silence when there is nothing to repeat. */
  private concealed(j: number): number {
    if (!this.loopReady) return 0;
    const gain = Math.max(0, 1 - j / CONCEALMENT_FADE_SAMPLES);
    return gain === 0 ? 0 : this.loop[j % PACKET_SAMPLES]! * gain;
  }
}
