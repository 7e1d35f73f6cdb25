/**
 * A day's flat arrays (./day-data.ts) as one binary value for supervisor_day_blobs (008): a JSON
 * header with the group keys, then each typed array at an 8-byte boundary. Durations are stored
 * as Int32 when every value of the metric is an integer that fits (always, for real tickets), else
 * as Float64, so reading a month back is a copy instead of parsing ~10⁶ comma-separated numbers.
 */
import type { DayData, DayMetric, GroupKey } from './day-data';

const MAGIC = 0x4c4b4431; // "LKD1"

interface Header {
  keys: [string, string, string | null, string | null, string, number, number][];
  /** Per metric: the values are Int32 (true) or Float64. */
  int32: boolean[];
}

type Section = Int32Array | Float64Array | Uint16Array | Int16Array;

const fitsInt32 = (v: Float64Array): boolean => {
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if ((x | 0) !== x) return false;
  }
  return true;
};

const align8 = (n: number): number => (n + 7) & ~7;

export function encodeDay(d: DayData): Buffer {
  const header: Header = {
    keys: d.keys.map((k) => [k.a, k.s, k.c, k.o, k.st, k.leg, k.n]),
    int32: d.m.map((m) => fitsInt32(m.vals)),
  };
  const sections: Section[] = [];
  d.m.forEach((m, i) => {
    sections.push(m.off, header.int32[i] ? Int32Array.from(m.vals) : m.vals, m.bks, m.sum, m.max, m.minB, m.maxB);
  });
  for (const q of d.q) sections.push(q.off, q.vals);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  let size = align8(8 + json.length);
  for (const s of sections) size += align8(s.byteLength);
  const out = Buffer.alloc(size);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  let at = align8(8 + json.length);
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at += align8(s.byteLength);
  }
  return out;
}

/** The day, or null when the bytes are not a day blob of this format. */
export function decodeDay(blob: Uint8Array): DayData | null {
  if (blob.byteLength < 8) return null;
  // One aligned copy; every array below is a view into it.
  const buf = new ArrayBuffer(blob.byteLength);
  const bytes = new Uint8Array(buf);
  bytes.set(blob);
  const view = new DataView(buf);
  if (view.getUint32(0, true) !== MAGIC) return null;
  const jsonLength = view.getUint32(4, true);
  const header = JSON.parse(Buffer.from(buf, 8, jsonLength).toString('utf8')) as Header;
  let at = align8(8 + jsonLength);
  const take = <T extends Section>(Ctor: { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number }, length: number): T => {
    const arr = new Ctor(buf, at, length);
    at += align8(length * Ctor.BYTES_PER_ELEMENT);
    return arr;
  };
  const g = header.keys.length;
  const keys: GroupKey[] = header.keys.map(([a, s, c, o, st, leg, n]) => ({ a, s, c, o, st, leg, n }));
  const metric = (i: number): DayMetric => {
    const off = take(Int32Array, g + 1);
    const n = off[g]!;
    const vals = header.int32[i] ? Float64Array.from(take(Int32Array, n)) : take(Float64Array, n);
    return { off, vals, bks: take(Uint16Array, n), sum: take(Float64Array, g), max: take(Float64Array, g), minB: take(Int32Array, g), maxB: take(Int32Array, g) };
  };
  const m: DayData['m'] = [metric(0), metric(1), metric(2), metric(3)];
  const quarter = () => {
    const off = take(Int32Array, g + 1);
    return { off, vals: take(Int16Array, off[g]!) };
  };
  const q: DayData['q'] = [quarter(), quarter()];
  return { keys, m, q };
}
