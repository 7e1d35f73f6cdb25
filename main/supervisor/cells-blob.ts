/**
 * A day part's cells (./day-cells.ts) as one binary value for supervisor_day_cells (009): a JSON
 * header with the cell keys, then each typed array at an 8-byte boundary, durations as the part
 * holds them (Int32, or Float64 when a value does not fit). Reading a month back is views into the
 * bytes SQLite returned, not parsing.
 */
import { COUNTS, type CellKey, type DayPart, type Level, type PartMetric } from './day-cells';

const MAGIC = 0x4c4b4332; // "LKC2"

interface Header {
  keys: [Level, string | null, string | null, string | null, string | null][];
  /** Per metric: the values are Int32 (true) or Float64. */
  int32: boolean[];
}

type Section = Int32Array | Float64Array | Int16Array;

const align8 = (n: number): number => (n + 7) & ~7;

export function encodePart(d: DayPart): Buffer {
  const header: Header = { keys: d.keys.map((k) => [k.lv, k.a, k.s, k.c, k.o]), int32: d.m.map((m) => m.vals instanceof Int32Array) };
  const sections: Section[] = [d.counts];
  d.m.forEach((m) => sections.push(m.off, m.vals, m.sum, m.max));
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

/** The part, or null when the bytes are not a part of this format. */
export function decodePart(blob: Uint8Array): DayPart | null {
  if (blob.byteLength < 8) return null;
  // Every array below is a view into the bytes: as they are when 8-byte aligned, else one aligned copy.
  let buf: ArrayBuffer;
  let at = 0;
  if (blob.byteOffset % 8 === 0 && blob.buffer instanceof ArrayBuffer) {
    buf = blob.buffer;
    at = blob.byteOffset;
  } else {
    buf = new ArrayBuffer(blob.byteLength);
    new Uint8Array(buf).set(blob);
  }
  const view = new DataView(buf, at);
  if (view.getUint32(0, true) !== MAGIC) return null;
  const jsonLength = view.getUint32(4, true);
  const header = JSON.parse(Buffer.from(buf, at + 8, jsonLength).toString('utf8')) as Header;
  at += align8(8 + jsonLength);
  const take = <T extends Section>(Ctor: { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number }, length: number): T => {
    const arr = new Ctor(buf, at, length);
    at += align8(length * Ctor.BYTES_PER_ELEMENT);
    return arr;
  };
  const cells = header.keys.length;
  const keys: CellKey[] = header.keys.map(([lv, a, s, c, o]) => ({ lv, a, s, c, o }));
  const counts = take(Int32Array, cells * COUNTS);
  const metric = (i: number): PartMetric => {
    const off = take(Int32Array, cells + 1);
    const n = off[cells]!;
    const vals = header.int32[i] ? take(Int32Array, n) : take(Float64Array, n);
    return { off, vals, sum: take(Float64Array, cells), max: take(Float64Array, cells) };
  };
  const m: DayPart['m'] = [metric(0), metric(1), metric(2), metric(3)];
  const quarter = () => {
    const off = take(Int32Array, cells + 1);
    return { off, vals: take(Int16Array, off[cells]!) };
  };
  const q: DayPart['q'] = [quarter(), quarter()];
  return { keys, counts, m, q };
}
