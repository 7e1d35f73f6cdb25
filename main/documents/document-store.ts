/**
 * Document scans of applications, stored in the installation's data folder ENCRYPTED AT REST
 * (crypto.ts, key from a KeyProvider). One encrypted blob per content (named by a keyed hash of
 * the plaintext SHA-256), one database row per attachment.
 *
 * Saving is crash-safe in this order: check (size, magic bytes, completeness) → hash → encrypt →
 * write a temp file, fsync → rename to the blob name → insert the row. A crash before the rename
 * leaves a temp file, after it an unreferenced blob: `sweep()` (run at start) removes both, so a
 * document is either fully saved (row + complete blob) or absent.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { LoketError } from '../../common/ipc/result';
import { DEFAULT_MAX_DOCUMENT_BYTES, type DocumentView } from '../../common/documents/document';
import { blobName, decryptDocument, DecryptError, encryptDocument } from './crypto';
import type { KeyProvider } from './key-provider';
import { EXTENSIONS, extensionOf, looksComplete, sniffType, TYPE_LABEL, typeForExtension, type DocumentType } from './sniff';

export interface DocumentRow {
  id: string;
  sha256: string;
  blob: string;
  mime: string;
  size: number;
  file_name: string;
  rotation: number;
  requirement_code: string | null;
  draft_id: string | null;
  application_id: string | null;
  agency_id: string | null;
  created_at: string;
  created_by: string;
  retention_until: string;
}

export interface DocumentStoreOptions {
  db: Knex;
  dataDir: string;
  keys: KeyProvider;
  now: () => Date;
  /** Largest scan accepted (default 10 MiB). */
  maxBytes?: number;
  /** Days a registered application's scans are kept (UU 27/2022 PDP: a retention date per scan). Default 730. */
  retentionDays?: number;
  /** Days an unregistered draft's scans are kept. Default 1. */
  draftRetentionDays?: number;
  /** Scheme of the upload paths handed to the sync engine (main/sync/files.ts registerUploadSource); unique per installation. */
  uploadScheme?: string;
  /** Test hooks simulating a crash between the steps of a save. */
  faults?: { afterTempWrite?: () => void; afterRename?: () => void };
}

export interface SaveInput {
  bytes: Buffer;
  fileName: string;
  declaredType: string;
  draftId: string;
  requirementCode: string | null;
  agencyId: string | null;
  officerId: string;
}

const DAY_MS = 86_400_000;
const TMP_MARK = '.tmp-';

const mb = (n: number) => (n / (1024 * 1024)).toLocaleString('id-ID', { maximumFractionDigits: 1 });
const mbEn = (n: number) => (n / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 });

export const toView = (r: DocumentRow, duplicateOf: DocumentView['duplicateOf'] = null): DocumentView => ({
  id: r.id,
  sha256: r.sha256,
  mime: r.mime as DocumentView['mime'],
  size: Number(r.size),
  fileName: r.file_name,
  rotation: (Number(r.rotation) % 360) as DocumentView['rotation'],
  requirementCode: r.requirement_code,
  draftId: r.draft_id,
  applicationId: r.application_id,
  createdAt: r.created_at,
  createdBy: r.created_by,
  retentionUntil: r.retention_until,
  duplicateOf,
});

export class DocumentStore {
  readonly dir: string;
  readonly maxBytes: number;
  readonly uploadScheme: string;
  private readonly retentionDays: number;
  private readonly draftRetentionDays: number;

  constructor(private readonly o: DocumentStoreOptions) {
    this.dir = path.join(o.dataDir, 'documents');
    this.maxBytes = o.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
    this.uploadScheme = o.uploadScheme ?? 'loketdoc';
    this.retentionDays = o.retentionDays ?? 730;
    this.draftRetentionDays = o.draftRetentionDays ?? 1;
  }

