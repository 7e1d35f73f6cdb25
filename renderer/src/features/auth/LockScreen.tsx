import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import LogoutIcon from '@mui/icons-material/Logout';
import { Alert, Box, Button, Paper, Typography } from '@mui/material';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, isApiError } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PasswordField } from '../../components/PasswordField';
import { useCountdown } from '../../hooks/useCountdown';
import { useErrorText } from '../../hooks/useErrorText';
import { useAppState, useSession } from '../../state/AppState';
import { useSignOut } from './useSignOut';

/** Idle lock: nothing of the work behind it is rendered, only who is signed in. */
export function LockScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const { setSession, mallName } = useAppState();
  const { signOut, signingOut } = useSignOut();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const waitSeconds = useCountdown(retryUntil);
  const { officer } = session;
  const missing = submitted && password === '';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (busy || waitSeconds > 0) return;
    if (password === '') {
      passwordRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setSession(await call(api().auth.unlock({ password })));
    } catch (err) {
      setError(err);
      setPassword('');
      setSubmitted(false);
      passwordRef.current?.focus();
      if (isApiError(err)) {
        const retry = err.detailNumber('retryAfterSeconds');
        setRetryUntil(err.code === 'RATE_LIMITED' && retry !== null ? Date.now() + retry * 1000 : null);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      data-testid="lock-screen"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #0B3D66 0%, #0B4F8A 60%, #0A5F7E 100%)',
      }}
    >
      <Box component="header" sx={{ display: 'flex', alignItems: 'center', px: 4, py: 2, color: '#FFFFFF', gap: 2 }}>
        <Typography component="p" sx={{ fontSize: '1.25rem', fontWeight: 700, flexGrow: 1 }}>
          {t('app.name')}
          {mallName ? ` · ${mallName}` : ''}
        </Typography>
        <LanguageSwitch onDark />
      </Box>
      <Box component="main" sx={{ flexGrow: 1, display: 'grid', placeItems: 'center', px: 2, pb: 3 }}>
        <Paper elevation={6} sx={{ width: '100%', maxWidth: 520, px: { xs: 3, sm: 5 }, py: { xs: 3, sm: 4 }, borderRadius: 3 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 1 }}>
            <LockIcon color="primary" sx={{ fontSize: 36 }} aria-hidden />
            <Typography variant="h1">{t('lock.title')}</Typography>
          </Box>
          <Typography sx={{ color: 'text.secondary', mb: 2.5 }}>{t('lock.subtitle')}</Typography>

          <Box sx={{ mb: 2.5, p: 2, borderRadius: 2, bgcolor: '#EEF3F8' }}>
            <Typography sx={{ fontSize: '1.25rem', fontWeight: 700 }} data-testid="lock-officer">
              {officer.name}
            </Typography>
            <Typography sx={{ color: 'text.secondary' }}>
              {t(`roles.${officer.role}`)}
              {officer.agencyName ? ` · ${officer.agencyName}` : ''}
              {session.counterName ? ` · ${session.counterName}` : ''}
            </Typography>
          </Box>

          <Box component="form" onSubmit={onSubmit} noValidate sx={{ display: 'grid', gap: 2 }}>
            <PasswordField
              id="unlock-password"
              label={t('lock.password')}
              value={password}
              onChange={setPassword}
              testId="unlock-password"
              autoFocus
              error={missing}
              helperText={missing ? t('signin.passwordRequired') : undefined}
              inputRef={passwordRef}
            />
            {error !== null && (
              <Alert severity="error" role="alert" data-testid="unlock-error">
                {errorText(error)}
                {waitSeconds > 0 && (
                  <Box component="span" sx={{ display: 'block', mt: 0.5, fontWeight: 700 }}>
                    {t('signin.retryIn', { seconds: waitSeconds })}
                  </Box>
                )}
              </Alert>
            )}
            <Button
              type="submit"
              variant="contained"
              size="large"
              startIcon={<LockOpenIcon />}
              disabled={busy || waitSeconds > 0}
              data-testid="unlock-submit"
            >
              {busy
                ? t('lock.unlocking')
                : waitSeconds > 0
                  ? t('signin.waitButton', { seconds: waitSeconds })
                  : t('lock.unlock')}
            </Button>
            <Button
              variant="outlined"
              size="large"
              startIcon={<LogoutIcon />}
              onClick={() => void signOut()}
              disabled={signingOut}
              data-testid="signout"
            >
              {t('shell.signOut')}
            </Button>
          </Box>
          <Typography variant="caption" component="p" sx={{ mt: 2, color: 'text.secondary' }}>
            {t('lock.signOutHint')}
          </Typography>
        </Paper>
      </Box>
    </Box>
  );
}
