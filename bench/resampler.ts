/**
 * Resampler benchmark: our Resampler against libsamplerate (SINC_MEDIUM_QUALITY) and speexdsp (quality 5)
 * for 48 kHz and 44.1 kHz inputs to 8 kHz. Prints figures and whether each goal is met; asserts nothing.
 *
 *   node --import tsx bench/resampler.ts
 *
 * Quality is measured as DESIGN.md ("Measuring audio quality") defines it (see src/audio/measure.ts).
 * Throughput: 20 s of noise in 128-frame blocks, one converter at a time on one core, rounds interleaved
 * so that all converters see the same machine load; the best round of each is reported.
 */
import { Resampler } from '../src/audio/resampler.ts';
import {
  measureAliasDbfs,
  measureGainDb,
  measureGroupDelaySeconds,
  measureHeldSeconds,
  measureSnr16Db,
  type ConvertFn,
} from '../src/audio/measure.ts';

const OUT_RATE = 8000;
const BLOCK = 128;
const RATES = [48000, 44100];
const GAIN_HZ = [300, 1000, 2000, 3000, 3400];
const ALIAS_HZ = [4500, 6000, 9000, 12000, 15000, 20000];
const THROUGHPUT_SECONDS = 20;
const THROUGHPUT_ROUNDS = 7;

/** A converter under test. */
interface Contender {
  name: string;
  /** Streams `input` through a fresh instance in BLOCK-frame blocks; returns all output. */
  convert: ConvertFn;
  /** Makes a fresh instance and returns its per-block function, for timing (output discarded). */
  streamer: () => (block: Float32Array) => number;
  /** Latency the converter declares, if it declares one (seconds). */
  declaredLatencySeconds?: number;
}

// ---------------------------------------------------------------------------------------------------
// Contenders

function ours(rate: number): Contender {
  const declared = new Resampler(rate, OUT_RATE).latencySeconds;
  let out = new Float32Array(0);
  const streamer = () => {
    const resampler = new Resampler(rate, OUT_RATE);
    out = new Float32Array(resampler.maxOutputFor(BLOCK));
    const output = out;
    return (block: Float32Array) => resampler.process(block, output);
  };
  return { name: 'ours', convert: collect(streamer, () => out), streamer, declaredLatencySeconds: declared };
}

interface SpeexModule {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  _speex_resampler_init(
    channels: number,
    inRate: number,
    outRate: number,
    quality: number,
    err: number,
  ): number;
  _speex_resampler_destroy(state: number): void;
  _speex_resampler_process_float(
    state: number,
    channel: number,
    input: number,
    inLength: number,
    output: number,
    outLength: number,
  ): number;
  HEAPF32: Float32Array;
  HEAPU32: Uint32Array;
}

function speex(module: SpeexModule, name: string, rate: number): Contender {
  const streamer = () => {
    const err = module._malloc(4);
    const state = module._speex_resampler_init(1, rate, OUT_RATE, 5, err);
    const inPtr = module._malloc(BLOCK * 4);
    const outCapacity = BLOCK; // far more than 128 × 8000 / rate
    const outPtr = module._malloc(outCapacity * 4);
    const inLen = module._malloc(4);
    const outLen = module._malloc(4);
    return (block: Float32Array) => {
      module.HEAPF32.set(block, inPtr >> 2);
      module.HEAPU32[inLen >> 2] = block.length;
      module.HEAPU32[outLen >> 2] = outCapacity;
      module._speex_resampler_process_float(state, 0, inPtr, inLen, outPtr, outLen);
      return module.HEAPU32[outLen >> 2]!;
    };
  };
  // For quality runs the output has to be read back from the WASM heap.
  const convert: ConvertFn = (input) => {
    const err = module._malloc(4);
    const state = module._speex_resampler_init(1, rate, OUT_RATE, 5, err);
    const inPtr = module._malloc(BLOCK * 4);
    const outPtr = module._malloc(BLOCK * 4);
    const inLen = module._malloc(4);
    const outLen = module._malloc(4);
    const result = new Float32Array(Math.ceil((input.length * OUT_RATE) / rate) + BLOCK);
    let written = 0;
    for (let i = 0; i < input.length; i += BLOCK) {
      const block = input.subarray(i, Math.min(i + BLOCK, input.length));
      module.HEAPF32.set(block, inPtr >> 2);
      module.HEAPU32[inLen >> 2] = block.length;
      module.HEAPU32[outLen >> 2] = BLOCK;
      module._speex_resampler_process_float(state, 0, inPtr, inLen, outPtr, outLen);
      const n = module.HEAPU32[outLen >> 2]!;
      result.set(module.HEAPF32.subarray(outPtr >> 2, (outPtr >> 2) + n), written);
      written += n;
    }
    module._speex_resampler_destroy(state);
    for (const p of [err, inPtr, outPtr, inLen, outLen]) module._free(p);
    return result.subarray(0, written);
  };
  return { name, convert, streamer };
}

