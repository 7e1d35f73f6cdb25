/** Formatting helpers shared by the dashboard, SKM and survey screens. */
import { useTranslation } from 'react-i18next';
import { enUS as gridEn, idID as gridId } from '@mui/x-data-grid/locales';

export type UiLocale = 'id' | 'en';

export function useUiLocale(): UiLocale {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'en' ? 'en' : 'id';
}

export const gridLocaleText = (locale: UiLocale) => (locale === 'en' ? gridEn : gridId).components.MuiDataGrid.defaultProps.localeText;

export function fmtNumber(v: number | null | undefined, locale: UiLocale, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return v.toLocaleString(locale === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const fmtMinutes = (v: number | null | undefined, locale: UiLocale): string => fmtNumber(v, locale, 1);

export const fmtPercent = (v: number | null | undefined, locale: UiLocale): string => (v === null || v === undefined ? '–' : `${fmtNumber(v * 100, locale, 1)}%`);

/** The local calendar date (YYYY-MM-DD) of an instant on this computer. */
export function localIsoDate(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function shiftDate(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** "16:20" or "11 Mar 16:20" in the mall's zone (offset minutes). */
export function fmtStamp(iso: string | null, offsetMinutes: number, locale: UiLocale, withDate = true): string {
  if (!iso) return '–';
  const d = new Date(Date.parse(iso) + offsetMinutes * 60_000);
  const zone = offsetMinutes === 480 ? 'WITA' : offsetMinutes === 540 ? 'WIT' : 'WIB';
  const time = `${String(d.getUTCHours()).padStart(2, '0')}.${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (!withDate) return `${time} ${zone}`;
  const date = d.toLocaleDateString(locale === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${date} ${time} ${zone}`;
}
