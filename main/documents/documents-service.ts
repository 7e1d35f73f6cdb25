/**
 * IPC-facing document operations: chunked upload → DocumentStore.save, preview reads in chunks,
 * rotate, remove, list. Officers reach their own agency's scans only (supervisors and admins all);
 * the front desk none. Scans are read back for the signed-in officer only, never logged.
 */
import type { BeginUploadInput, DocumentView } from '../../common/documents/document';
import { DOCUMENT_READ_CHUNK_BYTES } from '../../common/documents/document';
import type { Officer, Session } from '../../common/ipc/models';
import { LoketError } from '../../common/ipc/result';
import { bufferSource, registerUploadSource } from '../sync/files';
import type { DocumentRow, DocumentStore } from './document-store';
import { toView } from './document-store';
import { UploadSessions } from './uploads';

export class DocumentsService {
  readonly uploads = new UploadSessions();
  private readonly unregister: () => void;

  constructor(
    private readonly store: DocumentStore,
    private readonly session: () => Promise<Session | null>,
  ) {
    // The sync engine uploads scans through this opener: decrypted in memory, never written out in clear.
    this.unregister = registerUploadSource(store.uploadScheme, async (rest) => {
      const [blob = '', sha256 = ''] = rest.split(':');
      return bufferSource(await store.plaintextForUpload(blob, sha256));
    });
  }

  close(): void {
    this.unregister();
  }

  private async officer(): Promise<Officer> {
    const s = await this.session();
    if (!s) throw new LoketError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
    if (s.officer.role === 'frontdesk') throw new LoketError('FORBIDDEN', 'Resepsionis tidak menangani berkas permohonan.', 'The front desk does not handle application documents.');
    return s.officer;
  }

  private assertAccess(officer: Officer, row: DocumentRow): void {
    if (officer.role === 'supervisor' || officer.role === 'admin') return;
    if (row.agency_id !== null && row.agency_id === officer.agencyId) return;
    if (row.agency_id === null && row.created_by === officer.id) return;
    throw new LoketError('FORBIDDEN', 'Berkas ini milik instansi lain.', 'This document belongs to another agency.');
  }

  async begin(input: BeginUploadInput): Promise<{ uploadId: string; chunkBytes: number }> {
    const officer = await this.officer();
    // Refused before any byte is sent: size over the limit, a type we do not accept, a name/type mismatch.
    this.store.checkSize(input.size);
    this.store.checkName(input.fileName, input.declaredType);
    return this.uploads.begin(input, officer.id);
  }

  async chunk(uploadId: string, index: number, data: string): Promise<{ received: number }> {
    const officer = await this.officer();
    return this.uploads.chunk(uploadId, index, data, officer.id);
  }

  async finish(uploadId: string): Promise<DocumentView> {
    const officer = await this.officer();
    const { meta, bytes } = this.uploads.take(uploadId, officer.id);
    return this.store.save({
      bytes,
      fileName: meta.fileName,
      declaredType: meta.declaredType,
      draftId: meta.draftId,
      requirementCode: meta.requirementCode,
      agencyId: officer.agencyId,
      officerId: officer.id,
    });
  }

  async cancel(uploadId: string): Promise<void> {
    await this.officer();
    this.uploads.cancel(uploadId);
  }

  async list(filter: { draftId?: string; applicationId?: string }): Promise<DocumentView[]> {
    const officer = await this.officer();
    const all = await this.store.list(filter);
    const rows = await Promise.all(all.map((d) => this.store.row(d.id)));
    return rows.filter((r) => {
      try {
        this.assertAccess(officer, r);
        return true;
      } catch {
        return false;
      }
    }).map((r) => toView(r));
  }

  /** A piece of the decrypted scan for the preview (base64), with the total size. */
  async read(id: string, offset: number): Promise<{ data: string; offset: number; total: number; mime: string; sha256: string }> {
    const officer = await this.officer();
    const row = await this.store.row(id);
    this.assertAccess(officer, row);
    const bytes = await this.store.readBytes(row);
    const part = bytes.subarray(offset, offset + DOCUMENT_READ_CHUNK_BYTES);
    return { data: part.toString('base64'), offset, total: bytes.length, mime: row.mime, sha256: row.sha256 };
  }

  async rotate(id: string, rotation: 0 | 90 | 180 | 270): Promise<DocumentView> {
    const officer = await this.officer();
    this.assertAccess(officer, await this.store.row(id));
    return this.store.rotate(id, rotation);
  }

  async remove(id: string): Promise<void> {
    const officer = await this.officer();
    this.assertAccess(officer, await this.store.row(id));
    await this.store.remove(id);
  }
}
