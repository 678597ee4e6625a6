import { alaw, mulaw } from 'alawmulaw';
import { describe, expect, it } from 'vitest';
import speechDataUrl from '../../e2e/fixtures/speech.wav?inline';
import { NetworkLine, PACKET_SAMPLES, type NetworkCodec, type NetworkLineOptions } from './network-line.ts';
import { createSeededRandom } from './seeded-random.ts';
import { segmentalSnr } from './segmental-snr.ts';
import { decodeWav } from './wav.ts';

const ONE_MINUTE_PACKETS = 3000;

function speech(): Int16Array {
  const base64 = speechDataUrl.slice(speechDataUrl.indexOf(',') + 1);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const wav = decodeWav(bytes);
  expect([wav.sampleRateHz, wav.channels]).toEqual([8000, 1]);
  return wav.samples;
}

function tone(n: number, hz: number, amplitude = 12000): Int16Array {
  return Int16Array.from({ length: n }, (_, i) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / 8000)),
  );
}

/** A signal that never repeats itself: a seeded noise, so any concealed sample differs from the input. */
function noise(n: number, seed = 99): Int16Array {
  const next = createSeededRandom(seed);
  return Int16Array.from({ length: n }, () => Math.round((next() - 0.5) * 20000) || 1);
}

/** Exact equality of two sample arrays, naming the first sample that differs (fast on long signals). */
function expectSameSamples(actual: Int16Array, expected: Int16Array, what = 'output'): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i])
      expect.fail(`${what}: sample ${i} is ${actual[i]}, expected ${expected[i]}`);
  }
}

/** Runs the whole input through a fresh line in chunks of `chunkSamples`. */
function run(options: NetworkLineOptions, input: Int16Array, chunkSamples = input.length) {
  const line = new NetworkLine(options);
  const output = new Int16Array(input.length);
  for (let start = 0; start < input.length; start += chunkSamples) {
    const chunk = line.process(input.subarray(start, start + chunkSamples));
    if (chunk.length !== Math.min(chunkSamples, input.length - start)) {
      expect.fail(`a chunk of ${chunkSamples} samples at ${start} came out as ${chunk.length}`);
    }
    output.set(chunk, start);
  }
  return { output, stats: line.stats };
}

/** The documented fate of each packet: lost when the seed's k-th draw is below lossPercent / 100. */
function expectedLost(seed: number, lossPercent: number, packets: number): boolean[] {
  const next = createSeededRandom(seed);
  return Array.from({ length: packets }, () => next() < lossPercent / 100);
}

function lostPackets(lost: boolean[]): number[] {
  return lost.flatMap((isLost, k) => (isLost ? [k] : []));
}

/** A seed whose first packets have the given fates ('r' received, 'l' lost) at 30 % loss. */
function seedFor(pattern: string): number {
  for (let seed = 0; seed < 100_000; seed++) {
    const lost = expectedLost(seed, 30, pattern.length);
    if (lost.every((isLost, k) => isLost === (pattern[k] === 'l'))) return seed;
  }
  throw new Error(`no seed below 100000 starts with ${pattern}`);
}

/**
 * The packets that came out changed after their first 32 samples (a received packet is exact from there
 * on, a concealed one of a noise input is not), read from the output alone.
 */
function lostInOutput(input: Int16Array, output: Int16Array): number[] {
  const lost: number[] = [];
  for (let k = 0; k * PACKET_SAMPLES < input.length; k++) {
    const i = packet(input, k).subarray(32);
    if (
      packet(output, k)
        .subarray(32)
        .some((x, n) => x !== i[n])
    )
      lost.push(k);
  }
  return lost;
}

function packet(samples: Int16Array, k: number): Int16Array {
  return samples.subarray(k * PACKET_SAMPLES, (k + 1) * PACKET_SAMPLES);
}

function clampRound(x: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(x)));
}

