/** Zod validation of request bodies and params with bilingual, field-naming messages. */
import type { z } from 'zod';
import { LoketError } from '../../../common/ipc/result';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: 'body' | 'params' | 'query' = 'body'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new LoketError('VALIDATION', 'Data yang dikirim tidak valid.', 'The request data is invalid.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    throw new LoketError('VALIDATION', `Kolom tidak dikenal: ${keys}.`, `Unknown field(s): ${keys}.`, { field: keys, issue: issue.code, in: what });
  }
  const field = issue.path.map(String).join('.');
  if (!field) {
    const [id, en] = what === 'body' ? ['Isi permintaan harus berupa objek JSON.', 'The request body must be a JSON object.'] : ['Parameter tidak valid.', 'Invalid parameters.'];
    throw new LoketError('VALIDATION', id, en, { issue: issue.code, in: what });
  }
  throw new LoketError('VALIDATION', `Nilai kolom "${field}" tidak valid.`, `Invalid value for "${field}": ${issue.message}.`, { field, issue: issue.code, in: what });
}
