/**
 * The only module that touches `window.loket`.
 *
 * In Electron the preload script defines `window.loket`; in the dev harness an
 * injected shim does. Both build it with `buildApi` from the shared contract, so
 * the type below is the single source of truth for every channel and event.
 */
import { useEffect, useRef } from 'react';
import type { LoketApi } from '../../../common/ipc/api';
import type { EventName, EventPayload } from '../../../common/ipc/contract';
import type { AppError, ErrorCode, Result } from '../../../common/ipc/result';

declare global {
  interface Window {
    /** Defined by the preload (Electron) or the harness shim; never by the renderer. */
    loket?: LoketApi;
  }
}

/** A failed IPC call, rethrown on the renderer side with its stable code and both languages. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly messageEn: string;
  readonly details: NonNullable<AppError['details']>;

  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.messageEn = error.messageEn;
    this.details = error.details ?? {};
  }

  /** A numeric detail such as `retryAfterSeconds`, or null. */
  detailNumber(key: string): number | null {
    const v = this.details[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** True when the preload/shim has provided the bridge. */
export function isApiAvailable(): boolean {
  return typeof window !== 'undefined' && typeof window.loket === 'object' && window.loket !== null;
}

/** The typed bridge. Callers render the missing-bridge screen before ever reaching this. */
export function api(): LoketApi {
  const bridge = window.loket;
  if (!bridge) {
    throw new ApiError({
      code: 'INTERNAL',
      message: 'Penghubung aplikasi (window.loket) tidak tersedia.',
      messageEn: 'The application bridge (window.loket) is not available.',
    });
  }
  return bridge;
}

type ErrorListener = (error: ApiError) => void;
const errorListeners = new Set<ErrorListener>();

/**
 * Be told about every error that `unwrap` throws (the app state uses it to
 * re-read the session when main answers LOCKED or UNAUTHENTICATED).
 */
export function onApiError(listener: ErrorListener): () => void {
  errorListeners.add(listener);
  return () => {
    errorListeners.delete(listener);
  };
}

/** Returns the value of a successful envelope or throws an `ApiError`. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const error = new ApiError(result.error);
  for (const listener of errorListeners) listener(error);
  throw error;
}

/**
 * Awaits an IPC call and unwraps it. A transport that rejects (it should not:
 * errors cross IPC as data) is turned into an INTERNAL `ApiError` too.
 */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    result = {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `Panggilan ke proses utama gagal: ${detail}`,
        messageEn: `The call to the main process failed: ${detail}`,
      },
    };
  }
  return unwrap(result);
}

/** Subscribe to a main-process event for the lifetime of the component. */
export function useEvent<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): void {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    if (!isApiAvailable()) return undefined;
    const unsubscribe = api().on(event, (payload) => latest.current(payload));
    return unsubscribe;
  }, [event]);
}