/** The loop L of the concealment rule, from the last received packet R. */
function concealmentLoop(r: Int16Array): number[] {
  return Array.from(r, (x, i) => x + (i < 32 ? ((r[159]! - r[0]!) * (32 - i)) / 32 : 0));
}

const gain = (j: number): number => Math.max(0, 1 - j / 480);

describe.each([
  ['pcmu', mulaw],
  ['pcma', alaw],
] as const)('NetworkLine %s without loss', (codec, law) => {
  it('gives every sample exactly as the G.711 round trip of the input sample', () => {
    const allValues = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
    const input = new Int16Array([...allValues, ...speech()]);
    const { output, stats } = run({ codec }, input, 7);
    for (let i = 0; i < input.length; i++) {
      if (output[i] !== law.decodeSample(law.encodeSample(input[i]!))) {
        expect.fail(`sample ${i}: ${input[i]} came out as ${output[i]}`);
      }
    }
    expect(stats).toEqual({
      packetsSent: Math.ceil(input.length / PACKET_SAMPLES),
      packetsLost: 0,
      packetsConcealed: 0,
    });
  });

  it('keeps speech above 30 dB segmental SNR', () => {
    const input = speech();
    const { output } = run({ codec }, input, 160);
    const { snrDb, activeSegments, segments } = segmentalSnr(input, output);
    console.log(
      `${codec} on e2e/fixtures/speech.wav: segmental SNR ${snrDb.toFixed(2)} dB ` +
        `over ${activeSegments} of ${segments} segments`,
    );
    expect(snrDb).toBeGreaterThanOrEqual(30);
  });
});

describe('NetworkLine without a codec', () => {
  it('passes audio through unchanged with `opus` and no loss (no Opus encoder in the DSP path)', () => {
    const input = speech();
    const { output, stats } = run({ codec: 'opus' }, input, 999);
    expectSameSamples(output, input);
    expect(stats.packetsSent).toBe(Math.ceil(input.length / PACKET_SAMPLES));
  });

  it('passes audio through unchanged with `direct`, which has no packets to lose', () => {
    const input = noise(8000);
    const { output, stats } = run({ codec: 'direct', lossPercent: 30, seed: 5 }, input, 7);
    expectSameSamples(output, input);
    expect(stats).toEqual({ packetsSent: 0, packetsLost: 0, packetsConcealed: 0 });
  });
});

