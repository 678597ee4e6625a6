import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeG711Wav } from '../audio/g711-wav.ts';
import { encodeWav } from '../audio/wav.ts';
import { readCallerAudio } from './read-audio.ts';

interface WavSpec {
  /** 1 PCM, 3 float, 6/7 G.711, …; with `extensible`, the sub-format's code. */
  formatTag: number;
  channels: number;
  rateHz: number;
  bitsPerSample: number;
  /** The data chunk's bytes. */
  data: Uint8Array;
  extensible?: boolean;
  /** Overrides the computed block align. */
  blockAlign?: number;
}

const SUBFORMAT_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** A WAV file as a recorder would write it: RIFF, `fmt ` (16 bytes, or 40 for extensible), `data`. */
function buildWav(spec: WavSpec): Uint8Array {
  const fmtBytes = spec.extensible ? 40 : 16;
  const bytes = new Uint8Array(12 + 8 + fmtBytes + 8 + spec.data.length);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void =>
    bytes.set(
      [...text].map((c) => c.charCodeAt(0)),
      offset,
    );
  const blockAlign = spec.blockAlign ?? (spec.channels * spec.bitsPerSample) / 8;
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtBytes, true);
  view.setUint16(20, spec.extensible ? 0xfffe : spec.formatTag, true);
  view.setUint16(22, spec.channels, true);
  view.setUint32(24, spec.rateHz, true);
  view.setUint32(28, spec.rateHz * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, spec.bitsPerSample, true);
  if (spec.extensible) {
    view.setUint16(36, 22, true); // cbSize
    view.setUint16(38, spec.bitsPerSample, true); // valid bits
    view.setUint32(40, spec.channels === 2 ? 3 : 4, true); // channel mask: FL+FR, or FC
    view.setUint16(44, spec.formatTag, true);
    bytes.set(SUBFORMAT_TAIL, 46);
  }
  const data = 20 + fmtBytes;
  ascii(data, 'data');
  view.setUint32(data + 4, spec.data.length, true);
  bytes.set(spec.data, data + 8);
  return bytes;
}

/** Little-endian bytes of `values`, each `bytesPerValue` wide (two's complement). */
function intBytes(values: number[], bytesPerValue: number): Uint8Array {
  const out = new Uint8Array(values.length * bytesPerValue);
  values.forEach((value, i) => {
    for (let b = 0; b < bytesPerValue; b++)
      out[i * bytesPerValue + b] = Number((BigInt(value) >> BigInt(8 * b)) & 0xffn);
  });
  return out;
}

function floatBytes(values: number[], bits: 32 | 64): Uint8Array {
  const array = bits === 32 ? Float32Array.from(values) : Float64Array.from(values);
  return new Uint8Array(array.buffer);
}

const pcm = (bits: number, values: number[], rateHz = 8000, channels = 1): Uint8Array =>
  buildWav({ formatTag: 1, channels, rateHz, bitsPerSample: bits, data: intBytes(values, bits / 8) });

const f32 = (values: number[]): Float32Array => Float32Array.from(values);

