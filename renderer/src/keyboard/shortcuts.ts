/**
 * The single table of keyboard shortcuts: the global handler matches key
 * presses against it and the help dialog / home page render it.
 */
import { useEffect, useRef } from 'react';

export type ShortcutAction =
  | { type: 'navigate'; index: number }
  | { type: 'lock' }
  | { type: 'help' }
  | { type: 'sync' };

export type ShortcutId = ShortcutAction['type'];

export interface Shortcut {
  id: ShortcutId;
  /** Alternative key combinations; each is a list of keys pressed together. */
  combos: readonly (readonly string[])[];
  /** i18n key of the description. */
  descriptionKey: `shortcuts.${ShortcutId}`;
  /** Whether the shortcut also fires while typing in a text field. */
  inTextFields: boolean;
  match: (e: KeyboardEvent) => ShortcutAction | null;
}

const onlyMods = (e: KeyboardEvent, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean }): boolean =>
  e.ctrlKey === Boolean(mods.ctrl) &&
  e.altKey === Boolean(mods.alt) &&
  e.shiftKey === Boolean(mods.shift) &&
  !e.metaKey;

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'navigate',
    combos: [['Alt', '1 … 9']],
    descriptionKey: 'shortcuts.navigate',
    inTextFields: true,
    match: (e) => {
      // e.code, not e.key: Alt+digit produces other characters on some layouts.
      const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
      return m?.[1] && onlyMods(e, { alt: true }) ? { type: 'navigate', index: Number(m[1]) - 1 } : null;
    },
  },
  {
    id: 'lock',
    combos: [['Ctrl', 'L']],
    descriptionKey: 'shortcuts.lock',
    inTextFields: true,
    match: (e) => (e.code === 'KeyL' && onlyMods(e, { ctrl: true }) ? { type: 'lock' } : null),
  },
  {
    id: 'help',
    combos: [['F1'], ['Shift', '/']],
    descriptionKey: 'shortcuts.help',
    inTextFields: false,
    match: (e) => {
      if (e.key === 'F1' && onlyMods(e, {})) return { type: 'help' };
      if ((e.key === '?' || e.code === 'Slash') && onlyMods(e, { shift: true })) return { type: 'help' };
      return null;
    },
  },
  {
    id: 'sync',
    combos: [['Ctrl', 'Shift', 'S']],
    descriptionKey: 'shortcuts.sync',
    inTextFields: true,
    match: (e) => (e.code === 'KeyS' && onlyMods(e, { ctrl: true, shift: true }) ? { type: 'sync' } : null),
  },
];

const isTextEntry = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  return false;
};

/** Finds the shortcut for a key press, honouring `inTextFields`. */
export function matchShortcut(e: KeyboardEvent): ShortcutAction | null {
  if (e.repeat) return null;
  const typing = isTextEntry(e.target);
  for (const s of SHORTCUTS) {
    if (typing && !s.inTextFields) continue;
    const action = s.match(e);
    if (action) return action;
  }
  return null;
}

/**
 * Listens for the shortcuts on the whole window while `enabled`. The handler
 * returns false for an action it does not take, so the key keeps its default.
 */
export function useShortcuts(handler: (action: ShortcutAction) => boolean, enabled = true): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = matchShortcut(e);
      if (action && latest.current(action)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