describe('NetworkLine packet loss', () => {
  it('loses the packets the seed chooses, the same on every run and for any chunking', () => {
    const input = noise(500 * PACKET_SAMPLES + 37);
    const packets = 501;
    for (const codec of ['pcmu', 'opus'] as NetworkCodec[]) {
      const reference = run({ codec, lossPercent: 20, seed: 1234 }, input);
      for (const chunk of [1, 7, 160, 999]) {
        const again = run({ codec, lossPercent: 20, seed: 1234 }, input, chunk);
        expectSameSamples(again.output, reference.output, `${codec} in chunks of ${chunk}`);
        expect(again.stats).toEqual(reference.stats);
      }
      const lost = expectedLost(1234, 20, packets);
      expect(reference.stats.packetsLost).toBe(lostPackets(lost).length);
      expect(reference.stats.packetsSent).toBe(packets);
    }
    // With `opus` a packet comes out as it went in unless it was lost (or follows a lost one: its start).
    const { output } = run({ codec: 'opus', lossPercent: 20, seed: 1234 }, input, 7);
    expect(lostInOutput(input, output)).toEqual(lostPackets(expectedLost(1234, 20, packets)));
  });

  it('loses other packets with another seed', () => {
    const input = noise(200 * PACKET_SAMPLES);
    expect(run({ codec: 'opus', lossPercent: 10, seed: 1 }, input).output).not.toEqual(
      run({ codec: 'opus', lossPercent: 10, seed: 2 }, input).output,
    );
    expect(lostPackets(expectedLost(1, 10, 200))).not.toEqual(lostPackets(expectedLost(2, 10, 200)));
  });

  it.each([0, 10, 30])('loses %d percent of the packets of one minute, within 2 points', (lossPercent) => {
    const input = new Int16Array(ONE_MINUTE_PACKETS * PACKET_SAMPLES);
    for (const seed of [1, 2, 3]) {
      const { stats } = run({ codec: 'pcma', lossPercent, seed }, input, 999);
      expect(stats.packetsSent).toBe(ONE_MINUTE_PACKETS);
      const lostPercent = (100 * stats.packetsLost) / ONE_MINUTE_PACKETS;
      console.log(
        `lossPercent ${lossPercent}, seed ${seed}: ${stats.packetsLost} of 3000 lost (${lostPercent.toFixed(2)} %)`,
      );
      expect(Math.abs(lostPercent - lossPercent)).toBeLessThanOrEqual(2);
      if (lossPercent === 0) expect(stats.packetsLost).toBe(0);
    }
  });

  it('loses, at a higher loss with the same seed, the same packets and more', () => {
    const input = noise(ONE_MINUTE_PACKETS * PACKET_SAMPLES);
    const low = lostInOutput(input, run({ codec: 'opus', lossPercent: 5, seed: 8 }, input, 999).output);
    const high = new Set(
      lostInOutput(input, run({ codec: 'opus', lossPercent: 25, seed: 8 }, input, 999).output),
    );
    expect(low).toEqual(lostPackets(expectedLost(8, 5, ONE_MINUTE_PACKETS)));
    expect(low.every((k) => high.has(k))).toBe(true);
    expect(high.size).toBeGreaterThan(low.length);
  });
});

