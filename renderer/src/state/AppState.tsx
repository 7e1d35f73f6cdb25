/**
 * App-wide state fed by IPC: settings, session, connection status and catalog.
 * Start-up reads `settings.get`, `auth.session` and `status.get`; afterwards the
 * `session.changed` / `status.changed` events keep it current, and the session
 * is re-read every 30 s (a passive call) so an idle lock decided by main shows
 * up even if an event was missed.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Input, Settings } from '../../../common/ipc/contract';
import type { Catalog, Locale, Session, Status } from '../../../common/ipc/models';
import { api, call, onApiError, useEvent, type ApiError, isApiError } from '../api/client';
import { applyLocale, currentLocale } from '../i18n';

export type SettingsPatch = Input<'settings.update'>;

export const SESSION_POLL_MS = 30_000;
const MALL_NAME_KEY = 'loket.mallName';

export interface AppState {
  booted: boolean;
  settings: Settings | null;
  session: Session | null;
  status: Status | null;
  catalog: Catalog | null;
  catalogError: ApiError | null;
  /** Mall name from the catalog, or the last one seen (cached for the sign-in screen). */
  mallName: string | null;
  setSession: (session: Session | null) => void;
  refreshSession: () => Promise<void>;
  setStatus: (status: Status) => void;
  updateSettings: (patch: SettingsPatch) => Promise<Settings>;
  changeLocale: (locale: Locale) => Promise<void>;
  reloadCatalog: () => Promise<void>;
}

const AppStateContext = createContext<AppState | null>(null);

function readCachedMallName(): string | null {
  try {
    return window.localStorage.getItem(MALL_NAME_KEY);
  } catch {
    return null;
  }
}

function cacheMallName(name: string): void {
  try {
    window.localStorage.setItem(MALL_NAME_KEY, name);
  } catch {
    /* storage unavailable: the name is only a convenience */
  }
}

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [booted, setBooted] = useState(false);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [session, setSessionState] = useState<Session | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [catalogError, setCatalogError] = useState<ApiError | null>(null);
  const [cachedMallName, setCachedMallName] = useState<string | null>(readCachedMallName);

  const setSession = useCallback((next: Session | null) => {
    setSessionState(next);
  }, []);

  const refreshSession = useCallback(async () => {
    try {
      const next = await call(api().auth.session({}));
      // The 30 s poll usually returns the same session: keep the old object so nothing re-renders.
      setSessionState((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    } catch {
      /* keep what we have; the next poll or event will correct it */
    }
  }, []);

  // Start-up: the three public, passive reads.
  useEffect(() => {
    let cancelled = false;
    const boot = async () => {
      const [s, sess, st] = await Promise.allSettled([
        call(api().settings.get({})),
        call(api().auth.session({})),
        call(api().status.get({})),
      ]);
      if (cancelled) return;
      if (s.status === 'fulfilled') {
        setSettings(s.value);
        await applyLocale(s.value.locale);
      } else {
        await applyLocale(currentLocale());
      }
      if (sess.status === 'fulfilled') setSessionState(sess.value);
      if (st.status === 'fulfilled') setStatus(st.value);
      if (!cancelled) setBooted(true);
    };
    void boot();
    return () => {
      cancelled = true;
    };
  }, []);

  useEvent('session.changed', (next) => setSessionState(next));
  useEvent('status.changed', (next) => setStatus(next));

  // Main answered LOCKED / UNAUTHENTICATED: our idea of the session is stale.
  useEffect(
    () =>
      onApiError((e) => {
        if (e.code === 'LOCKED' || e.code === 'UNAUTHENTICATED') void refreshSession();
      }),
    [refreshSession],
  );

  const signedIn = session !== null;
  useEffect(() => {
    if (!signedIn) return undefined;
    const timer = window.setInterval(() => void refreshSession(), SESSION_POLL_MS);
    return () => window.clearInterval(timer);
  }, [signedIn, refreshSession]);

  // Catalog: only readable with an unlocked session.
  const unlockedOfficerId = session && !session.locked ? session.officer.id : null;
  const lastSyncAt = status?.lastSyncAt ?? null;
  const catalogRequest = useRef(0);
  const reloadCatalog = useCallback(async () => {
    const request = ++catalogRequest.current;
    try {
      const value = await call(api().catalog.get({}));
      if (request !== catalogRequest.current) return;
      setCatalog(value);
      setCatalogError(null);
      if (value.mallName) {
        cacheMallName(value.mallName);
        setCachedMallName(value.mallName);
      }
    } catch (e) {
      if (request !== catalogRequest.current) return;
      if (isApiError(e)) setCatalogError(e);
    }
  }, []);

  useEffect(() => {
    if (unlockedOfficerId === null) return;
    void reloadCatalog();
  }, [unlockedOfficerId, lastSyncAt, reloadCatalog]);

  useEffect(() => {
    if (!signedIn) {
      catalogRequest.current += 1;
      setCatalog(null);
      setCatalogError(null);
    }
  }, [signedIn]);

  const updateSettings = useCallback(async (patch: SettingsPatch) => {
    const next = await call(api().settings.update(patch));
    setSettings(next);
    return next;
  }, []);

  const changeLocale = useCallback(
    async (locale: Locale) => {
      const previous = currentLocale();
      await applyLocale(locale);
      try {
        await updateSettings({ locale });
      } catch (e) {
        await applyLocale(previous);
        throw e;
      }
    },
    [updateSettings],
  );

  const value = useMemo<AppState>(
    () => ({
      booted,
      settings,
      session,
      status,
      catalog,
      catalogError,
      mallName: catalog?.mallName || cachedMallName,
      setSession,
      refreshSession,
      setStatus,
      updateSettings,
      changeLocale,
      reloadCatalog,
    }),
    [
      booted,
      settings,
      session,
      status,
      catalog,
      catalogError,
      cachedMallName,
      setSession,
      refreshSession,
      updateSettings,
      changeLocale,
      reloadCatalog,
    ],
  );

  return <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>;
}

export function useAppState(): AppState {
  const ctx = useContext(AppStateContext);
  if (!ctx) throw new Error('useAppState must be used inside <AppStateProvider>');
  return ctx;
}

/** The signed-in session; only for components rendered behind the sign-in gate. */
export function useSession(): Session {
  const { session } = useAppState();
  if (!session) throw new Error('useSession used without a session');
  return session;
}