  /** Checks a file before any byte is kept: size, type by content vs name and declared type, completeness. */
  checkSize(size: number): void {
    if (size <= 0) throw new LoketError('VALIDATION', 'Berkas kosong (0 bita).', 'The file is empty (0 bytes).', { field: 'file', issue: 'EMPTY' });
    if (size > this.maxBytes) {
      throw new LoketError(
        'VALIDATION',
        `Berkas terlalu besar (${mb(size)} MB). Batas per pindaian ${mb(this.maxBytes)} MB: pindai ulang dengan resolusi lebih rendah (mis. 200 dpi) atau simpan sebagai JPEG.`,
        `The file is too large (${mbEn(size)} MB). The limit per scan is ${mbEn(this.maxBytes)} MB: rescan at a lower resolution (e.g. 200 dpi) or save as JPEG.`,
        { field: 'file', issue: 'TOO_LARGE', maxBytes: this.maxBytes },
      );
    }
  }

  checkName(fileName: string, declaredType: string): DocumentType {
    const ext = extensionOf(fileName);
    const byExt = typeForExtension(ext);
    if (!byExt) {
      throw new LoketError(
        'VALIDATION',
        `Jenis berkas ".${ext || '?'}" tidak diterima. Gunakan PDF, JPEG, PNG atau WebP.`,
        `File type ".${ext || '?'}" is not accepted. Use PDF, JPEG, PNG or WebP.`,
        { field: 'file', issue: 'TYPE_NOT_ALLOWED' },
      );
    }
    if (declaredType !== '' && declaredType !== byExt && !(declaredType === 'image/jpg' && byExt === 'image/jpeg')) {
      throw new LoketError(
        'VALIDATION',
        `Nama berkas berakhiran .${ext} tetapi jenisnya dilaporkan sebagai "${declaredType}". Berkas ditolak.`,
        `The file name ends in .${ext} but its type was reported as "${declaredType}". The file was refused.`,
        { field: 'file', issue: 'TYPE_MISMATCH' },
      );
    }
    return byExt;
  }

  private checkContent(bytes: Buffer, claimed: DocumentType, fileName: string): DocumentType {
    const actual = sniffType(bytes);
    if (actual === null) {
      throw new LoketError(
        'VALIDATION',
        `Isi berkas "${fileName}" bukan PDF, JPEG, PNG atau WebP (mungkin rusak atau berkas jenis lain yang diganti namanya).`,
        `The content of "${fileName}" is not PDF, JPEG, PNG or WebP (it may be corrupt, or another kind of file renamed).`,
        { field: 'file', issue: 'UNKNOWN_CONTENT' },
      );
    }
    if (actual !== claimed) {
      throw new LoketError(
        'VALIDATION',
        `Berkas "${fileName}" bernama ${TYPE_LABEL[claimed]} tetapi isinya ${TYPE_LABEL[actual]}. Simpan ulang dengan jenis yang benar (.${EXTENSIONS[actual][0]}).`,
        `"${fileName}" is named as ${TYPE_LABEL[claimed]} but its content is ${TYPE_LABEL[actual]}. Save it again with the right type (.${EXTENSIONS[actual][0]}).`,
        { field: 'file', issue: 'CONTENT_MISMATCH', actual },
      );
    }
    if (!looksComplete(actual, bytes)) {
      throw new LoketError(
        'VALIDATION',
        `Berkas "${fileName}" rusak atau terpotong (akhir berkas ${TYPE_LABEL[actual]} tidak ditemukan). Pindai atau salin ulang.`,
        `"${fileName}" is corrupt or truncated (the end of the ${TYPE_LABEL[actual]} file is missing). Scan or copy it again.`,
        { field: 'file', issue: 'CORRUPT' },
      );
    }
    return actual;
  }

  private blobPath(name: string): string {
    return path.join(this.dir, name.slice(0, 2), name);
  }

