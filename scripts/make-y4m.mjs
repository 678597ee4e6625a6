#!/usr/bin/env node
// Makes e2e/fixtures/camera.y4m, the fake camera of the video e2e (Chromium's
// --use-file-for-fake-video-capture): a YUV4MPEG2 file, a text header and raw I420 frames. 128×96 at
// 30 fps, 10 frames that Chromium loops. Each frame is known: a luma gradient, and a white square that
// moves 12 px right per frame on a background whose grey level is 40 + 16 × the frame's index, so a
// frame taken from a recording says which frame of the loop it is. Run from anywhere:
//   node scripts/make-y4m.mjs
// The output is the same on every run.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WIDTH = 128;
const HEIGHT = 96;
const FPS = 30;
const FRAMES = 10;
const SQUARE = 24;

const out = fileURLToPath(new URL('../e2e/fixtures/camera.y4m', import.meta.url));
const header = `YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`;
const lumaSize = WIDTH * HEIGHT;
const chromaSize = (WIDTH / 2) * (HEIGHT / 2);
const parts = [Buffer.from(header, 'ascii')];
for (let frame = 0; frame < FRAMES; frame++) {
  const y = Buffer.alloc(lumaSize);
  const base = 40 + 16 * frame;
  const left = 4 + 12 * frame;
  const top = (HEIGHT - SQUARE) / 2;
  for (let row = 0; row < HEIGHT; row++) {
    for (let col = 0; col < WIDTH; col++) {
      const inSquare = col >= left && col < left + SQUARE && row >= top && row < top + SQUARE;
      y[row * WIDTH + col] = inSquare ? 235 : Math.min(235, base + Math.floor(row / 12));
    }
  }
  const chroma = Buffer.alloc(chromaSize, 128);
  parts.push(Buffer.from('FRAME\n', 'ascii'), y, chroma, chroma);
}
writeFileSync(out, Buffer.concat(parts));
console.log(`${out}: ${WIDTH}×${HEIGHT}, ${FPS} fps, ${FRAMES} frames`);
