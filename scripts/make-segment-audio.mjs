#!/usr/bin/env node
/**
 * Records the display board's fallback word clips (renderer/public/audio/id/<word>.wav) with
 * espeak-ng's Indonesian voice: `node scripts/make-segment-audio.mjs` (needs `espeak-ng` on
 * PATH; Debian/Ubuntu: apt-get install espeak-ng). The clips are committed, so building the
 * app does not need espeak-ng. Each clip: mono 16-bit PCM at 11,025 Hz (espeak's 22,050 Hz
 * halved: speech needs no more, and the clips stay small), leading and trailing silence
 * trimmed (the board adds its own short gap between words).
 * The word list comes from common/domain/queue/announcement-words.ts.
 */
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'renderer/public/audio/id');
const source = fs.readFileSync(path.join(root, 'common/domain/queue/announcement-words.ts'), 'utf8');

/** The word → spoken-text map, read from the TypeScript source (no build step needed). */
function words() {
  const letters = [...source.matchAll(/\b([a-z]): '([a-z]+)'/g)].map((m) => [m[1], m[2]]);
  const list = source.slice(source.indexOf('const WORDS'), source.indexOf('];', source.indexOf('const WORDS')));
  const plain = [...list.matchAll(/'([a-z]+)'/g)].map((m) => [m[1], m[1]]);
  return new Map([...plain, ...letters]);
}

/** The PCM samples of a 16-bit mono WAV (espeak's output). */
function readWav(buf) {
  let off = 12;
  let rate = 22050;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') rate = buf.readUInt32LE(off + 12);
    // espeak-ng writes 0xFFFFFFFF as the data size when writing to a pipe; use the rest.
    if (id === 'data') return { rate, samples: new Int16Array(buf.buffer.slice(buf.byteOffset + off + 8, buf.byteOffset + Math.min(buf.length, off + 8 + size) - ((Math.min(buf.length, off + 8 + size) - off - 8) % 2))) };
    off += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

function writeWav(file, rate, samples) {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  fs.writeFileSync(file, Buffer.concat([h, data]));
}

/** Halves the sample rate, averaging pairs (a crude low-pass that is enough for speech). */
function halve(samples) {
  const out = new Int16Array(Math.floor(samples.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = (samples[2 * i] + samples[2 * i + 1]) >> 1;
  return out;
}

function trim(samples, rate) {
  const threshold = 300;
  let a = 0;
  let b = samples.length - 1;
  while (a < b && Math.abs(samples[a]) < threshold) a++;
  while (b > a && Math.abs(samples[b]) < threshold) b--;
  const pad = Math.round(rate * 0.01);
  return samples.slice(Math.max(0, a - pad), Math.min(samples.length, b + pad));
}

fs.mkdirSync(out, { recursive: true });
const tmp = path.join(os.tmpdir(), `loket-segment-${process.pid}.wav`);
for (const [word, spoken] of words()) {
  execFileSync('espeak-ng', ['-v', 'id', '-s', '140', '-w', tmp, spoken]);
  const { rate, samples } = readWav(fs.readFileSync(tmp));
  writeWav(path.join(out, `${word}.wav`), rate / 2, halve(trim(samples, rate)));
}
fs.rmSync(tmp, { force: true });
console.log(`${words().size} clips in ${path.relative(root, out)}`);
