import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionChip } from '../../components/ConnectionChip';
import { useNotify } from '../../components/Notify';
import { useErrorText } from '../../hooks/useErrorText';
import { useAppState } from '../../state/AppState';
import { checkServerUrl } from '../settings/serverUrl';

/** "Pengaturan server": the central server address (`settings.update({ serverUrl })`). */
export function ServerSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { settings, status, updateSettings } = useAppState();
  const notify = useNotify();
  const errorText = useErrorText();
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (open) {
      setValue(settings?.serverUrl ?? '');
      setTouched(false);
      setError(null);
    }
  }, [open, settings?.serverUrl]);

  const check = checkServerUrl(value);
  const invalid = touched && check === 'invalid';

  const save = async (serverUrl: string | null) => {
    setSaving(true);
    setError(null);
    try {
      await updateSettings({ serverUrl });
      notify('success', serverUrl ? t('serverSettings.saved') : t('serverSettings.cleared'));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (check === 'invalid') return;
    void save(check === 'empty' ? null : value.trim());
  };

  return (
    <Dialog
      open={open}
      onClose={saving ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="server-settings-title"
      data-testid="server-settings-dialog"
    >
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id="server-settings-title">{t('serverSettings.title')}</DialogTitle>
        <DialogContent>
          <Typography sx={{ mb: 2 }}>{t('serverSettings.intro')}</Typography>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 3, flexWrap: 'wrap' }}>
            <Typography component="span" sx={{ fontWeight: 600 }}>
              {t('serverSettings.currentState')}
            </Typography>
            <ConnectionChip state={status?.connection ?? null} detail={status?.lastError} />
          </Box>
          <TextField
            id="server-url"
            label={t('serverSettings.url')}
            placeholder="https://mpp.example.go.id"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onBlur={() => setTouched(true)}
            error={invalid}
            helperText={invalid ? t('serverSettings.invalid') : t('serverSettings.hint')}
            fullWidth
            autoFocus
            data-testid="server-url"
            slotProps={{
              htmlInput: { inputMode: 'url', spellCheck: false, autoCapitalize: 'off' },
            }}
          />
          {error !== null && (
            <Alert severity="error" sx={{ mt: 2 }} role="alert" data-testid="server-settings-error">
              {errorText(error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2, gap: 1, flexWrap: 'wrap' }}>
          <Button onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={saving} data-testid="server-settings-save">
            {saving ? t('common.saving') : t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