describe('readCallerAudio: WAV formats', () => {
  it('reads 8-bit unsigned PCM as (b − 128) / 128', async () => {
    const wav = buildWav({
      formatTag: 1,
      channels: 1,
      rateHz: 8000,
      bitsPerSample: 8,
      data: Uint8Array.from([0, 64, 128, 192, 255]),
    });
    const audio = await readCallerAudio(wav);
    expect(audio.samples).toEqual(f32([-1, -0.5, 0, 0.5, 127 / 128]));
    expect(audio).toMatchObject({ rateHz: 8000, channels: 1, sourceFormat: 'WAV, 8-bit PCM, 8000 Hz, mono' });
  });

  it('reads 16-bit PCM as s / 32768, the same samples decodeWav gives', async () => {
    const values = [-32768, -16384, -1, 0, 1, 16384, 32767];
    const audio = await readCallerAudio(encodeWav(Int16Array.from(values)));
    expect(audio.samples).toEqual(f32(values.map((v) => v / 32768)));
    expect(audio.sourceFormat).toBe('WAV, 16-bit PCM, 8000 Hz, mono');
  });

  it('reads 24-bit PCM as s / 2^23, sign-extended', async () => {
    const values = [-8388608, -4194304, -1, 0, 1, 4194304, 8388607];
    const audio = await readCallerAudio(pcm(24, values, 48000));
    expect(audio.samples).toEqual(f32(values.map((v) => v / 8388608)));
    expect(audio).toMatchObject({ rateHz: 48000, sourceFormat: 'WAV, 24-bit PCM, 48000 Hz, mono' });
  });

  it('reads 32-bit PCM as s / 2^31, rounded to float32', async () => {
    const values = [-2147483648, -1073741824, 1, 2147483647];
    const audio = await readCallerAudio(pcm(32, values, 16000));
    expect(audio.samples).toEqual(f32([-1, -0.5, 2 ** -31, Math.fround(2147483647 / 2147483648)]));
    expect(audio.samples[3]).toBe(1); // 1 − 2^-31 rounds to 1 in float32
  });

  it('reads 32-bit and 64-bit IEEE float as stored, values beyond ±1 included', async () => {
    const values = [0.25, -0.75, 1.5, -2, 0.1];
    const single = buildWav({
      formatTag: 3,
      channels: 1,
      rateHz: 8000,
      bitsPerSample: 32,
      data: floatBytes(values, 32),
    });
    const double = buildWav({
      formatTag: 3,
      channels: 1,
      rateHz: 8000,
      bitsPerSample: 64,
      data: floatBytes(values, 64),
    });
    expect((await readCallerAudio(single)).samples).toEqual(f32(values));
    expect((await readCallerAudio(double)).samples).toEqual(f32(values));
    expect((await readCallerAudio(double)).sourceFormat).toBe('WAV, 64-bit float, 8000 Hz, mono');
  });

  it('reads 44.1 kHz files at their own rate', async () => {
    const audio = await readCallerAudio(encodeWav(Int16Array.from([100, -100, 200]), 44100));
    expect(audio.rateHz).toBe(44100);
    expect(audio.samples).toEqual(f32([100 / 32768, -100 / 32768, 200 / 32768]));
    expect(audio.sourceFormat).toBe('WAV, 16-bit PCM, 44100 Hz, mono');
  });

  it('averages stereo to mono as the capture worklet does', async () => {
    // Frames (L, R): (0.5, 0), (−1, 32767/32768), (0.25, 0.25).
    const audio = await readCallerAudio(pcm(16, [16384, 0, -32768, 32767, 8192, 8192], 8000, 2));
    expect(audio.samples).toEqual(f32([0.25, -1 / 65536, 0.25]));
    expect(audio).toMatchObject({ channels: 2, sourceFormat: 'WAV, 16-bit PCM, 8000 Hz, stereo' });
  });

  it('averages more channels too: three channels of 0.75 give 0.75, one of them alone a third', async () => {
    const audio = await readCallerAudio(pcm(16, [24576, 24576, 24576, 24576, 0, 0], 8000, 3));
    expect(audio.samples).toEqual(f32([0.75, 0.25]));
    expect(audio.sourceFormat).toBe('WAV, 16-bit PCM, 8000 Hz, 3 channels');
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with PCM and float sub-formats', async () => {
    const pcm24 = buildWav({
      formatTag: 1,
      extensible: true,
      channels: 2,
      rateHz: 96000,
      bitsPerSample: 24,
      data: intBytes([4194304, -4194304, 2097152, 2097152], 3),
    });
    const audio = await readCallerAudio(pcm24);
    expect(audio.samples).toEqual(f32([0, 0.25]));
    expect(audio.sourceFormat).toBe('WAV (extensible), 24-bit PCM, 96000 Hz, stereo');
    const float = buildWav({
      formatTag: 3,
      extensible: true,
      channels: 1,
      rateHz: 22050,
      bitsPerSample: 32,
      data: floatBytes([0.5, -0.125], 32),
    });
    expect((await readCallerAudio(float)).samples).toEqual(f32([0.5, -0.125]));
  });

  it('reads a file by path, and an empty data chunk as no samples', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caller-audio-'));
    const path = join(dir, 'caller.wav');
    writeFileSync(path, encodeWav(Int16Array.from([1, 2, 3])));
    expect((await readCallerAudio(path)).samples).toEqual(f32([1, 2, 3].map((v) => v / 32768)));
    expect((await readCallerAudio(encodeWav(new Int16Array(0)))).samples.length).toBe(0);
  });

  it('reads the committed fixtures (8 kHz, 16-bit, mono)', async () => {
    const path = new URL('../../e2e/fixtures/vad/one-utterance.wav', import.meta.url).pathname;
    const audio = await readCallerAudio(path);
    expect(audio).toMatchObject({ rateHz: 8000, channels: 1 });
    expect(audio.samples.length).toBe(Math.round(5.2159 * 8000));
  });
});

