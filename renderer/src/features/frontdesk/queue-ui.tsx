/**
 * Small pieces shared by the queue screens (front desk, counter, board, printers):
 * domain labels in the current language, <kbd> hints, page-level function keys,
 * a ticking clock and waiting-time text.
 */
import { Box, Chip, Tooltip } from '@mui/material';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_CATEGORY_LABELS, type TicketCategory } from '../../../../common/domain/queue/priority';
import { TICKET_STATE_LABELS, type TicketState } from '../../../../common/domain/queue/ticket-state';
import type { Locale } from '../../../../common/ipc/models';

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'en' ? 'en' : 'id';
}

export const categoryLabel = (c: TicketCategory, locale: Locale): string => TICKET_CATEGORY_LABELS[c][locale];
export const stateLabel = (s: TicketState, locale: Locale): string => TICKET_STATE_LABELS[s][locale];

/** A key cap shown on a button or next to a field (styled by the theme's `kbd`). */
export function Kbd({ children, dark = false }: { children: ReactNode; dark?: boolean }) {
  return (
    <Box
      component="kbd"
      aria-hidden
      sx={dark ? { background: 'rgba(255,255,255,0.16) !important', color: 'inherit !important', borderColor: 'rgba(255,255,255,0.6) !important' } : undefined}
    >
      {children}
    </Box>
  );
}

const isTextEntry = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(target.type);
};

export interface PageKeyEvent {
  key: string;
  /** True when focus is in a text field (plain letters and digits belong to the field). */
  typing: boolean;
  original: KeyboardEvent;
}

/**
 * Page-level keys (F2…F10, digits) while the page is shown and no dialog is open.
 * The handler returns true when it used the key; the key's default is then prevented.
 * Keys with Ctrl/Alt/Meta are left to the global shortcuts.
 */
export function usePageKeys(handler: (e: PageKeyEvent) => boolean, enabled = true): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
      // A modal dialog (ours or the shell's) owns the keyboard.
      if (document.querySelector('.MuiDialog-root')) return;
      if (latest.current({ key: e.key, typing: isTextEntry(e.target), original: e })) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

/** The current time, re-rendered every `ms` (timers, waiting times). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

/** "4 mnt", "1 j 05 mnt" / "4 min", "1 h 05 min"; "<1 mnt" under a minute. */
export function formatMinutes(fromIso: string | null, now: number, locale: Locale): string {
  if (!fromIso) return '—';
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) return '—';
  const minutes = Math.max(0, Math.floor((now - from) / 60_000));
  const m = locale === 'en' ? 'min' : 'mnt';
  const h = locale === 'en' ? 'h' : 'j';
  if (minutes < 1) return `<1 ${m}`;
  if (minutes < 60) return `${minutes} ${m}`;
  return `${Math.floor(minutes / 60)} ${h} ${String(minutes % 60).padStart(2, '0')} ${m}`;
}

/** "03:07" or "1:03:07": a running stopwatch. */
export function formatClock(fromIso: string | null, now: number, until?: string | null): string {
  if (!fromIso) return '—';
  const from = Date.parse(fromIso);
  const to = until ? Date.parse(until) : now;
  if (Number.isNaN(from) || Number.isNaN(to)) return '—';
  const total = Math.max(0, Math.floor((to - from) / 1000));
  const s = String(total % 60).padStart(2, '0');
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`;
}

/** Badge for a ticket change that is only on this computer so far. */
export function UnsyncedBadge({ synced }: { synced: boolean }) {
  const { t } = useTranslation();
  if (synced) return null;
  return (
    <Tooltip title={t('queueCommon.unsyncedHint')}>
      <Chip
        size="small"
        icon={<CloudOffIcon />}
        label={t('queueCommon.unsynced')}
        data-testid="unsynced-badge"
        sx={{ bgcolor: '#FFF1D6', color: '#6E4600', fontWeight: 600, '& .MuiChip-icon': { color: '#6E4600' } }}
      />
    </Tooltip>
  );
}
