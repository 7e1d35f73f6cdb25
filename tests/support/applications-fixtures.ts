/** Helpers for the applications tests: chunked scan upload through the real dispatcher, checklists. */
import type { Loket } from '../../main/app/compose';
import type { ChecklistItem } from '../../common/applications/application';
import type { ServiceStandard } from '../../common/catalog/standard';
import type { DocumentView } from '../../common/documents/document';
import type { Result } from '../../common/ipc/result';

export const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.messageEn}`);
  return r.value as T;
};

export async function uploadScan(loket: Loket, draftId: string, requirementCode: string | null, fileName: string, declaredType: string, bytes: Buffer): Promise<Result<unknown>> {
  const begun = await loket.dispatch('documents.beginUpload', { draftId, requirementCode, fileName, declaredType, size: bytes.length });
  if (!begun.ok) return begun;
  const { uploadId, chunkBytes } = begun.value as { uploadId: string; chunkBytes: number };
  for (let i = 0, off = 0; off < bytes.length; i++, off += chunkBytes) {
    const r = await loket.dispatch('documents.uploadChunk', { uploadId, index: i, data: bytes.subarray(off, off + chunkBytes).toString('base64') });
    if (!r.ok) return r;
  }
  return loket.dispatch('documents.finishUpload', { uploadId });
}

export async function uploadOk(loket: Loket, draftId: string, code: string | null, name: string, type: string, bytes: Buffer): Promise<DocumentView> {
  return value<DocumentView>(await uploadScan(loket, draftId, code, name, type, bytes));
}

export const checklist = (standard: ServiceStandard, states: Record<string, ChecklistItem['state'] | [ChecklistItem['state'], string]> = {}): ChecklistItem[] =>
  standard.requirements.map((r) => {
    const s = states[r.code] ?? (r.mandatory ? 'valid' : 'missing');
    const [state, reason] = Array.isArray(s) ? s : [s, null];
    return { code: r.code, name: r.name, mandatory: r.mandatory, state, reason };
  });
