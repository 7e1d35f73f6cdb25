/**
 * i18next setup: Bahasa Indonesia is the default, English the second locale.
 *
 * Glossary (keep translations consistent):
 *   instansi    agency            layanan     service
 *   loket       counter           antrian     queue
 *   petugas     officer           pemohon     applicant
 *   permohonan  application       persyaratan requirement
 *   berkas      document          resepsionis front desk
 *   sinkron     sync              luring / daring  offline / online
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../common/ipc/models';
import en from './en.json';
import id from './id.json';

// Compile-time check that both locales have the same keys.
const enChecked: typeof id = en;
const idChecked: typeof en = id;

export const LOCALES: readonly Locale[] = ['id', 'en'];
export const DEFAULT_LOCALE: Locale = 'id';

export const resources = {
  id: { translation: idChecked },
  en: { translation: enChecked },
} as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: ['id', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export const currentLocale = (): Locale => (i18n.resolvedLanguage === 'en' ? 'en' : 'id');

/** Switches the UI language and keeps `<html lang>` in step for screen readers. */
export async function applyLocale(locale: Locale): Promise<void> {
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export default i18n;
