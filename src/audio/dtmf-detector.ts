/**
 * In-band DTMF detection on the caller's 8 kHz stream, after ITU-T Q.24 as commonly implemented.
 *
 * Written here rather than taken from a library: the one npm detector (dtmf-detection-stream) is a Node
 * stream around a block Goertzel filter with no frequency-tolerance, twist-limit or energy-share test; it
 * reports a key when its tone ends and groups keys with setTimeout. This layer is pure and needs keys
 * at a position on the call's sample clock (SPEC.md §9).
 *
 * How it works. Every 2.5 ms (DTMF_HOP_SAMPLES, on the call clock) a 12.5 ms window
 * (DTMF_WINDOW_SAMPLES) of the latest samples is correlated with the eight DTMF frequencies and with one
 * harmonic of each. The correlation is complex and its phase is referred to the call clock, so a tone
 * `d` Hz away from its nominal frequency turns by 2π·d·hop/8000 from one window to the next: the tone's
 * frequency is measured from that turn, averaged over the tone, not guessed from filter gains. A window
 * holds a key when one row and one column stand well clear of the other rows and columns, both tones are
 * loud enough, within the twist limits, and carry most of the window's power. Windows holding the same
 * key make a run; the run becomes a key press once it spans `minToneSeconds` and, taken as a whole, it
 * passes the frequency, steadiness, harmonic, twist and signal-to-noise tests. A key is reported once
 * per tone: the tone is over only when it has been missing for `minGapSeconds`.
 */
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import { DTMF_FREQUENCIES, type DtmfKey } from './tones.ts';

export interface DtmfDetection {
  key: DtmfKey;
  /**
   * Sample on the caller's 8 kHz clock where the tone was first recognised: the end (exclusive) of the
   * analysis window in which the windows holding the tone first spanned `minToneSeconds` and the tone
   * passed every test. Windows end every 2.5 ms, so it is a multiple of 20. For a tone that starts
   * abruptly at sample `s` it is within s + 280 … s + 320 (35–40 ms in); a tone that fades in is
   * recognised later by up to about half its fade. It always lies in the chunk whose `push` returns it:
   * startSample < atSample ≤ startSample + samples.length.
   */
  atSample: number;
}

export interface DtmfDetectorOptions {
  /**
   * A tone becomes a key press once the analysis windows that hold it span this long (seconds). With the
   * default 0.04, tones of 40 ms are accepted and tones of 30 ms are not (Q.24: ≥ 40 ms accepted).
   */
  minToneSeconds: number;
  /**
   * A tone is over once it has been missing from the analysis windows this long (seconds); a shorter
   * drop-out is bridged. With the default 0.03, a 10 ms interruption keeps one press and a 40 ms pause
   * between two tones of the same key makes two.
   */
  minGapSeconds: number;
  /** Quietest tone accepted, each of the two, as its amplitude in dB relative to full scale (default −36). */
  minToneLevelDbfs: number;
  /**
   * Largest accepted normal twist, dB: the low (row) tone stronger than the high (column) tone.
   * Default 9: Q.24 accepts 8 dB; 10 dB is refused.
   */
  maxNormalTwistDb: number;
  /**
   * Largest accepted reverse twist, dB: the high (column) tone stronger than the low (row) tone.
   * Default 5: Q.24 accepts 4 dB; 6 dB is refused.
   */
  maxReverseTwistDb: number;
  /**
   * Largest accepted deviation of either tone from its nominal frequency, as a fraction (default 0.025:
   * Q.24 accepts ±1.5 % and refuses beyond ±3.5 %).
   */
  maxFrequencyDeviation: number;
  /**
   * Least power of the two tones over the power of everything else in the windows that hold them, dB
   * (default 6). This is what keeps speech from dialling: voiced speech spreads its power over many
   * harmonics, while a key's two tones are nearly all of the signal.
   */
  minSignalToNoiseDb: number;
}

export const DEFAULT_DTMF_DETECTOR_OPTIONS: Readonly<DtmfDetectorOptions> = {
  minToneSeconds: 0.04,
  minGapSeconds: 0.03,
  minToneLevelDbfs: -36,
  maxNormalTwistDb: 9,
  maxReverseTwistDb: 5,
  maxFrequencyDeviation: 0.025,
  minSignalToNoiseDb: 6,
};

