import { expect, test, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  measureAliasDbfs,
  measureGainDb,
  measureSnr16Db,
  type ConvertFn,
  type MeasureOptions,
} from '../src/audio/measure.ts';

/**
 * The real capture-processor worklet of the production build, rendered in Chromium's OfflineAudioContext at
 * 44.1 and 48 kHz: the same quality figures as the resampler's unit tests, measured on what the worklet
 * posts (16-bit chunks of 20 ms).
 */

const assets = fileURLToPath(new URL('../dist/assets/', import.meta.url));
const workletFile = readdirSync(assets).find((f) => /^capture-processor-.*\.js$/.test(f));

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Renders each input through the worklet in an OfflineAudioContext; returns the 16-bit output of each. */
async function renderThroughWorklet(
  page: Page,
  rateHz: number,
  inputs: Float32Array[],
): Promise<Int16Array[]> {
  const encoded = await page.evaluate(
    async ({ url, rateHz, inputs }) => {
      const decode = (b64: string) => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        return new Float32Array(bytes.buffer);
      };
      const encode = (samples: Int16Array) => {
        const bytes = new Uint8Array(samples.buffer);
        let bin = '';
        for (let i = 0; i < bytes.length; i += 0x8000)
          bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(bin);
      };
      const outputs: string[] = [];
      for (const b64 of inputs) {
        const input = decode(b64);
        const context = new OfflineAudioContext(1, input.length, rateHz);
        await context.audioWorklet.addModule(url);
        const buffer = context.createBuffer(1, input.length, rateHz);
        buffer.copyToChannel(input, 0);
        const source = context.createBufferSource();
        source.buffer = buffer;
        const node = new AudioWorkletNode(context, 'capture-processor', {
          numberOfInputs: 1,
          numberOfOutputs: 1,
          outputChannelCount: [1],
          processorOptions: { chunkSamples: 160 },
        });
        const chunks: Int16Array[] = [];
        node.port.onmessage = (event: MessageEvent<{ type: string; samples?: Int16Array }>) => {
          if (event.data.type === 'chunk' && event.data.samples) chunks.push(event.data.samples);
        };
        source.connect(node).connect(context.destination);
        source.start();
        await context.startRendering();
        // Messages from the render thread may still be on their way: wait until they stop coming.
        for (let seen = -1; seen !== chunks.length;) {
          seen = chunks.length;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const total = chunks.reduce((n, c) => n + c.length, 0);
        const output = new Int16Array(total);
        let offset = 0;
        for (const chunk of chunks) {
          output.set(chunk, offset);
          offset += chunk.length;
        }
        outputs.push(encode(output));
      }
      return outputs;
    },
    { url: `/assets/${workletFile}`, rateHz, inputs: inputs.map((x) => toBase64(new Uint8Array(x.buffer))) },
  );
  return encoded.map((b64) => {
    const bytes = Buffer.from(b64, 'base64');
    return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  });
}

/**
 * Runs `measure` twice: once to collect the inputs it generates, then, after rendering them all in the
 * browser, with a converter that returns the worklet's output for each (measurements are deterministic).
 */
async function measureThroughWorklet(
  page: Page,
  options: MeasureOptions,
  measure: (convert: ConvertFn) => number,
): Promise<number> {
  const inputs: Float32Array[] = [];
  measure((input) => {
    inputs.push(input);
    return new Float32Array(Math.ceil((input.length * 8000) / options.inputRateHz));
  });
  const outputs = await renderThroughWorklet(page, options.inputRateHz, inputs);
  let call = 0;
  return measure(() => {
    const output = outputs[call++]!;
    return Float32Array.from(output, (s) => s / 32768);
  });
}

for (const inputRateHz of [44100, 48000]) {
  test(`the capture worklet at ${inputRateHz} Hz: flat passband, no aliasing, 16-bit SNR`, async ({
    page,
  }) => {
    expect(workletFile, 'the production build has the capture-processor worklet').toBeDefined();
    await page.goto('/');
    const options: MeasureOptions = { inputRateHz };

    const figures: string[] = [];
    for (const hz of [300, 1000, 2000, 3000, 3400]) {
      const gain = await measureThroughWorklet(page, options, (convert) =>
        measureGainDb(convert, hz, options),
      );
      figures.push(`gain ${hz} Hz ${gain.toFixed(4)} dB`);
      expect(Math.abs(gain), `gain at ${hz} Hz: ${gain.toFixed(4)} dB`).toBeLessThanOrEqual(0.011);
    }
    for (const hz of [4500, 6000, 9000, 12000, 15000, 20000]) {
      const alias = await measureThroughWorklet(page, options, (convert) =>
        measureAliasDbfs(convert, hz, options),
      );
      figures.push(`alias ${hz} Hz ${alias.toFixed(1)} dBFS`);
      expect(alias, `alias of ${hz} Hz: ${alias.toFixed(1)} dBFS`).toBeLessThanOrEqual(-99.5);
    }
    const snr = await measureThroughWorklet(page, options, (convert) => measureSnr16Db(convert, options));
    figures.push(`SNR ${snr.toFixed(2)} dB`);
    console.log(`capture worklet at ${inputRateHz} Hz: ${figures.join(', ')}`);
    expect(snr, `SNR of −3 dBFS 997 Hz: ${snr.toFixed(2)} dB`).toBeGreaterThanOrEqual(94.9);
  });
}
