import { useCallback, useEffect, useRef, useState } from 'react';
import type { ServiceQueue } from '../../../../common/ipc/channels/queue';
import { api, call, useEvent } from '../../api/client';

export const OVERVIEW_REFRESH_MS = 15_000;

export interface QueueOverview {
  services: ServiceQueue[] | null;
  at: string | null;
  error: unknown;
  reload: () => Promise<void>;
}

/** Waiting counts per service: on mount, on every 'queue.changed' and every 15 s. */
export function useQueueOverview(refreshMs = OVERVIEW_REFRESH_MS): QueueOverview {
  const [services, setServices] = useState<ServiceQueue[] | null>(null);
  const [at, setAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    try {
      const value = await call(api().queue.overview({}));
      if (mine !== request.current) return;
      setServices(value.services);
      setAt(value.at);
      setError(null);
    } catch (e) {
      if (mine === request.current) setError(e);
    }
  }, []);

  useEffect(() => {
    void reload();
    const timer = window.setInterval(() => void reload(), refreshMs);
    return () => {
      window.clearInterval(timer);
      request.current += 1;
    };
  }, [reload, refreshMs]);

  useEvent('queue.changed', () => void reload());
  return { services, at, error, reload };
}
