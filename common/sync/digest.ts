/**
 * Order-independent digest of the rows one side holds for an entity: the count and the XOR
 * of a 64-bit hash of each `entity/id/version`. Both sides maintain it incrementally in the
 * same transaction as the rows (remove the old version's hash, add the new one), so the
 * comparison at the end of a pull costs nothing, whatever the number of rows. Not a
 * cryptographic commitment: it detects divergence (lost, extra or stale rows), which is
 * what the repair needs.
 */

export interface DigestAcc {
  count: number;
  hi: number;
  lo: number;
}

export const emptyDigest = (): DigestAcc => ({ count: 0, hi: 0, lo: 0 });

/** Two independent 32-bit lanes (murmur3 finaliser over an FNV-style mix): fast, pure, identical everywhere. */
export function rowHash(entity: string, id: string, version: number): [number, number] {
  const s = `${entity}/${id}/${version}`;
  let h1 = 0x811c9dc5 ^ s.length;
  let h2 = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const fmix = (h: number) => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  };
  return [fmix(h1), fmix(h2 ^ h1)];
}

/** Adds (sign 1) or removes (sign -1) one row version. XOR is its own inverse. */
export function digestStep(acc: DigestAcc, entity: string, id: string, version: number, sign: 1 | -1): void {
  const [hi, lo] = rowHash(entity, id, version);
  acc.count += sign;
  acc.hi = (acc.hi ^ hi) >>> 0;
  acc.lo = (acc.lo ^ lo) >>> 0;
}

export const digestChecksum = (acc: Pick<DigestAcc, 'hi' | 'lo'>): string =>
  (acc.hi >>> 0).toString(16).padStart(8, '0') + (acc.lo >>> 0).toString(16).padStart(8, '0');

export function combineDigests(parts: readonly DigestAcc[]): DigestAcc {
  const out = emptyDigest();
  for (const p of parts) {
    out.count += p.count;
    out.hi = (out.hi ^ p.hi) >>> 0;
    out.lo = (out.lo ^ p.lo) >>> 0;
  }
  return out;
}

/** Reasons shown to the officer (Indonesian first, English second) for sync states. */
export interface Bilingual {
  message: string;
  messageEn: string;
}
