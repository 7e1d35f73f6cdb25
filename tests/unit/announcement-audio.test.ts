/**
 * The display board's fallback word clips: every word an announcement can contain has a
 * committed recording that Web Audio can decode (PCM WAV, mono, 16-bit), of a plausible
 * length and not silent — so a TV without an Indonesian voice still speaks every call.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANNOUNCEMENT_WORDS, segmentWords } from '../../common/domain/queue/announcement-words';
import { announcementText, formatTicketNumber } from '../../common/domain/queue/numbering';

const DIR = path.resolve(__dirname, '../../renderer/public/audio/id');

interface Wav {
  format: number;
  channels: number;
  rate: number;
  bits: number;
  samples: Int16Array;
}

function readWav(file: string): Wav {
  const buf = fs.readFileSync(file);
  expect(buf.toString('ascii', 0, 4)).toBe('RIFF');
  expect(buf.toString('ascii', 8, 12)).toBe('WAVE');
  let off = 12;
  let fmt: Omit<Wav, 'samples'> | null = null;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') fmt = { format: buf.readUInt16LE(off + 8), channels: buf.readUInt16LE(off + 10), rate: buf.readUInt32LE(off + 12), bits: buf.readUInt16LE(off + 22) };
    if (id === 'data') {
      if (!fmt) throw new Error(`${file}: data before fmt`);
      const data = buf.subarray(off + 8, off + 8 + size);
      return { ...fmt, samples: new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) };
    }
    off += 8 + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

describe('announcement word clips', () => {
  it('cover every word of every announcement (prefixes A–Z and two-letter station prefixes, numbers, counters 1–999)', () => {
    const needed = new Set<string>();
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
    for (const p of [...letters, 'AZ', 'WLK']) for (const n of [1, 17, 100, 999]) for (const c of [1, 3, 10, 11, 12, 20, 21, 100, 111, 999]) {
      for (const w of segmentWords(announcementText(formatTicketNumber(p, n), c))) needed.add(w);
    }
    for (let c = 1; c <= 999; c++) for (const w of segmentWords(announcementText('A-001', c))) needed.add(w);
    const missing = [...needed].filter((w) => !(w in ANNOUNCEMENT_WORDS) || !fs.existsSync(path.join(DIR, `${w}.wav`)));
    expect(missing).toEqual([]);
    // Nothing shipped that no announcement uses.
    const shipped = fs.readdirSync(DIR).filter((f) => f.endsWith('.wav')).map((f) => f.slice(0, -4));
    expect(shipped.sort()).toEqual(Object.keys(ANNOUNCEMENT_WORDS).sort());
    expect([...needed].sort()).toEqual(Object.keys(ANNOUNCEMENT_WORDS).sort());
  });

  it('are decodable PCM WAV clips of speech: mono 16-bit, 0.1–1.5 s, not silent, small', () => {
    let total = 0;
    for (const word of Object.keys(ANNOUNCEMENT_WORDS)) {
      const file = path.join(DIR, `${word}.wav`);
      const wav = readWav(file);
      expect({ word, format: wav.format, channels: wav.channels, bits: wav.bits }).toEqual({ word, format: 1, channels: 1, bits: 16 });
      expect(wav.rate).toBeGreaterThanOrEqual(8000);
      const seconds = wav.samples.length / wav.rate;
      expect(seconds, word).toBeGreaterThan(0.1);
      expect(seconds, word).toBeLessThan(1.5);
      let sum = 0;
      for (const s of wav.samples) sum += s * s;
      const rms = Math.sqrt(sum / wav.samples.length);
      expect(rms, `${word} is silent`).toBeGreaterThan(500);
      total += fs.statSync(file).size;
    }
    expect(total).toBeLessThan(1024 * 1024);
  });
});