describe('NetworkLine concealment', () => {
  it('repeats the last received packet at a gain falling to silence over 60 ms, then fades back in', () => {
    const seed = seedFor('rllllr');
    const input = noise(6 * PACKET_SAMPLES);
    const { output, stats } = run({ codec: 'pcmu', lossPercent: 30, seed }, input, 7);
    const decoded = mulaw.decode(mulaw.encode(input));
    expect(packet(output, 0)).toEqual(packet(decoded, 0));
    const loop = concealmentLoop(packet(decoded, 0));
    expect(loop[0]).toBe(decoded[159]);
    for (let j = 0; j < 4 * PACKET_SAMPLES; j++) {
      const expected = clampRound(loop[j % PACKET_SAMPLES]! * gain(j));
      if (output[PACKET_SAMPLES + j] !== expected)
        expect.fail(`concealed sample ${j}: ${output[PACKET_SAMPLES + j]}, expected ${expected}`);
    }
    expect(packet(output, 4).every((x) => x === 0)).toBe(true); // the fourth lost packet: silence
    const back = packet(output, 5);
    const d = packet(decoded, 5);
    for (let i = 0; i < PACKET_SAMPLES; i++) {
      expect(back[i]).toBe(i < 32 ? clampRound(((i + 1) / 33) * d[i]!) : d[i]);
    }
    expect(stats).toEqual({ packetsSent: 6, packetsLost: 4, packetsConcealed: 3 });
  });

  it('crossfades from the concealment into the next received packet', () => {
    const seed = seedFor('rrlrr');
    const input = noise(5 * PACKET_SAMPLES);
    const { output, stats } = run({ codec: 'opus', lossPercent: 30, seed }, input, 1);
    expect(output.subarray(0, 2 * PACKET_SAMPLES)).toEqual(input.subarray(0, 2 * PACKET_SAMPLES));
    const loop = concealmentLoop(packet(input, 1));
    for (let i = 0; i < PACKET_SAMPLES; i++) {
      expect(packet(output, 2)[i]).toBe(clampRound(loop[i]! * gain(i)));
    }
    for (let i = 0; i < PACKET_SAMPLES; i++) {
      const w = (i + 1) / 33;
      const c = loop[i]! * gain(PACKET_SAMPLES + i);
      expect(packet(output, 3)[i]).toBe(
        i < 32 ? clampRound(w * packet(input, 3)[i]! + (1 - w) * c) : packet(input, 3)[i],
      );
    }
    expect(packet(output, 4)).toEqual(packet(input, 4));
    expect(stats).toEqual({ packetsSent: 5, packetsLost: 1, packetsConcealed: 1 });
  });

  it('gives silence for a packet lost before any was received', () => {
    const seed = seedFor('llr');
    const input = noise(3 * PACKET_SAMPLES);
    const { output, stats } = run({ codec: 'pcma', lossPercent: 30, seed }, input);
    expect(output.subarray(0, 2 * PACKET_SAMPLES).every((x) => x === 0)).toBe(true);
    const d = packet(alaw.decode(alaw.encode(input)), 2);
    for (let i = 0; i < 32; i++) expect(packet(output, 2)[i]).toBe(clampRound(((i + 1) / 33) * d[i]!));
    expect(packet(output, 2).subarray(32)).toEqual(d.subarray(32));
    expect(stats).toEqual({ packetsSent: 3, packetsLost: 2, packetsConcealed: 0 });
  });

  it('makes no click: no sample-to-sample jump beyond the tone’s own steepest one', () => {
    const input = tone(ONE_MINUTE_PACKETS * PACKET_SAMPLES, 330);
    const { output, stats } = run({ codec: 'opus', lossPercent: 30, seed: 3 }, input, 999);
    const steepest = (x: Int16Array) => {
      let max = 0;
      for (let i = 1; i < x.length; i++) max = Math.max(max, Math.abs(x[i]! - x[i - 1]!));
      return max;
    };
    expect(stats.packetsConcealed).toBeGreaterThan(500);
    expect(steepest(output)).toBeLessThanOrEqual(1.5 * steepest(input));
  });

  it('keeps the counts as the call goes, counting a packet from its first sample', () => {
    const line = new NetworkLine({ codec: 'pcmu', lossPercent: 10, seed: 4 });
    line.process(new Int16Array(161));
    expect(line.stats.packetsSent).toBe(2);
    const before = line.stats;
    line.process(new Int16Array(10 * PACKET_SAMPLES));
    expect(before.packetsSent).toBe(2); // a snapshot, not a live view
    expect(line.stats.packetsSent).toBe(12);
  });
});

describe('NetworkLine options', () => {
  it.each([Number.NaN, -1, 30.01, 100, Number.POSITIVE_INFINITY, '10' as unknown as number])(
    'refuses lossPercent %s, naming it',
    (lossPercent) => {
      expect(() => new NetworkLine({ codec: 'pcmu', lossPercent })).toThrow(RangeError);
      expect(() => new NetworkLine({ codec: 'pcmu', lossPercent })).toThrow(/lossPercent/);
    },
  );

  it.each([1.5, Number.NaN, '3' as unknown as number])('refuses seed %s, naming it', (seed) => {
    expect(() => new NetworkLine({ codec: 'opus', seed })).toThrow(RangeError);
    expect(() => new NetworkLine({ codec: 'opus', seed })).toThrow(/seed/);
  });

  it('refuses an unknown codec, naming the option and the choices', () => {
    const codec = 'g729' as NetworkCodec;
    expect(() => new NetworkLine({ codec })).toThrow(RangeError);
    expect(() => new NetworkLine({ codec })).toThrow(
      /codec must be one of direct, pcmu, pcma, opus, got "g729"/,
    );
  });

  it('accepts the ends of the range', () => {
    expect(new NetworkLine({ codec: 'pcma', lossPercent: 0 }).lossPercent).toBe(0);
    expect(new NetworkLine({ codec: 'pcma', lossPercent: 30, seed: -7 }).lossPercent).toBe(30);
  });
});
