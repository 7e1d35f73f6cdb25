/**
 * Result envelope returned by every IPC call (after Signal Desktop's envelopes):
 * errors cross the process boundary as data with a stable code, never as thrown objects.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'BAD_SENDER',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'LOCKED',
  'RATE_LIMITED',
  'INVALID_CREDENTIALS',
  'OFFLINE',
  'SERVER',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** Indonesian text, shown by default. */
  message: string;
  /** English text, for the second locale. */
  messageEn: string;
  /** Optional structured detail, e.g. which field failed or seconds to wait. */
  details?: Record<string, string | number | boolean | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (error: AppError): { ok: false; error: AppError } => ({ ok: false, error });

/** Thrown inside services; the dispatcher turns it into an error envelope. */
export class LoketError extends Error {
  readonly code: ErrorCode;
  readonly messageId: string;
  readonly details?: AppError['details'];
  constructor(code: ErrorCode, id: string, en: string, details?: AppError['details']) {
    super(en);
    this.name = 'LoketError';
    this.code = code;
    this.messageId = id;
    this.details = details;
  }
  toAppError(): AppError {
    const e: AppError = { code: this.code, message: this.messageId, messageEn: this.message };
    if (this.details) e.details = this.details;
    return e;
  }
}

export const isLoketError = (e: unknown): e is LoketError => e instanceof LoketError;