describe('readCallerAudio: samples with their rate', () => {
  it('uses them as they are', async () => {
    const samples = f32([0.1, -0.2]);
    const audio = await readCallerAudio({ samples, rateHz: 48000 });
    expect(audio).toEqual({ samples, rateHz: 48000, channels: 1, sourceFormat: 'samples, 48000 Hz' });
    expect((await readCallerAudio({ samples: new Float32Array(0), rateHz: 8000 })).samples.length).toBe(0);
  });

  it('refuses samples that are not a Float32Array, a bad rate, and samples that are not finite', async () => {
    await expect(
      readCallerAudio({ samples: [0.1] as unknown as Float32Array, rateHz: 8000 }),
    ).rejects.toThrow('Caller audio: samples must be a Float32Array (mono, −1…1), got Array');
    await expect(
      readCallerAudio({ samples: new Int16Array(2) as unknown as Float32Array, rateHz: 8000 }),
    ).rejects.toThrow(/got Int16Array/);
    for (const rateHz of [0, -8000, 44100.5, Number.NaN, Infinity, 999, 768001]) {
      await expect(readCallerAudio({ samples: f32([0]), rateHz })).rejects.toThrow(
        `Caller audio: the sample rate must be a whole number of hertz from 1000 to 768000, got ${rateHz}`,
      );
    }
    await expect(readCallerAudio({ samples: f32([0, Number.NaN]), rateHz: 8000 })).rejects.toThrow(
      'Caller audio: samples[1] is NaN; samples must be finite',
    );
    await expect(readCallerAudio(42 as unknown as string)).rejects.toThrow(
      /expected a WAV file's path or bytes, or \{ samples: Float32Array, rateHz \}, got 42/,
    );
  });
});

