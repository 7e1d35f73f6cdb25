/**
 * Document scans at rest (main/documents): AES-256-GCM with the key from a KeyProvider, SHA-256
 * of the plaintext, magic-byte sniffing, size limit, duplicates, and crash safety (a real process
 * SIGKILLed in the middle of a save leaves nothing half-saved once the store starts again).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open';
import { DocumentStore } from '../../main/documents/document-store';
import { StaticKeyProvider } from '../../main/documents/key-provider';
import { LoketError, type AppError } from '../../common/ipc/result';
import { makePdf, makePng, pngOfSize, TINY_JPEG, TINY_WEBP } from '../support/sample-files';
import { tempDir } from '../support/temp';

const KEY = new StaticKeyProvider(Buffer.alloc(32, 7));
const ROOT = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LoketError) return e.toAppError();
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('document scans at rest', () => {
  const t = tempDir('loket-docs-');
  let db: Db;
  let store: DocumentStore;
  const base = { draftId: 'draft-0001', requirementCode: 'KK', agencyId: 'ag-dukcapil', officerId: 'of-petugas-dukcapil' } as const;

  beforeAll(async () => {
    db = await openDatabase(path.join(t.dir, 'loket.sqlite'));
    store = new DocumentStore({ db, dataDir: t.dir, keys: KEY, now: () => new Date(), maxBytes: 3 * 1024 * 1024 });
  });
  afterAll(async () => {
    await db?.destroy();
    t.cleanup();
  });

  it('encrypts at rest: the stored file holds none of the plaintext; reading gives it back with its SHA-256', async () => {
    const marker = 'NIK 3171234567890001 SITI RAHMAWATI';
    const png = makePng({ text: marker });
    const doc = await store.save({ ...base, bytes: png, fileName: 'kartu-keluarga.png', declaredType: 'image/png' });
    expect(doc).toMatchObject({ mime: 'image/png', size: png.length, sha256: createHash('sha256').update(png).digest('hex'), duplicateOf: null });
    const files = filesUnder(store.dir);
    expect(files).toHaveLength(1);
    const stored = fs.readFileSync(files[0] ?? '');
    expect(stored.includes(Buffer.from(marker, 'latin1'))).toBe(false);
    expect(stored.includes(png.subarray(0, 24))).toBe(false);
    expect(stored.includes(png.subarray(png.length - 32))).toBe(false);
    // Named by a keyed hash: the file name does not reveal the content's SHA-256 either.
    expect(path.basename(files[0] ?? '')).not.toBe(doc.sha256);
    expect((await store.readBytes(await store.row(doc.id))).equals(png)).toBe(true);
  });

  it('a wrong key cannot read a scan, and a flipped byte is detected', async () => {
    const doc = (await store.list({ draftId: base.draftId }))[0];
    if (!doc) throw new Error('no doc');
    const other = new DocumentStore({ db, dataDir: t.dir, keys: new StaticKeyProvider(Buffer.alloc(32, 8)), now: () => new Date() });
    const e = await refusal(other.readBytes(await store.row(doc.id)));
    // A wrong key also names blobs differently, so the content is not even found under its name.
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.messageEn.length).toBeGreaterThan(0);
    const row = await store.row(doc.id);
    const file = filesUnder(store.dir)[0] ?? '';
    const bytes = fs.readFileSync(file);
    const copy = Buffer.from(bytes);
    copy[40] = (copy[40] ?? 0) ^ 1;
    fs.writeFileSync(file, copy);
    const tampered = await refusal(store.readBytes(row));
    expect(tampered.messageEn).toContain('encryption key does not match or the file is damaged');
    fs.writeFileSync(file, bytes);
    expect((await store.readBytes(row)).length).toBe(doc.size);
  });

  it('sniffs the type from the content: accepts PDF, JPEG, PNG, WebP; refuses renamed, unknown, truncated and mislabelled files', async () => {
    const d = { ...base, draftId: 'draft-sniff' };
    await expect(store.save({ ...d, bytes: makePdf(), fileName: 'f101.pdf', declaredType: 'application/pdf', requirementCode: 'F101' })).resolves.toMatchObject({ mime: 'application/pdf' });
    await expect(store.save({ ...d, bytes: TINY_JPEG, fileName: 'nikah.JPG', declaredType: 'image/jpeg', requirementCode: 'NIKAH' })).resolves.toMatchObject({ mime: 'image/jpeg' });
    await expect(store.save({ ...d, bytes: TINY_WEBP, fileName: 'foto.webp', declaredType: '', requirementCode: null })).resolves.toMatchObject({ mime: 'image/webp' });

    const renamed = await refusal(store.save({ ...d, bytes: makePng({ color: [1, 2, 3] }), fileName: 'akta.pdf', declaredType: 'application/pdf' }));
    expect(renamed.details).toMatchObject({ issue: 'CONTENT_MISMATCH', actual: 'image/png' });
    expect(renamed.message).toContain('isinya PNG');
    expect(renamed.messageEn).toContain('its content is PNG');
    const exe = await refusal(store.save({ ...d, bytes: Buffer.from('MZ\x90\x00 this is a program', 'latin1'), fileName: 'scan.jpg', declaredType: 'image/jpeg' }));
    expect(exe.details).toMatchObject({ issue: 'UNKNOWN_CONTENT' });
    const pdf = makePdf('terpotong');
    const truncated = await refusal(store.save({ ...d, bytes: pdf.subarray(0, pdf.length - 40), fileName: 'f101-b.pdf', declaredType: 'application/pdf' }));
    expect(truncated.details).toMatchObject({ issue: 'CORRUPT' });
    const png = makePng({ color: [9, 9, 9] });
    expect((await refusal(store.save({ ...d, bytes: png.subarray(0, png.length - 12), fileName: 'x.png', declaredType: 'image/png' }))).details).toMatchObject({ issue: 'CORRUPT' });
    expect((await refusal(store.save({ ...d, bytes: png, fileName: 'x.png', declaredType: 'application/pdf' }))).details).toMatchObject({ issue: 'TYPE_MISMATCH' });
    expect((await refusal(store.save({ ...d, bytes: png, fileName: 'x.txt', declaredType: 'text/plain' }))).details).toMatchObject({ issue: 'TYPE_NOT_ALLOWED' });
    expect((await refusal(store.save({ ...d, bytes: Buffer.alloc(0), fileName: 'x.png', declaredType: 'image/png' }))).details).toMatchObject({ issue: 'EMPTY' });
    // Nothing refused was stored.
    expect((await store.list({ draftId: 'draft-sniff' })).map((x) => x.mime).sort()).toEqual(['application/pdf', 'image/jpeg', 'image/webp']);
  });

  it('refuses a file over the size limit with the limit in the message', async () => {
    const e = await refusal(store.save({ ...base, draftId: 'draft-big', bytes: pngOfSize(4 * 1024 * 1024), fileName: 'besar.png', declaredType: 'image/png' }));
    expect(e.details).toMatchObject({ issue: 'TOO_LARGE', maxBytes: 3 * 1024 * 1024 });
    expect(e.message).toMatch(/terlalu besar .*Batas per pindaian 3 MB/);
    expect(e.messageEn).toMatch(/too large .*limit per scan is 3 MB/);
    expect(await store.list({ draftId: 'draft-big' })).toEqual([]);
  });

  it('detects duplicates by hash: refused twice in one application, a warning across applications, stored once', async () => {
    const png = makePng({ text: 'duplikat' });
    const first = await store.save({ ...base, draftId: 'draft-dup-a', bytes: png, fileName: 'kk.png', declaredType: 'image/png' });
    const again = await refusal(store.save({ ...base, draftId: 'draft-dup-a', bytes: png, fileName: 'kk-lagi.png', declaredType: 'image/png', requirementCode: 'NIKAH' }));
    expect(again.code).toBe('CONFLICT');
    expect(again.details).toMatchObject({ issue: 'DUPLICATE' });
    expect(again.message).toContain('persyaratan KK');
    const elsewhere = await store.save({ ...base, draftId: 'draft-dup-b', bytes: png, fileName: 'kk.png', declaredType: 'image/png' });
    expect(elsewhere.duplicateOf).toMatchObject({ requirementCode: 'KK' });
    expect(elsewhere.sha256).toBe(first.sha256);
    const blobs = new Set((await db('documents').whereIn('id', [first.id, elsewhere.id]).select('blob')).map((r: { blob: string }) => r.blob));
    expect(blobs.size).toBe(1);
  });

  for (const when of ['afterTempWrite', 'afterRename'] as const) {
    it(`a process killed ${when === 'afterTempWrite' ? 'after writing the temp file' : 'after the rename, before the row'} leaves nothing half-saved`, async () => {
      const c = tempDir('loket-docs-crash-');
      try {
        fs.mkdirSync(c.dir, { recursive: true });
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/support/documents-crash-child.ts'), c.dir, when], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
        expect(signal, err).toBe('SIGKILL');
        expect(out).not.toContain('SAVED');
        const docsDir = path.join(c.dir, 'documents');
        expect(filesUnder(docsDir).length).toBe(1); // the temp file, or the orphan blob
        const cdb = await openDatabase(path.join(c.dir, 'loket.sqlite'));
        try {
          expect(await cdb('documents').count({ n: '*' }).first()).toEqual({ n: 0 });
          const again = new DocumentStore({ db: cdb, dataDir: c.dir, keys: KEY, now: () => new Date() });
          const swept = await again.sweep();
          expect(swept.temp + swept.orphans).toBe(1);
          expect(filesUnder(docsDir)).toEqual([]);
          // And the same scan saves normally afterwards.
          await again.save({ ...base, draftId: 'draft-crash-1', bytes: makePng({ text: 'crash' }), fileName: 'kk.png', declaredType: 'image/png' });
          expect(filesUnder(docsDir)).toHaveLength(1);
        } finally {
          await cdb.destroy();
        }
      } finally {
        c.cleanup();
      }
    });
  }

  it('removes expired scans and their files (retention date, UU 27/2022 PDP)', async () => {
    let clock = Date.parse('2026-03-02T02:00:00Z');
    const s = new DocumentStore({ db, dataDir: t.dir, keys: KEY, now: () => new Date(clock) });
    const doc = await s.save({ ...base, draftId: 'draft-expire', bytes: makePng({ text: 'expire' }), fileName: 'kk.png', declaredType: 'image/png' });
    expect(Date.parse(doc.retentionUntil) - clock).toBe(86_400_000); // an unregistered draft: one day
    clock += 2 * 86_400_000;
    const before = filesUnder(s.dir).length;
    const swept = await s.sweep();
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect(await s.list({ draftId: 'draft-expire' })).toEqual([]);
    expect(filesUnder(s.dir).length).toBeLessThan(before);
  });
});
