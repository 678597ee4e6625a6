import { useEffect, useMemo, useRef } from 'react';
import { decodeWav } from '../audio/wav.ts';

const WIDTH = 600;
const HEIGHT = 56;

/** Min and max of each of `columns` equal slices of the samples, scaled to −1…1. */
function envelope(samples: Int16Array, columns: number): Float32Array {
  const out = new Float32Array(columns * 2);
  const per = samples.length / columns;
  for (let c = 0; c < columns; c++) {
    let min = 0;
    let max = 0;
    const end = Math.min(samples.length, Math.floor((c + 1) * per));
    for (let i = Math.floor(c * per); i < end; i++) {
      const s = samples[i] ?? 0;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    out[c * 2] = min / 32768;
    out[c * 2 + 1] = max / 32767;
  }
  return out;
}

function draw(canvas: HTMLCanvasElement, shape: Float32Array | null): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const style = getComputedStyle(canvas);
  context.clearRect(0, 0, WIDTH, HEIGHT);
  context.fillStyle = style.getPropertyValue('--border').trim() || '#ccc';
  context.fillRect(0, HEIGHT / 2, WIDTH, 1);
  if (!shape) return;
  context.fillStyle = style.getPropertyValue('--accent').trim() || '#0b6bcb';
  for (let x = 0; x < WIDTH; x++) {
    const min = shape[x * 2] ?? 0;
    const max = shape[x * 2 + 1] ?? 0;
    const top = Math.round((1 - max) * (HEIGHT / 2));
    const bottom = Math.round((1 - min) * (HEIGHT / 2));
    context.fillRect(x, top, 1, Math.max(1, bottom - top));
  }
}

/** The whole recording's waveform, drawn from the WAV's samples. */
export function Waveform({ wav, label }: { wav: Uint8Array; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const shape = useMemo(() => {
    try {
      const samples = decodeWav(wav).samples;
      return samples.length > 0 ? envelope(samples, WIDTH) : null;
    } catch {
      return null;
    }
  }, [wav]);
  useEffect(() => {
    const target = canvas.current;
    if (!target) return;
    draw(target, shape);
    // Redraw in the other theme's colours when the system switches.
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const redraw = () => draw(target, shape);
    scheme.addEventListener('change', redraw);
    return () => scheme.removeEventListener('change', redraw);
  }, [shape]);
  return (
    <canvas ref={canvas} className="waveform" width={WIDTH} height={HEIGHT} role="img" aria-label={label} />
  );
}