describe('readCallerAudio: refusals name the file and the problem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caller-audio-'));
  const file = (name: string, bytes: Uint8Array | string): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('a missing file, and a directory', async () => {
    const missing = join(dir, 'nobody.wav');
    await expect(readCallerAudio(missing)).rejects.toThrow(`Caller audio "${missing}": no such file`);
    await expect(readCallerAudio('nobody-here.wav')).rejects.toThrow(
      /Caller audio "nobody-here.wav": no such file \(looked for \/.*\/nobody-here\.wav\)/,
    );
    await expect(readCallerAudio(dir)).rejects.toThrow(
      `Caller audio "${dir}": this is a directory, not a WAV file`,
    );
  });

  it('MP3 bytes, with or without an ID3 tag', async () => {
    const tagged = file('song.mp3', Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0x21, 0, 0, 0, 0]));
    await expect(readCallerAudio(tagged)).rejects.toThrow(
      `Caller audio "${tagged}": this is MP3 audio, not a WAV file: convert it to WAV first`,
    );
    const bare = Uint8Array.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0]);
    await expect(readCallerAudio(bare)).rejects.toThrow('Caller audio (12 bytes): this is MP3 audio');
  });

  it('a text file, an empty file, and bytes that are nothing known', async () => {
    const text = file('notes.wav', 'These are my notes, not audio.\n');
    await expect(readCallerAudio(text)).rejects.toThrow(
      `Caller audio "${text}": this is text, not a WAV file (it starts "These are my notes, not ")`,
    );
    await expect(readCallerAudio(file('empty.wav', ''))).rejects.toThrow(/empty\.wav": the file is empty$/);
    await expect(readCallerAudio(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))).rejects.toThrow(
      'Caller audio (12 bytes): Not a WAV file: expected "RIFF" at byte 0',
    );
  });

  it('G.711 μ-law and A-law WAVs: says what they are and how to convert them', async () => {
    const mulaw = file('call.wav', encodeG711Wav(new Int16Array(80), 'mulaw'));
    await expect(readCallerAudio(mulaw)).rejects.toThrow(
      `Caller audio "${mulaw}": Unsupported WAV encoding: G.711 μ-law (format tag 7), the telephone codec, is not linear PCM. ` +
        'Decode it to 16-bit PCM first, e.g. "sox in.wav -e signed-integer -b 16 out.wav" or "ffmpeg -i in.wav -c:a pcm_s16le out.wav"',
    );
    await expect(readCallerAudio(encodeG711Wav(new Int16Array(80), 'alaw'))).rejects.toThrow(
      /G\.711 A-law \(format tag 6\)/,
    );
  });

  it('other encodings and sample sizes', async () => {
    const adpcm = buildWav({
      formatTag: 0x11,
      channels: 1,
      rateHz: 8000,
      bitsPerSample: 4,
      data: new Uint8Array(4),
      blockAlign: 256,
    });
    await expect(readCallerAudio(adpcm)).rejects.toThrow(
      'Unsupported WAV encoding: IMA ADPCM (format tag 17); only PCM (1) and IEEE float (3) are read',
    );
    await expect(readCallerAudio(pcm(16, [0]).fill(0x55, 20, 21))).rejects.toThrow(/format tag 85/);
    await expect(
      readCallerAudio(
        buildWav({
          formatTag: 1,
          channels: 1,
          rateHz: 8000,
          bitsPerSample: 12,
          data: new Uint8Array(4),
          blockAlign: 2,
        }),
      ),
    ).rejects.toThrow('Unsupported WAV sample size: 12-bit PCM; PCM is read at 8, 16, 24, 32 bits');
    await expect(
      readCallerAudio(
        buildWav({ formatTag: 3, channels: 1, rateHz: 8000, bitsPerSample: 16, data: new Uint8Array(4) }),
      ),
    ).rejects.toThrow('Unsupported WAV sample size: 16-bit IEEE float; IEEE float is read at 32, 64 bits');
    const unknownGuid = buildWav({
      formatTag: 1,
      extensible: true,
      channels: 1,
      rateHz: 8000,
      bitsPerSample: 16,
      data: new Uint8Array(4),
    });
    unknownGuid[46 + 13] = 0x70; // last byte of the sub-format GUID
    await expect(readCallerAudio(unknownGuid)).rejects.toThrow(
      'WAVE_FORMAT_EXTENSIBLE with a missing or unknown sub-format; only PCM and IEEE float are read',
    );
  });

  it('a truncated header, a damaged format, zero channels, a rate of 0 or out of range', async () => {
    const whole = pcm(16, [1, 2, 3, 4]);
    await expect(readCallerAudio(whole.subarray(0, 30))).rejects.toThrow(
      'Caller audio (30 bytes): Invalid WAV file: the file ends inside its "fmt " chunk (30 bytes, the header needs 36): is it cut short?',
    );
    await expect(readCallerAudio(whole.subarray(0, 8))).rejects.toThrow(
      '8 bytes is too short for a RIFF header',
    );
    await expect(readCallerAudio(whole.subarray(0, 36))).rejects.toThrow(
      'Invalid WAV file: no "data" chunk found',
    );
    const noChannels = pcm(16, [1, 2]);
    new DataView(noChannels.buffer).setUint16(22, 0, true);
    await expect(readCallerAudio(noChannels)).rejects.toThrow(
      'Invalid WAV file: "fmt " chunk declares 0 channels',
    );
    const noRate = pcm(16, [1, 2]);
    new DataView(noRate.buffer).setUint32(24, 0, true);
    await expect(readCallerAudio(noRate)).rejects.toThrow('"fmt " chunk declares a sample rate of 0 Hz');
    await expect(readCallerAudio(pcm(16, [1, 2], 100))).rejects.toThrow(
      'Caller audio (48 bytes): the sample rate in its header must be a whole number of hertz from 1000 to 768000, got 100',
    );
    await expect(
      readCallerAudio(
        buildWav({
          formatTag: 1,
          channels: 2,
          rateHz: 8000,
          bitsPerSample: 16,
          data: new Uint8Array(8),
          blockAlign: 2,
        }),
      ),
    ).rejects.toThrow('Invalid WAV file: block align is 2 bytes, but 2 channel(s) of 16 bits need 4');
  });

  it('a float WAV holding NaN or infinity', async () => {
    const wav = buildWav({
      formatTag: 3,
      channels: 2,
      rateHz: 8000,
      bitsPerSample: 32,
      data: floatBytes([0, 0, 0.5, Infinity], 32),
    });
    await expect(readCallerAudio(wav)).rejects.toThrow(
      'Caller audio (60 bytes): sample 1 of channel 2 (at 0.000 s) is Infinity; float samples must be finite',
    );
  });
});
