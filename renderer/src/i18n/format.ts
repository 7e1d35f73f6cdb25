/**
 * Dates and numbers follow Indonesian conventions (id-ID: "Senin, 3 Maret 2025",
 * 14.30, 1.234). In the English UI the same conventions are kept with English
 * words (the CLDR "en-ID" locale: "Monday, 3 March 2025", 14.30).
 */
import { format } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { id as idLocale } from 'date-fns/locale/id';
import type { Locale } from '../../../common/ipc/models';

const intlLocale = (locale: Locale): string => (locale === 'en' ? 'en-ID' : 'id-ID');

const toDate = (value: Date | string): Date | null => {
  const d = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? null : d;
};

/** "Senin, 3 Maret 2025" */
export function formatLongDate(value: Date | string, locale: Locale): string {
  const d = toDate(value);
  if (!d) return '—';
  return format(d, 'EEEE, d MMMM yyyy', { locale: locale === 'en' ? enGB : idLocale });
}

/** "14.30" */
export function formatTime(value: Date | string, locale: Locale): string {
  const d = toDate(value);
  if (!d) return '—';
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** "3 Mar 2025 14.30" */
export function formatDateTime(value: Date | string, locale: Locale): string {
  const d = toDate(value);
  if (!d) return '—';
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

/** Time only if the moment is today, otherwise date and time. */
export function formatMoment(value: Date | string, locale: Locale, now: Date = new Date()): string {
  const d = toDate(value);
  if (!d) return '—';
  return d.toDateString() === now.toDateString() ? formatTime(d, locale) : formatDateTime(d, locale);
}

/** "1.234" — numbers always use Indonesian grouping. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat('id-ID').format(value);
}

/** Part of the day for the greeting, by Indonesian custom. */
export function partOfDay(now: Date = new Date()): 'morning' | 'midday' | 'afternoon' | 'evening' {
  const h = now.getHours();
  if (h < 11) return 'morning';
  if (h < 15) return 'midday';
  if (h < 18) return 'afternoon';
  return 'evening';
}
