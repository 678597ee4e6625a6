import { describe, expect, it } from 'vitest';
import { NetworkLine, PACKET_SAMPLES } from './network-line.ts';
import {
  InterarrivalJitter,
  OrderedRelease,
  PacketNumbering,
  PacketSchedule,
  wholePackets,
} from './packet-schedule.ts';

const PACKETS = 3000; // one minute of 20 ms packets

function lostSet(schedule: PacketSchedule, packets = PACKETS): number[] {
  const lost: number[] = [];
  for (let k = 0; k < packets; k++) if (schedule.fate(k).lost) lost.push(k);
  return lost;
}

/**
 * The packets the DSP line lost: each packet k is filled with its own constant level, so (with the `opus`
 * line, which adds no codec noise) a received packet comes out as that level from sample 32 on, and a
 * concealed or silent one does not (its samples are the last packet's level at falling gain, or 0).
 */
function lostByNetworkLine(seed: number, lossPercent: number, packets = PACKETS): number[] {
  const input = new Int16Array(packets * PACKET_SAMPLES);
  for (let k = 0; k < packets; k++) input.fill(1000 + k, k * PACKET_SAMPLES, (k + 1) * PACKET_SAMPLES);
  const output = new NetworkLine({ codec: 'opus', lossPercent, seed }).process(input);
  const lost: number[] = [];
  for (let k = 0; k < packets; k++) {
    const sample = output[k * PACKET_SAMPLES + 100]!;
    if (sample !== 1000 + k) lost.push(k);
  }
  return lost;
}

describe('PacketSchedule', () => {
  it('loses the same packet numbers as the DSP line (simulateCall) for the same seed and loss', () => {
    for (const [seed, lossPercent] of [
      [1, 20],
      [42, 5],
      [7, 30],
      [123456, 10],
    ] as const) {
      const browser = lostSet(new PacketSchedule({ lossPercent, seed, jitterMs: 80 }));
      const dsp = lostByNetworkLine(seed, lossPercent);
      expect(browser.length, `seed ${seed}, ${lossPercent} %`).toBeGreaterThan(0);
      expect(browser, `seed ${seed}, ${lossPercent} %`).toEqual(dsp);
    }
  });

  it('loses about lossPercent of the packets, and the same ones on every run', () => {
    const lost = lostSet(new PacketSchedule({ lossPercent: 20, seed: 5 }));
    expect(lost.length / PACKETS).toBeGreaterThan(0.17);
    expect(lost.length / PACKETS).toBeLessThan(0.23);
    expect(lostSet(new PacketSchedule({ lossPercent: 20, seed: 5 }))).toEqual(lost);
    expect(lostSet(new PacketSchedule({ lossPercent: 20, seed: 6 }))).not.toEqual(lost);
  });

  it('with a higher loss and the same seed, loses a superset of the packets', () => {
    const low = lostSet(new PacketSchedule({ lossPercent: 5, seed: 9 }));
    const high = new Set(lostSet(new PacketSchedule({ lossPercent: 20, seed: 9 })));
    expect(low.every((k) => high.has(k))).toBe(true);
    expect(high.size).toBeGreaterThan(low.length);
  });

  it('holds each received packet a seeded 0…jitterMs, and jitter never changes which packets are lost', () => {
    const withJitter = new PacketSchedule({ lossPercent: 10, jitterMs: 120, seed: 3 });
    const without = new PacketSchedule({ lossPercent: 10, jitterMs: 0, seed: 3 });
    expect(lostSet(withJitter)).toEqual(lostSet(without));
    const delays: number[] = [];
    for (let k = 0; k < PACKETS; k++) {
      const fate = withJitter.fate(k);
      expect(without.fate(k).delayMs).toBe(0);
      if (fate.lost) expect(fate.delayMs).toBe(0);
      else delays.push(fate.delayMs);
    }
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(120);
    expect(Math.max(...delays)).toBeGreaterThan(110);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).toBeGreaterThan(55);
    expect(mean).toBeLessThan(65);
    // The delay of packet k does not depend on the loss: the same seed holds it as long at 0 % loss.
    const lossless = new PacketSchedule({ jitterMs: 120, seed: 3 });
    for (let k = 0; k < 200; k++) {
      if (!withJitter.fate(k).lost) expect(withJitter.fate(k).delayMs).toBe(lossless.fate(k).delayMs);
    }
  });

  it('gives packet k the same fate whatever order the packets are asked for in', () => {
    const inOrder = new PacketSchedule({ lossPercent: 25, jitterMs: 50, seed: 11 });
    const fates = Array.from({ length: 100 }, (_, k) => inOrder.fate(k));
    const shuffled = new PacketSchedule({ lossPercent: 25, jitterMs: 50, seed: 11 });
    for (const k of [99, 3, 3, 50, 0, 98, 1]) expect(shuffled.fate(k)).toEqual(fates[k]);
  });

  it('refuses settings it cannot apply, saying which', () => {
    expect(() => new PacketSchedule({ lossPercent: 31 })).toThrow(
      /lossPercent must be a number from 0 to 30/,
    );
    expect(() => new PacketSchedule({ lossPercent: Number.NaN })).toThrow(/lossPercent/);
    expect(() => new PacketSchedule({ jitterMs: -1 })).toThrow(/jitterMs must be a finite number/);
    expect(() => new PacketSchedule({ jitterMs: Infinity })).toThrow(/jitterMs/);
    expect(() => new PacketSchedule({ seed: 1.5 })).toThrow(/seed must be a whole number/);
    expect(() => new PacketSchedule().fate(-1)).toThrow(/packet number/);
  });
});