/** Analysis windows end every HOP_SAMPLES samples on the call clock (2.5 ms). */
export const DTMF_HOP_SAMPLES = 20;
const HOPS_PER_WINDOW = 5;
/**
 * 12.5 ms: long enough that a row tone falls near the first zero of the neighbouring row's response
 * (rows are 73–89 Hz apart, the zero is at 80 Hz), short enough to time a 40 ms tone.
 */
export const DTMF_WINDOW_SAMPLES = DTMF_HOP_SAMPLES * HOPS_PER_WINDOW;

const ROWS_HZ = [697, 770, 852, 941] as const;
const COLUMNS_HZ = [1209, 1336, 1477, 1633] as const;
const TONES = ROWS_HZ.length + COLUMNS_HZ.length;
/**
 * Harmonics that tell a key's pure tones from voices and instruments: the third of each row tone and the
 * second of each column tone. (The second harmonics of the rows would sit 58–71 Hz from a column tone and
 * hear it through the window's main lobe.)
 */
const HARMONICS_HZ = [...ROWS_HZ.map((f) => 3 * f), ...COLUMNS_HZ.map((f) => 2 * f)];
/** Everything correlated: the eight tones, then their harmonics in the same order. */
const FREQUENCIES_HZ = [...ROWS_HZ, ...COLUMNS_HZ, ...HARMONICS_HZ];
const BANDS = FREQUENCIES_HZ.length;
/** Band of the harmonic of tone t (t < TONES). */
const harmonicOf = (t: number) => TONES + t;
/** KEYS[row * 4 + column], built from the table in tones.ts so that the two cannot disagree. */
const KEYS: readonly DtmfKey[] = ROWS_HZ.flatMap((row) =>
  COLUMNS_HZ.map((column) => {
    const key = (Object.keys(DTMF_FREQUENCIES) as DtmfKey[]).find(
      (k) => DTMF_FREQUENCIES[k][0] === row && DTMF_FREQUENCIES[k][1] === column,
    );
    if (!key) throw new Error(`DTMF_FREQUENCIES has no key for ${row} + ${column} Hz`);
    return key;
  }),
);

/** The best row (and column) must be this much stronger than every other row (column), dB. */
const RELATIVE_PEAK_DB = 8;
/** Per-window tests are this much looser than the tone's own, so that a run survives noise, dB. */
const WINDOW_SLACK_DB = 3;
/** Least coherence of each tone's phase turn over the run (1 = a perfectly steady frequency). */
const MIN_COHERENCE = 0.9;
/** Each tone's harmonic must be this much weaker than the tone over the run, dB. */
const HARMONIC_MARGIN_DB = 15;
/** Least share of the hops a run spans in which the key was actually present. */
const MIN_PRESENT_SHARE = 0.6;
/** A hop of 20 samples turns a whole-hertz tone by a whole number of 400ths of a cycle. */
const TURN_STEPS = SAMPLE_RATE_HZ / DTMF_HOP_SAMPLES;
const TURN_COS = Float64Array.from({ length: TURN_STEPS }, (_, k) =>
  Math.cos((2 * Math.PI * k) / TURN_STEPS),
);
const TURN_SIN = Float64Array.from({ length: TURN_STEPS }, (_, k) =>
  Math.sin((2 * Math.PI * k) / TURN_STEPS),
);
/** How far each band turns in one hop, in 400ths of a cycle. */
const TURN_PER_HOP = Int32Array.from(FREQUENCIES_HZ, (f) => f % TURN_STEPS);
const NO_KEY = -1;
const FULL_SCALE = 32768;
const NOTHING: DtmfDetection[] = Object.freeze([]) as unknown as DtmfDetection[];

const dbToPower = (db: number) => 10 ** (db / 10);

export class DtmfDetector {
  readonly options: Readonly<DtmfDetectorOptions>;
  private readonly minToneSamples: number;
  private readonly minGapSamples: number;
  private readonly minTonePower: number;
  private readonly maxNormalTwist: number;
  private readonly maxReverseTwist: number;
  private readonly minSnr: number;
  private readonly relativePeak = dbToPower(RELATIVE_PEAK_DB);
  private readonly slack = dbToPower(WINDOW_SLACK_DB);
  private readonly harmonicMargin = dbToPower(HARMONIC_MARGIN_DB);

