import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/**
 * Turns a caught error into text for the current locale: the envelope's
 * Indonesian `message` or English `messageEn`, or a generic line otherwise.
 * Keep the error object in state and call this at render time, so switching
 * language also switches the error text.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const english = i18n.resolvedLanguage === 'en';
  return useCallback(
    (error: unknown) => {
      if (isApiError(error)) return english ? error.messageEn : error.message;
      return t('errors.unexpected');
    },
    [english, t],
  );
}