interface LibSampleRateSrc {
  full(
    input: Float32Array,
    output?: Float32Array | null,
    outLength?: { frames: number } | null,
  ): Float32Array;
  destroy(): void;
}
type CreateSrc = (
  channels: number,
  inRate: number,
  outRate: number,
  options: object,
) => Promise<LibSampleRateSrc>;

async function libsamplerate(create: CreateSrc, mediumQuality: number, rate: number): Promise<Contender> {
  // `create` is asynchronous, so make a fresh instance for every conversion up front (43 are used).
  const pool: LibSampleRateSrc[] = [];
  for (let i = 0; i < 48; i++) pool.push(await create(1, rate, OUT_RATE, { converterType: mediumQuality }));
  let next = 0;
  const take = () => {
    const src = pool[next++];
    if (!src) throw new Error('libsamplerate: no fresh instance left; enlarge the pool');
    return src;
  };
  const streamer = () => {
    const src = take();
    const out = new Float32Array(BLOCK);
    const frames = { frames: 0 };
    return (block: Float32Array) => {
      src.full(block, out, frames);
      return frames.frames;
    };
  };
  const convert: ConvertFn = (input) => {
    const src = take();
    const result = new Float32Array(Math.ceil((input.length * OUT_RATE) / rate) + BLOCK);
    const out = new Float32Array(BLOCK);
    const frames = { frames: 0 };
    let written = 0;
    for (let i = 0; i < input.length; i += BLOCK) {
      src.full(input.subarray(i, Math.min(i + BLOCK, input.length)), out, frames);
      result.set(out.subarray(0, frames.frames), written);
      written += frames.frames;
    }
    return result.subarray(0, written);
  };
  return { name: 'libsamplerate', convert, streamer };
}

function collect(streamer: () => (block: Float32Array) => number, read: () => Float32Array): ConvertFn {
  return (input) => {
    const step = streamer();
    const chunks: Float32Array[] = [];
    let total = 0;
    for (let i = 0; i < input.length; i += BLOCK) {
      const n = step(input.subarray(i, Math.min(i + BLOCK, input.length)));
      chunks.push(read().slice(0, n));
      total += n;
    }
    const result = new Float32Array(total);
    let written = 0;
    for (const chunk of chunks) {
      result.set(chunk, written);
      written += chunk.length;
    }
    return result;
  };
}

// ---------------------------------------------------------------------------------------------------
// Measurements

interface Figures {
  gains: number[];
  aliases: number[];
  snr: number;
  groupDelaySeconds: number;
  heldSeconds: number;
  latencySeconds: number;
  realtime: number;
}

function quality(contender: Contender, rate: number): Omit<Figures, 'realtime'> {
  const options = { inputRateHz: rate };
  const groupDelaySeconds = measureGroupDelaySeconds(contender.convert, options);
  const heldSeconds = measureHeldSeconds(contender.convert, options);
  return {
    gains: GAIN_HZ.map((f) => measureGainDb(contender.convert, f, options)),
    aliases: ALIAS_HZ.map((f) => measureAliasDbfs(contender.convert, f, options)),
    snr: measureSnr16Db(contender.convert, options),
    groupDelaySeconds,
    heldSeconds,
    latencySeconds: contender.declaredLatencySeconds ?? groupDelaySeconds + Math.max(0, heldSeconds),
  };
}

