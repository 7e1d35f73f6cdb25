import { useCallback, useEffect, useRef, useState } from 'react';
import type { CounterState } from '../../../../common/ipc/channels/queue';
import { api, call, useEvent } from '../../api/client';

export const COUNTER_POLL_MS = 10_000;

/** The counter's state: read on mount, on 'queue.changed' and every 10 s (passive reads). */
export function useCounterState() {
  const [state, setState] = useState<CounterState | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    try {
      const value = await call(api().counter.state({}));
      if (mine !== request.current) return;
      setState(value);
      setLoadError(null);
    } catch (e) {
      if (mine === request.current) setLoadError(e);
    }
  }, []);

  /** Applies the state an action returned (newer than any read in flight). */
  const apply = useCallback((value: CounterState) => {
    request.current += 1;
    setState(value);
    setLoadError(null);
  }, []);

  useEffect(() => {
    void reload();
    const timer = window.setInterval(() => void reload(), COUNTER_POLL_MS);
    return () => {
      window.clearInterval(timer);
      request.current += 1;
    };
  }, [reload]);

  useEvent('queue.changed', () => void reload());

  return { state, loadError, reload, apply };
}
