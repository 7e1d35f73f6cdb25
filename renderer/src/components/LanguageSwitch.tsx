import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../common/ipc/models';
import { useErrorText } from '../hooks/useErrorText';
import { currentLocale } from '../i18n';
import { useAppState } from '../state/AppState';
import { useNotify } from './Notify';

/** ID / EN switch; saves the choice with `settings.update({ locale })`. */
export function LanguageSwitch({ onDark = false }: { onDark?: boolean }) {
  const { t } = useTranslation();
  const { changeLocale } = useAppState();
  const notify = useNotify();
  const errorText = useErrorText();
  const locale = currentLocale();

  const onChange = (_: unknown, next: Locale | null) => {
    if (!next || next === locale) return;
    changeLocale(next).catch((e: unknown) => notify('error', errorText(e)));
  };

  return (
    <ToggleButtonGroup
      value={locale}
      exclusive
      onChange={onChange}
      aria-label={t('language.label')}
      size="small"
      data-testid="language-switch"
      sx={
        onDark
          ? {
              '& .MuiToggleButton-root': { color: '#FFFFFF', borderColor: 'rgba(255,255,255,0.6)' },
              '& .MuiToggleButton-root.Mui-selected': { color: 'primary.dark', bgcolor: '#FFFFFF' },
              '& .MuiToggleButton-root.Mui-selected:hover': { bgcolor: '#E8EEF5' },
            }
          : undefined
      }
    >
      <ToggleButton value="id" lang="id" aria-label={t('language.id')} data-testid="language-id">
        ID
      </ToggleButton>
      <ToggleButton value="en" lang="en" aria-label={t('language.en')} data-testid="language-en">
        EN
      </ToggleButton>
    </ToggleButtonGroup>
  );
}