function throughput(contenders: Contender[], rate: number): number[] {
  let seed = 12345;
  const noise = new Float32Array(rate * THROUGHPUT_SECONDS);
  for (let i = 0; i < noise.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    noise[i] = (seed / 2 ** 32 - 0.5) * 0.5;
  }
  const blocks: Float32Array[] = [];
  for (let i = 0; i + BLOCK <= noise.length; i += BLOCK) blocks.push(noise.subarray(i, i + BLOCK));
  const best = contenders.map(() => 0);
  for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
    contenders.forEach((contender, c) => {
      const step = contender.streamer();
      const started = performance.now();
      let produced = 0;
      for (const block of blocks) produced += step(block);
      const seconds = (performance.now() - started) / 1000;
      if (produced < (blocks.length * BLOCK * OUT_RATE) / rate - 100)
        throw new Error(`${contender.name} lost output`);
      best[c] = Math.max(best[c]!, (blocks.length * BLOCK) / rate / seconds);
    });
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------
// Report

function pad(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

function row(label: string, goal: string, values: string[], met: boolean | null): string {
  const verdict = met === null ? '' : met ? 'met' : 'MISSED';
  return `${label.padEnd(30)}${goal.padEnd(14)}${values.map((v) => pad(v, 15)).join('')}  ${verdict}`;
}

async function main(): Promise<void> {
  const speexPath = '@echogarden/speex-resampler-wasm';
  const speexSimdPath = '@echogarden/speex-resampler-wasm/simd';
  const lsrPath = '@alexanderolsen/libsamplerate-js';
  const speexPlain = (await (await import(speexPath)).default()) as SpeexModule;
  const speexSimd = (await (await import(speexSimdPath)).default()) as SpeexModule;

  console.log('Resampler benchmark: input → 8 kHz, mono, 128-frame blocks');
  console.log(
    `Node ${process.version}; one core; throughput = best of ${THROUGHPUT_ROUNDS} interleaved rounds of ` +
      `${THROUGHPUT_SECONDS} s of noise, as × real time.`,
  );
  console.log(
    'speex Q5 = @echogarden/speex-resampler-wasm default (non-SIMD) build; speex Q5 SIMD = its /simd build.',
  );
  console.log(
    'Ours and speex are timed before libsamplerate-js is loaded: importing that bundle slows unrelated JS',
    'in the same process by about 20% (measured), which would penalise ours only.',
  );

  // Throughput of ours and speex first (see above), then libsamplerate, then quality.
  const early = new Map<number, { contenders: Contender[]; speeds: number[] }>();
  for (const rate of RATES) {
    const contenders = [
      ours(rate),
      speex(speexPlain, 'speex Q5', rate),
      speex(speexSimd, 'speex Q5 SIMD', rate),
    ];
    early.set(rate, { contenders, speeds: throughput(contenders, rate) });
  }
  const lsr = await import(lsrPath);
  const lsrApi = (lsr.create ? lsr : lsr.default) as {
    create: CreateSrc;
    ConverterType: Record<string, number>;
  };
  const medium = lsrApi.ConverterType['SRC_SINC_MEDIUM_QUALITY']!;

  for (const rate of RATES) {
    const { contenders: timed, speeds: timedSpeeds } = early.get(rate)!;
    const reference = await libsamplerate(lsrApi.create, medium, rate);
    const contenders: Contender[] = [...timed, reference];
    const speeds = [...timedSpeeds, ...throughput([reference], rate)];
    const figures = contenders.map((c) => quality(c, rate));
    const all: Figures[] = figures.map((f, i) => ({ ...f, realtime: speeds[i]! }));
    const mine = all[0]!;

    console.log('');
    console.log(`=== ${rate / 1000} kHz → 8 kHz ===   (verdict is for ours)`);
    console.log(
      row(
        'measure',
        'goal',
        contenders.map((c) => c.name),
        null,
      ),
    );
    GAIN_HZ.forEach((f, i) => {
      const values = all.map((a) => `${a.gains[i]! >= 0 ? '+' : ''}${a.gains[i]!.toFixed(4)} dB`);
      console.log(row(`gain ${f} Hz`, '±0.01 dB', values, Math.abs(mine.gains[i]!) <= 0.01));
    });
    ALIAS_HZ.forEach((f, i) => {
      const values = all.map((a) => `${a.aliases[i]!.toFixed(1)} dBFS`);
      console.log(row(`alias of 0 dBFS ${f / 1000} kHz`, '≤ −100 dBFS', values, mine.aliases[i]! <= -100));
    });
    console.log(
      row(
        'SNR −3 dBFS 997 Hz, 16-bit',
        '≥ 95.0 dB',
        all.map((a) => `${a.snr.toFixed(2)} dB`),
        mine.snr >= 95.0,
      ),
    );
    console.log(
      row(
        'group delay 995–1005 Hz',
        '',
        all.map((a) => `${(a.groupDelaySeconds * 1000).toFixed(3)} ms`),
        null,
      ),
    );
    console.log(
      row(
        'held back at start',
        '',
        all.map((a) => `${(a.heldSeconds * 1000).toFixed(3)} ms`),
        null,
      ),
    );
    console.log(
      row(
        'latency (delay + held)',
        '≤ 5 ms',
        all.map((a) => `${(a.latencySeconds * 1000).toFixed(3)} ms`),
        mine.latencySeconds <= 0.005 &&
          Math.abs(mine.latencySeconds - mine.groupDelaySeconds) < 1e-5 &&
          mine.heldSeconds <= 0,
      ),
    );
    console.log(
      row(
        'throughput',
        '',
        all.map((a) => `${a.realtime.toFixed(0)}× rt`),
        null,
      ),
    );
    const ratioPlain = mine.realtime / all[1]!.realtime;
    const ratioSimd = mine.realtime / all[2]!.realtime;
    console.log(row('throughput ours / speex Q5', '≥ 1', [`${ratioPlain.toFixed(2)}`], ratioPlain >= 1));
    console.log(row('throughput ours / speex Q5 SIMD', '(≥ 1)', [`${ratioSimd.toFixed(2)}`], ratioSimd >= 1));
  }
}

await main();
