import SaveIcon from '@mui/icons-material/Save';
import {
  Alert,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormLabel,
  Paper,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../common/ipc/models';
import { api, call } from '../../api/client';
import { ConnectionChip } from '../../components/ConnectionChip';
import { useNotify } from '../../components/Notify';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../hooks/useErrorText';
import { currentLocale } from '../../i18n';
import { useAppState, type SettingsPatch } from '../../state/AppState';
import { checkServerUrl } from './serverUrl';

const MIN_IDLE = 1;
const MAX_IDLE = 120;

/** Pengaturan: language, central server address and idle lock minutes (`settings.update`). */
export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, status, updateSettings, changeLocale } = useAppState();
  const notify = useNotify();
  const errorText = useErrorText();
  const [locale, setLocale] = useState<Locale>(settings?.locale ?? currentLocale());
  const [serverUrl, setServerUrl] = useState(settings?.serverUrl ?? '');
  const [idle, setIdle] = useState(String(settings?.idleLockMinutes ?? 10));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [info, setInfo] = useState<{ version: string; runtime: string } | null>(null);

  useEffect(() => {
    if (!settings) return;
    setLocale(settings.locale);
    setServerUrl(settings.serverUrl ?? '');
    setIdle(String(settings.idleLockMinutes));
  }, [settings]);

  useEffect(() => {
    let alive = true;
    call(api().app.info({}))
      .then((i) => alive && setInfo({ version: i.version, runtime: i.runtime }))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);

  const urlCheck = checkServerUrl(serverUrl);
  const idleNumber = Number(idle);
  const idleValid = /^\d+$/.test(idle.trim()) && idleNumber >= MIN_IDLE && idleNumber <= MAX_IDLE;
  const urlInvalid = submitted && urlCheck === 'invalid';
  const idleInvalid = submitted && !idleValid;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (urlCheck === 'invalid' || !idleValid || saving) return;
    const patch: SettingsPatch = {};
    const nextUrl = urlCheck === 'empty' ? null : serverUrl.trim();
    if (nextUrl !== (settings?.serverUrl ?? null)) patch.serverUrl = nextUrl;
    if (idleNumber !== settings?.idleLockMinutes) patch.idleLockMinutes = idleNumber;
    setSaving(true);
    setError(null);
    try {
      if (Object.keys(patch).length > 0) await updateSettings(patch);
      if (locale !== currentLocale()) await changeLocale(locale);
      setSubmitted(false);
      notify('success', t('settings.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box data-testid="settings-page" sx={{ maxWidth: 820 }}>
      <PageHeader title={t('nav.settings.label')} lead={t('settings.lead')} />
      <Paper variant="outlined" component="form" onSubmit={onSubmit} noValidate sx={{ p: { xs: 3, md: 4 }, borderRadius: 3, display: 'grid', gap: 4 }}>
        <FormControl component="fieldset">
          <FormLabel component="legend" sx={{ fontWeight: 700, color: 'text.primary', mb: 1 }}>
            {t('settings.language')}
          </FormLabel>
          <RadioGroup row value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'id')} sx={{ gap: 2 }}>
            <FormControlLabel value="id" control={<Radio />} label={t('language.id')} lang="id" data-testid="settings-locale-id" />
            <FormControlLabel value="en" control={<Radio />} label={t('language.en')} lang="en" data-testid="settings-locale-en" />
          </RadioGroup>
        </FormControl>

        <Box>
          <Typography component="h2" sx={{ fontWeight: 700, mb: 1 }}>
            {t('settings.server')}
          </Typography>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 2, flexWrap: 'wrap' }}>
            <Typography component="span">{t('serverSettings.currentState')}</Typography>
            <ConnectionChip state={status?.connection ?? null} detail={status?.lastError} />
          </Box>
          <TextField
            id="settings-server-url"
            label={t('serverSettings.url')}
            placeholder="https://mpp.example.go.id"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
            error={urlInvalid}
            helperText={urlInvalid ? t('serverSettings.invalid') : t('serverSettings.hint')}
            fullWidth
            data-testid="settings-server-url"
            slotProps={{ htmlInput: { inputMode: 'url', spellCheck: false, autoCapitalize: 'off' } }}
          />
        </Box>

        <Box>
          <Typography component="h2" sx={{ fontWeight: 700, mb: 1 }}>
            {t('settings.idleLock')}
          </Typography>
          <TextField
            id="settings-idle-minutes"
            label={t('settings.idleMinutes')}
            value={idle}
            onChange={(e) => setIdle(e.target.value)}
            error={idleInvalid}
            helperText={idleInvalid ? t('settings.idleInvalid', { min: MIN_IDLE, max: MAX_IDLE }) : t('settings.idleHint')}
            sx={{ maxWidth: 320 }}
            data-testid="settings-idle-minutes"
            slotProps={{
              htmlInput: { inputMode: 'numeric', type: 'number', min: MIN_IDLE, max: MAX_IDLE, step: 1 },
            }}
          />
        </Box>

        {error !== null && (
          <Alert severity="error" role="alert" data-testid="settings-error">
            {errorText(error)}
          </Alert>
        )}

        <Box>
          <Button type="submit" variant="contained" size="large" startIcon={<SaveIcon />} disabled={saving} data-testid="settings-save">
            {saving ? t('common.saving') : t('common.save')}
          </Button>
        </Box>
      </Paper>

      {info && (
        <Typography sx={{ mt: 3, color: 'text.secondary' }} data-testid="app-info">
          {t('settings.about', { version: info.version, runtime: info.runtime === 'electron' ? 'Electron' : t('settings.runtimeHarness') })}
        </Typography>
      )}
    </Box>
  );
}
