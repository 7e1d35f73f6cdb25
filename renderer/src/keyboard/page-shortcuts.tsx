/**
 * The keys of the page on screen (F2 Call next on the counter, F2 Issue at the front desk, …),
 * published by the page so that the F1 help dialog lists them under the global shortcuts.
 * A page calls `usePageShortcuts(list)`; the list is dropped when the page unmounts.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export interface PageShortcut {
  id: string;
  /** Alternative key combinations; each is a list of keys pressed together. */
  combos: readonly (readonly string[])[];
  /** Already translated. */
  label: string;
}

interface PageShortcutsState {
  list: readonly PageShortcut[];
  set: (list: readonly PageShortcut[]) => void;
}

const PageShortcutsContext = createContext<PageShortcutsState | null>(null);

export function PageShortcutsProvider({ children }: { children: ReactNode }) {
  const [list, set] = useState<readonly PageShortcut[]>([]);
  const value = useMemo(() => ({ list, set }), [list]);
  return <PageShortcutsContext.Provider value={value}>{children}</PageShortcutsContext.Provider>;
}

/** Publishes the page's keys while it is mounted (re-published when the labels change, e.g. the language). */
export function usePageShortcuts(list: readonly PageShortcut[]): void {
  const set = useContext(PageShortcutsContext)?.set;
  const key = JSON.stringify(list);
  useEffect(() => {
    if (!set) return undefined;
    set(JSON.parse(key) as PageShortcut[]);
    return () => set([]);
  }, [set, key]);
}

export function usePageShortcutList(): readonly PageShortcut[] {
  return useContext(PageShortcutsContext)?.list ?? [];
}
