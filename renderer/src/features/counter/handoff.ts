/**
 * Hand-off from the counter to the applications page ("Verifikasi berkas &
 * permohonan"): the finished ticket stays in app memory, so the officer never
 * retypes its number. The applications feature reads it with
 * `useApplicationHandoff()` and clears it with `clearApplicationHandoff()`.
 */
import { useSyncExternalStore } from 'react';

export interface ApplicationHandoff {
  ticketId: string;
  ticketNumber: string;
  serviceId: string;
  serviceName: string;
  at: string;
}

let current: ApplicationHandoff | null = null;
const listeners = new Set<() => void>();

export function setApplicationHandoff(value: ApplicationHandoff | null): void {
  current = value;
  for (const l of listeners) l();
}

export const clearApplicationHandoff = (): void => setApplicationHandoff(null);

export function getApplicationHandoff(): ApplicationHandoff | null {
  return current;
}

export function useApplicationHandoff(): ApplicationHandoff | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
