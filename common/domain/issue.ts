/**
 * A user-facing validation error or warning. Same text shape as AppError (common/ipc/result.ts)
 * so the UI can show either; `code` is a stable, domain-specific identifier (e.g. NIK_LENGTH).
 */
export interface Issue {
  code: string;
  /** Indonesian text, shown by default. */
  message: string;
  /** English text, for the second locale. */
  messageEn: string;
  details?: Record<string, string | number | boolean | null>;
}

export const issue = (code: string, message: string, messageEn: string, details?: Issue['details']): Issue =>
  details ? { code, message, messageEn, details } : { code, message, messageEn };

/** Outcome shape used by every domain parser: a value plus warnings, or the list of errors. */
export type Checked<T> = ({ ok: true } & T & { warnings: Issue[] }) | { ok: false; errors: Issue[] };