  /** cos/sin of ω·k for each band and k = 0 … hop − 1 (the phase within a hop). */
  private readonly hopCos = new Float64Array(BANDS * DTMF_HOP_SAMPLES);
  private readonly hopSin = new Float64Array(BANDS * DTMF_HOP_SAMPLES);
  /** The samples of the hop being filled, as fractions of full scale. */
  private readonly scratch = new Float64Array(DTMF_HOP_SAMPLES);
  /** Correlations of the hop being filled, and its energy. */
  private readonly accRe = new Float64Array(BANDS);
  private readonly accIm = new Float64Array(BANDS);
  private accEnergy = 0;
  /** The last HOPS_PER_WINDOW hops: correlations referred to the call clock, and energies. */
  private readonly hopRe = new Float64Array(BANDS * HOPS_PER_WINDOW);
  private readonly hopIm = new Float64Array(BANDS * HOPS_PER_WINDOW);
  private readonly hopEnergy = new Float64Array(HOPS_PER_WINDOW);
  private hopSlot = 0;
  /** Per band, the turn at the start of the hop being filled: (f · hop index) mod TURN_STEPS. */
  private readonly turns = new Int32Array(BANDS);
  /** The current and the previous window's correlation per band, and its power. */
  private readonly re = new Float64Array(BANDS);
  private readonly im = new Float64Array(BANDS);
  private readonly previousRe = new Float64Array(BANDS);
  private readonly previousIm = new Float64Array(BANDS);
  private readonly power = new Float64Array(BANDS);
  /** Where the next sample is expected on the call clock (null before the first push). */
  private position: number | null = null;

  /** The key reported last and the end of the last window that held it. */
  private reportedKey = NO_KEY;
  private reportedLastEnd = 0;
  /** The run of windows holding a key not yet reported. */
  private runKey = NO_KEY;
  private runFirstEnd = 0;
  private runLastEnd = 0;
  private runWindows = 0;
  private runRowPower = 0;
  private runColumnPower = 0;
  private runRowHarmonicPower = 0;
  private runColumnHarmonicPower = 0;
  private runEnergy = 0;
  private runRowTurnRe = 0;
  private runRowTurnIm = 0;
  private runRowTurnAbs = 0;
  private runColumnTurnRe = 0;
  private runColumnTurnIm = 0;
  private runColumnTurnAbs = 0;
  /** Key held by the previous window (NO_KEY if none). */
  private previousKey = NO_KEY;

