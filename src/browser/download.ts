import { encodeG711Wav, type G711Law } from '../audio/g711-wav.ts';
import { decodeWav } from '../audio/wav.ts';

/** Saves bytes as a file through a temporary link (the URL is released right after the click). */
export function downloadBytes(bytes: Uint8Array, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Downloads a 16-bit PCM WAV recording converted to G.711 μ-law or A-law. */
export function downloadG711(pcmWav: Uint8Array, law: G711Law, baseName: string): void {
  const { samples, sampleRateHz } = decodeWav(pcmWav);
  downloadBytes(
    encodeG711Wav(samples, law, sampleRateHz),
    `${baseName}-${law === 'mulaw' ? 'ulaw' : 'alaw'}.wav`,
    'audio/wav',
  );
}