describe('PacketNumbering', () => {
  it('numbers G.711 packets (160 per 20 ms at 8 kHz) from the first seen, keeping gaps', () => {
    const numbering = new PacketNumbering(8000);
    expect([1000, 1160, 1320, 1960, 1480].map((t) => numbering.indexOf(t))).toEqual([0, 1, 2, 6, 3]);
  });

  it('numbers Opus packets on its 48 kHz clock, across the timestamp wrap-around', () => {
    const numbering = new PacketNumbering(48000);
    const first = 2 ** 32 - 960;
    expect(numbering.indexOf(first)).toBe(0);
    expect(numbering.indexOf(0)).toBe(1);
    expect(numbering.indexOf(960)).toBe(2);
    expect(numbering.indexOf(first - 960)).toBe(-1);
  });

  it('refuses a clock it cannot count', () => {
    expect(() => new PacketNumbering(0)).toThrow(/positive/);
  });
});

describe('OrderedRelease', () => {
  it('holds each packet its delay but never lets one overtake the packet ahead', () => {
    const release = new OrderedRelease();
    expect(release.next(0, 50)).toBe(50);
    expect(release.next(20, 10)).toBe(50); // would leave at 30: waits for the one ahead
    expect(release.next(40, 30)).toBe(70);
    expect(release.next(60, 0)).toBe(70);
    expect(release.next(100, 0)).toBe(100);
  });
});

describe('InterarrivalJitter', () => {
  it('is 0 for packets arriving as evenly as they were sent, whatever the constant delay', () => {
    const jitter = new InterarrivalJitter(8000);
    for (let k = 0; k < 100; k++) jitter.add(500 + 20 * k, 160 * k);
    expect(jitter.jitterMs).toBe(0);
  });

  it('tends to the mean spacing error, by RFC 3550’s 1/16 filter', () => {
    // Every other packet arrives 10 ms late: each spacing is off by 10 ms.
    const jitter = new InterarrivalJitter(8000);
    for (let k = 0; k < 400; k++) jitter.add(20 * k + (k % 2) * 10, 160 * k);
    expect(jitter.jitterMs).toBeCloseTo(10, 6);
    // After one such packet, J = |D| / 16.
    const one = new InterarrivalJitter(48000);
    one.add(0, 0);
    one.add(36, 960);
    expect(one.jitterMs).toBeCloseTo(16 / 16, 9);
  });
});

describe('wholePackets', () => {
  it('counts whole 20 ms packets of concealed samples at the decoder’s rate', () => {
    expect(wholePackets(1600, 8000)).toBe(10);
    expect(wholePackets(1599, 8000)).toBe(9);
    expect(wholePackets(9600, 48000)).toBe(10);
    expect(wholePackets(0, 8000)).toBe(0);
    expect(wholePackets(100, 0)).toBe(0);
  });
});