  constructor(options: Partial<DtmfDetectorOptions> = {}) {
    const o = { ...DEFAULT_DTMF_DETECTOR_OPTIONS, ...options };
    for (const [name, value] of Object.entries(o)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new RangeError(`DtmfDetector: option ${name} must be a finite number, got ${String(value)}`);
      }
    }
    const positive = ['minToneSeconds', 'minGapSeconds', 'maxFrequencyDeviation'] as const;
    for (const name of positive) {
      if (o[name] <= 0) throw new RangeError(`DtmfDetector: option ${name} must be above 0, got ${o[name]}`);
    }
    if (o.maxNormalTwistDb < 0 || o.maxReverseTwistDb < 0) {
      throw new RangeError(
        `DtmfDetector: twist limits must be 0 dB or more, got normal ${o.maxNormalTwistDb}, reverse ${o.maxReverseTwistDb}`,
      );
    }
    this.options = Object.freeze(o);
    this.minToneSamples = Math.round(o.minToneSeconds * SAMPLE_RATE_HZ);
    this.minGapSamples = Math.round(o.minGapSeconds * SAMPLE_RATE_HZ);
    const amplitude = 10 ** (o.minToneLevelDbfs / 20);
    this.minTonePower = (amplitude * amplitude) / 2;
    this.maxNormalTwist = dbToPower(o.maxNormalTwistDb);
    this.maxReverseTwist = dbToPower(o.maxReverseTwistDb);
    this.minSnr = dbToPower(o.minSignalToNoiseDb);
    for (let t = 0; t < BANDS; t++) {
      const omega = (2 * Math.PI * FREQUENCIES_HZ[t]!) / SAMPLE_RATE_HZ;
      for (let k = 0; k < DTMF_HOP_SAMPLES; k++) {
        this.hopCos[t * DTMF_HOP_SAMPLES + k] = Math.cos(omega * k);
        this.hopSin[t * DTMF_HOP_SAMPLES + k] = Math.sin(omega * k);
      }
    }
  }

  /** Forgets all audio and any tone in progress. */
  reset(): void {
    this.position = null;
    this.clearAudio();
    this.reportedKey = NO_KEY;
    this.runKey = NO_KEY;
    this.previousKey = NO_KEY;
  }

  /**
   * Audio at `startSample` on the call clock (chunks in order, any length); returns keys recognised in it.
   * What came before the first chunk counts as silence. A chunk that does not continue where the previous
   * one ended starts afresh: the audio before it is forgotten and a tone in progress is over.
   * The result is a shared frozen empty array when nothing was recognised (no allocation per chunk).
   */
  push(samples: Int16Array, startSample: number): DtmfDetection[] {
    if (!Number.isSafeInteger(startSample)) {
      throw new RangeError(
        `DtmfDetector.push: startSample must be a whole number of samples, got ${startSample}`,
      );
    }
    if (this.position !== startSample) {
      if (this.position !== null) this.reset();
      this.position = startSample;
      const hop = Math.floor(startSample / DTMF_HOP_SAMPLES);
      for (let t = 0; t < BANDS; t++) {
        this.turns[t] =
          ((((FREQUENCIES_HZ[t]! % TURN_STEPS) * (hop % TURN_STEPS)) % TURN_STEPS) + TURN_STEPS) % TURN_STEPS;
      }
    }
    let found: DtmfDetection[] | null = null;
    let i = 0;
    const length = samples.length;
    while (i < length) {
      const phase = ((this.position % DTMF_HOP_SAMPLES) + DTMF_HOP_SAMPLES) % DTMF_HOP_SAMPLES;
      const count = Math.min(DTMF_HOP_SAMPLES - phase, length - i);
      this.accumulate(samples, i, count, phase);
      i += count;
      this.position += count;
      if (phase + count === DTMF_HOP_SAMPLES) {
        const key = this.endHop(this.position);
        if (key !== NO_KEY) (found ??= []).push({ key: KEYS[key]!, atSample: this.position });
      }
    }
    return found ?? NOTHING;
  }

  private clearAudio(): void {
    this.accRe.fill(0);
    this.accIm.fill(0);
    this.accEnergy = 0;
    this.hopRe.fill(0);
    this.hopIm.fill(0);
    this.hopEnergy.fill(0);
    this.previousRe.fill(0);
    this.previousIm.fill(0);
  }

  /** Correlates `count` samples (from `offset`) that sit at `phase` … within the current hop. */
  private accumulate(samples: Int16Array, offset: number, count: number, phase: number): void {
    const x = this.scratch;
    let energy = 0;
    for (let j = 0; j < count; j++) {
      const v = samples[offset + j]! / FULL_SCALE;
      x[j] = v;
      energy += v * v;
    }
    this.accEnergy += energy;
    for (let t = 0; t < BANDS; t++) {
      const base = t * DTMF_HOP_SAMPLES + phase;
      let re = 0;
      let im = 0;
      for (let j = 0; j < count; j++) {
        re += x[j]! * this.hopCos[base + j]!;
        im -= x[j]! * this.hopSin[base + j]!;
      }
      this.accRe[t]! += re;
      this.accIm[t]! += im;
    }
  }

  /** Closes the hop that ends at `endSample`, analyses the window ending there; returns a key or NO_KEY. */
  private endHop(endSample: number): number {
    // Refer the hop's correlation to the call clock: multiply by e^(−iω·hopStart), kept as a whole
    // number of 400ths of a cycle per band (exact: see TURN_STEPS).
    const slot = this.hopSlot;
    for (let t = 0; t < BANDS; t++) {
      const turn = this.turns[t]!;
      const c = TURN_COS[turn]!;
      const s = -TURN_SIN[turn]!;
      const re = this.accRe[t]!;
      const im = this.accIm[t]!;
      this.hopRe[t * HOPS_PER_WINDOW + slot] = re * c - im * s;
      this.hopIm[t * HOPS_PER_WINDOW + slot] = re * s + im * c;
      const next = turn + TURN_PER_HOP[t]!;
      this.turns[t] = next >= TURN_STEPS ? next - TURN_STEPS : next;
    }
    this.hopEnergy[slot] = this.accEnergy;
    this.accRe.fill(0);
    this.accIm.fill(0);
    this.accEnergy = 0;
    this.hopSlot = (slot + 1) % HOPS_PER_WINDOW;

    const key = this.analyseWindow();
    const found = this.track(key, endSample);
    this.previousKey = key;
    this.previousRe.set(this.re);
    this.previousIm.set(this.im);
    return found;
  }

  /** Fills re/im/power for the window just completed; returns the key it holds, or NO_KEY. */
  private analyseWindow(): number {
    const scale = 2 / (DTMF_WINDOW_SAMPLES * DTMF_WINDOW_SAMPLES);
    for (let t = 0; t < BANDS; t++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < HOPS_PER_WINDOW; k++) {
        re += this.hopRe[t * HOPS_PER_WINDOW + k]!;
        im += this.hopIm[t * HOPS_PER_WINDOW + k]!;
      }
      this.re[t] = re;
      this.im[t] = im;
      // A sine of amplitude A on the frequency gives A²/2, the sine's own power.
      this.power[t] = (re * re + im * im) * scale;
    }
    const row = this.strongest(0);
    const column = this.strongest(ROWS_HZ.length);
    if (row < 0 || column < 0) return NO_KEY;
    const rowPower = this.power[row]!;
    const columnPower = this.power[column]!;
    if (rowPower < this.minTonePower || columnPower < this.minTonePower) return NO_KEY;
    if (rowPower > columnPower * this.maxNormalTwist * this.slack) return NO_KEY;
    if (columnPower > rowPower * this.maxReverseTwist * this.slack) return NO_KEY;
    let energy = 0;
    for (let k = 0; k < HOPS_PER_WINDOW; k++) energy += this.hopEnergy[k]!;
    const meanPower = energy / DTMF_WINDOW_SAMPLES;
    const tonePower = rowPower + columnPower;
    if (tonePower * this.slack < this.minSnr * Math.max(0, meanPower - tonePower)) return NO_KEY;
    return row * COLUMNS_HZ.length + (column - ROWS_HZ.length);
  }

  /** The strongest of the four tones from `first` if it stands clear of the other three, else −1. */
  private strongest(first: number): number {
    let best = first;
    for (let t = first + 1; t < first + 4; t++) if (this.power[t]! > this.power[best]!) best = t;
    for (let t = first; t < first + 4; t++) {
      if (t !== best && this.power[t]! * this.relativePeak > this.power[best]!) return -1;
    }
    return best;
  }

  /** Follows runs and reported tones across windows; returns the key recognised at `end`, or NO_KEY. */
  private track(key: number, end: number): number {
    if (this.reportedKey !== NO_KEY) {
      if (key === this.reportedKey) {
        this.reportedLastEnd = end;
        this.runKey = NO_KEY;
        return NO_KEY;
      }
      if (end - this.reportedLastEnd >= this.minGapSamples) this.reportedKey = NO_KEY;
    }
    if (key === NO_KEY) {
      if (this.runKey !== NO_KEY && end - this.runLastEnd >= this.minGapSamples) this.runKey = NO_KEY;
      return NO_KEY;
    }
    if (key !== this.runKey || end - this.runLastEnd >= this.minGapSamples) this.startRun(key, end);
    else this.extendRun(end);
    if (end - this.runFirstEnd + DTMF_WINDOW_SAMPLES >= this.minToneSamples && this.runPasses(end)) {
      this.reportedKey = key;
      this.reportedLastEnd = end;
      this.runKey = NO_KEY;
      return key;
    }
    return NO_KEY;
  }

  private startRun(key: number, end: number): void {
    this.runKey = key;
    this.runFirstEnd = end;
    this.runLastEnd = end;
    this.runWindows = 1;
    const row = this.rowOf(key);
    const column = this.columnOf(key);
    this.runRowPower = this.power[row]!;
    this.runColumnPower = this.power[column]!;
    this.runRowHarmonicPower = this.power[harmonicOf(row)]!;
    this.runColumnHarmonicPower = this.power[harmonicOf(column)]!;
    this.runEnergy = this.windowMeanPower();
    this.runRowTurnRe = this.runRowTurnIm = this.runRowTurnAbs = 0;
    this.runColumnTurnRe = this.runColumnTurnIm = this.runColumnTurnAbs = 0;
  }

  private extendRun(end: number): void {
    const key = this.runKey;
    const row = this.rowOf(key);
    const column = this.columnOf(key);
    this.runLastEnd = end;
    this.runWindows++;
    this.runRowPower += this.power[row]!;
    this.runColumnPower += this.power[column]!;
    this.runRowHarmonicPower += this.power[harmonicOf(row)]!;
    this.runColumnHarmonicPower += this.power[harmonicOf(column)]!;
    this.runEnergy += this.windowMeanPower();
    if (this.previousKey === key) {
      // How far each tone turned since the previous window: z·conj(previous z).
      let re = this.re[row]!;
      let im = this.im[row]!;
      let pre = this.previousRe[row]!;
      let pim = this.previousIm[row]!;
      this.runRowTurnRe += re * pre + im * pim;
      this.runRowTurnIm += im * pre - re * pim;
      this.runRowTurnAbs += Math.hypot(re, im) * Math.hypot(pre, pim);
      re = this.re[column]!;
      im = this.im[column]!;
      pre = this.previousRe[column]!;
      pim = this.previousIm[column]!;
      this.runColumnTurnRe += re * pre + im * pim;
      this.runColumnTurnIm += im * pre - re * pim;
      this.runColumnTurnAbs += Math.hypot(re, im) * Math.hypot(pre, pim);
    }
  }

  /** The tests on the run as a whole: frequency, stability, twist and signal-to-noise. */
  private runPasses(end: number): boolean {
    const hops = (end - this.runFirstEnd) / DTMF_HOP_SAMPLES + 1;
    if (this.runWindows < MIN_PRESENT_SHARE * hops) return false;
    if (this.runRowTurnAbs === 0 || this.runColumnTurnAbs === 0) return false;
    const rowHz = FREQUENCIES_HZ[this.rowOf(this.runKey)]!;
    const columnHz = FREQUENCIES_HZ[this.columnOf(this.runKey)]!;
    const rowGain = this.checkTurn(rowHz, this.runRowTurnRe, this.runRowTurnIm, this.runRowTurnAbs);
    const columnGain = this.checkTurn(
      columnHz,
      this.runColumnTurnRe,
      this.runColumnTurnIm,
      this.runColumnTurnAbs,
    );
    if (rowGain === 0 || columnGain === 0) return false;
    if (this.runRowHarmonicPower * this.harmonicMargin > this.runRowPower) return false;
    if (this.runColumnHarmonicPower * this.harmonicMargin > this.runColumnPower) return false;
    // Powers as the tones really are: undo the window's loss for a tone off its nominal frequency.
    const rowPower = this.runRowPower / rowGain;
    const columnPower = this.runColumnPower / columnGain;
    if (rowPower > columnPower * this.maxNormalTwist) return false;
    if (columnPower > rowPower * this.maxReverseTwist) return false;
    const tonePower = rowPower + columnPower;
    return tonePower >= this.minSnr * Math.max(0, this.runEnergy - tonePower);
  }

  /**
   * Checks one tone's turn per hop: steady, and within the frequency tolerance. Returns the window's
   * power gain at the measured frequency (≤ 1), or 0 if the tone fails.
   */
  private checkTurn(nominalHz: number, turnRe: number, turnIm: number, turnAbs: number): number {
    if (Math.hypot(turnRe, turnIm) < MIN_COHERENCE * turnAbs) return 0;
    const offsetHz = (Math.atan2(turnIm, turnRe) * SAMPLE_RATE_HZ) / (2 * Math.PI * DTMF_HOP_SAMPLES);
    if (Math.abs(offsetHz) > this.options.maxFrequencyDeviation * nominalHz) return 0;
    // Response of a rectangular window of N samples at an offset δ (radians/sample), as a power ratio.
    const delta = (2 * Math.PI * offsetHz) / SAMPLE_RATE_HZ;
    if (delta === 0) return 1;
    const n = DTMF_WINDOW_SAMPLES;
    const amplitude = Math.sin((delta * n) / 2) / (n * Math.sin(delta / 2));
    return amplitude * amplitude;
  }

  private windowMeanPower(): number {
    let energy = 0;
    for (let k = 0; k < HOPS_PER_WINDOW; k++) energy += this.hopEnergy[k]!;
    return energy / DTMF_WINDOW_SAMPLES;
  }

  private rowOf(key: number): number {
    return Math.floor(key / COLUMNS_HZ.length);
  }

  private columnOf(key: number): number {
    return ROWS_HZ.length + (key % COLUMNS_HZ.length);
  }
}