  /** Writes the encrypted blob if this content is not stored yet (temp file, fsync, rename). */
  private async writeBlob(key: Buffer, sha256: string, plaintext: Buffer): Promise<string> {
    const name = blobName(key, sha256);
    const final = this.blobPath(name);
    if (fs.existsSync(final)) return name;
    await fs.promises.mkdir(path.dirname(final), { recursive: true });
    const tmp = `${final}${TMP_MARK}${randomBytes(4).toString('hex')}`;
    const fh = await fs.promises.open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(encryptDocument(plaintext, key, sha256));
      await fh.sync();
    } finally {
      await fh.close();
    }
    this.o.faults?.afterTempWrite?.();
    await fs.promises.rename(tmp, final);
    this.o.faults?.afterRename?.();
    return name;
  }

  async save(input: SaveInput): Promise<DocumentView> {
    this.checkSize(input.bytes.length);
    const claimed = this.checkName(input.fileName, input.declaredType);
    const mime = this.checkContent(input.bytes, claimed, input.fileName);
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const key = await this.o.keys.getKey();

    const sameDraft = (await this.o.db('documents').where({ draft_id: input.draftId, sha256 }).first('requirement_code', 'file_name')) as
      | { requirement_code: string | null; file_name: string }
      | undefined;
    if (sameDraft) {
      throw new LoketError(
        'CONFLICT',
        `Berkas yang sama (SHA-256 identik) sudah dilampirkan pada permohonan ini${sameDraft.requirement_code ? ` untuk persyaratan ${sameDraft.requirement_code}` : ''} ("${sameDraft.file_name}").`,
        `The same file (identical SHA-256) is already attached to this application${sameDraft.requirement_code ? ` for requirement ${sameDraft.requirement_code}` : ''} ("${sameDraft.file_name}").`,
        { field: 'file', issue: 'DUPLICATE' },
      );
    }
    const blob = await this.writeBlob(key, sha256, input.bytes);
    const now = this.o.now();
    const row: DocumentRow = {
      id: randomUUID(),
      sha256,
      blob,
      mime,
      size: input.bytes.length,
      file_name: input.fileName.trim().slice(0, 200),
      rotation: 0,
      requirement_code: input.requirementCode,
      draft_id: input.draftId,
      application_id: null,
      agency_id: input.agencyId,
      created_at: now.toISOString(),
      created_by: input.officerId,
      retention_until: new Date(now.getTime() + this.draftRetentionDays * DAY_MS).toISOString(),
    };
    await this.o.db('documents').insert(row);
    return toView(row, await this.duplicateOf(row));
  }

  /** Where else this content is attached (another application), for the duplicate warning. */
  private async duplicateOf(row: DocumentRow): Promise<DocumentView['duplicateOf']> {
    const other = (await this.o.db('documents as d')
      .leftJoin('applications as a', 'a.id', 'd.application_id')
      .where('d.sha256', row.sha256)
      .whereNot('d.id', row.id)
      .where((q) => q.whereNull('d.draft_id').orWhereNot('d.draft_id', row.draft_id ?? ''))
      .orderBy('d.created_at', 'desc')
      .first('d.application_id', 'a.registration_number', 'd.requirement_code')) as
      | { application_id: string | null; registration_number: string | null; requirement_code: string | null }
      | undefined;
    return other ? { applicationId: other.application_id, registrationNumber: other.registration_number ?? null, requirementCode: other.requirement_code } : null;
  }

  async row(id: string): Promise<DocumentRow> {
    const row = (await this.o.db('documents').where({ id }).first()) as DocumentRow | undefined;
    if (!row) throw new LoketError('NOT_FOUND', 'Berkas tidak ditemukan.', 'Document not found.');
    return row;
  }

  /** Decrypts a stored scan and checks it against its SHA-256. */
  async readBytes(row: DocumentRow): Promise<Buffer> {
    const key = await this.o.keys.getKey();
    let stored: Buffer;
    try {
      stored = await fs.promises.readFile(this.blobPath(row.blob));
    } catch {
      throw new LoketError('NOT_FOUND', 'Isi berkas tidak ditemukan di komputer ini.', 'The document content is missing on this computer.');
    }
    let plain: Buffer;
    try {
      plain = decryptDocument(stored, key, row.sha256);
    } catch (e) {
      if (e instanceof DecryptError) {
        throw new LoketError(
          'INTERNAL',
          'Berkas tidak dapat dibuka: kunci enkripsi tidak cocok atau berkas rusak.',
          'The document cannot be opened: the encryption key does not match or the file is damaged.',
        );
      }
      throw e;
    }
    if (createHash('sha256').update(plain).digest('hex') !== row.sha256) {
      throw new LoketError('INTERNAL', 'Isi berkas tidak cocok dengan kode SHA-256-nya.', 'The document content does not match its SHA-256.');
    }
    return plain;
  }

  async list(filter: { draftId?: string; applicationId?: string }): Promise<DocumentView[]> {
    const q = this.o.db('documents').select();
    if (filter.draftId) q.where({ draft_id: filter.draftId });
    if (filter.applicationId) q.where({ application_id: filter.applicationId });
    if (!filter.draftId && !filter.applicationId) return [];
    return ((await q.orderBy('created_at')) as DocumentRow[]).map((r) => toView(r));
  }

  async rotate(id: string, rotation: 0 | 90 | 180 | 270): Promise<DocumentView> {
    await this.row(id);
    await this.o.db('documents').where({ id }).update({ rotation });
    return toView(await this.row(id));
  }

  /** Removes a scan that is not part of a registered application yet. */
  async remove(id: string): Promise<void> {
    const row = await this.row(id);
    if (row.application_id) {
      throw new LoketError('VALIDATION', 'Berkas permohonan yang sudah didaftarkan tidak dapat dihapus.', 'Documents of a registered application cannot be removed.');
    }
    await this.o.db('documents').where({ id }).delete();
    await this.removeBlobIfUnused(row.blob);
  }

  /** Inside the registration transaction: the draft's scans become the application's, with their retention date. */
  async attach(trx: Knex.Transaction, draftId: string, applicationId: string, at: Date): Promise<DocumentRow[]> {
    await trx('documents')
      .where({ draft_id: draftId })
      .whereNull('application_id')
      .update({ application_id: applicationId, retention_until: new Date(at.getTime() + this.retentionDays * DAY_MS).toISOString() });
    return (await trx('documents').where({ application_id: applicationId }).orderBy('created_at')) as DocumentRow[];
  }

  /** The path the sync engine uploads from (decrypted on the fly, see upload-source.ts). */
  uploadPath(row: Pick<DocumentRow, 'blob' | 'sha256'>): string {
    return `${this.uploadScheme}:${row.blob}:${row.sha256}`;
  }

  async plaintextForUpload(blob: string, sha256: string): Promise<Buffer> {
    return this.readBytes({ blob, sha256 } as DocumentRow);
  }

  private async removeBlobIfUnused(blob: string): Promise<void> {
    const used = await this.o.db('documents').where({ blob }).first('id');
    if (!used) await fs.promises.rm(this.blobPath(blob), { force: true });
  }

  /**
   * Start-up cleanup: temp files of interrupted saves, blobs no row refers to (a crash between
   * rename and insert), and scans past their retention date (drafts never registered, and
   * registered ones after the retention period).
   */
  async sweep(): Promise<{ temp: number; orphans: number; expired: number }> {
    const out = { temp: 0, orphans: 0, expired: 0 };
    const expired = (await this.o.db('documents').where('retention_until', '<', this.o.now().toISOString()).select('id', 'blob')) as { id: string; blob: string }[];
    if (expired.length) {
      await this.o.db('documents').whereIn('id', expired.map((e) => e.id)).delete();
      out.expired = expired.length;
    }
    if (!fs.existsSync(this.dir)) return out;
    const used = new Set(((await this.o.db('documents').distinct('blob')) as { blob: string }[]).map((r) => r.blob));
    for (const sub of await fs.promises.readdir(this.dir)) {
      const subDir = path.join(this.dir, sub);
      if (!(await fs.promises.stat(subDir)).isDirectory()) continue;
      for (const f of await fs.promises.readdir(subDir)) {
        if (f.includes(TMP_MARK)) {
          await fs.promises.rm(path.join(subDir, f), { force: true });
          out.temp++;
        } else if (!used.has(f)) {
          await fs.promises.rm(path.join(subDir, f), { force: true });
          out.orphans++;
        }
      }
    }
    return out;
  }
}
