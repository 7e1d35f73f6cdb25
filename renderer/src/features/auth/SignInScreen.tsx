import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import LoginIcon from '@mui/icons-material/Login';
import SettingsEthernetIcon from '@mui/icons-material/SettingsEthernet';
import { Alert, AlertTitle, Box, Button, Paper, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, isApiError } from '../../api/client';
import { ConnectionChip } from '../../components/ConnectionChip';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PasswordField } from '../../components/PasswordField';
import { useCountdown } from '../../hooks/useCountdown';
import { useErrorText } from '../../hooks/useErrorText';
import { useAppState } from '../../state/AppState';
import { ServerSettingsDialog } from './ServerSettingsDialog';

/** "Masuk": username + password, errors straight from the result envelope. */
export function SignInScreen() {
  const { t } = useTranslation();
  const { setSession, status, mallName } = useAppState();
  const errorText = useErrorText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const [serverOpen, setServerOpen] = useState(false);
  const [version, setVersion] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const waitSeconds = useCountdown(retryUntil);

  useEffect(() => {
    let alive = true;
    call(api().app.info({}))
      .then((info) => alive && setVersion(info.version))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);

  const usernameMissing = submitted && username.trim() === '';
  const passwordMissing = submitted && password === '';
  const code = isApiError(error) ? error.code : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (busy || waitSeconds > 0) return;
    if (username.trim() === '') {
      usernameRef.current?.focus();
      return;
    }
    if (password === '') {
      passwordRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await call(api().auth.signIn({ username: username.trim(), password }));
      setSession(session);
    } catch (err) {
      setError(err);
      setSubmitted(false);
      if (isApiError(err)) {
        const retry = err.detailNumber('retryAfterSeconds');
        setRetryUntil(err.code === 'RATE_LIMITED' && retry !== null ? Date.now() + retry * 1000 : null);
        if (err.code === 'INVALID_CREDENTIALS') {
          setPassword('');
          passwordRef.current?.focus();
        }
      }
    } finally {
      setBusy(false);
    }
  };

  const submitLabel = busy
    ? t('signin.submitting')
    : waitSeconds > 0
      ? t('signin.waitButton', { seconds: waitSeconds })
      : t('signin.submit');

  return (
    <Box
      data-testid="signin-screen"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #0B4F8A 0%, #0A5F7E 55%, #00756A 100%)',
      }}
    >
      <Box
        component="header"
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 2,
          px: { xs: 2, md: 4 },
          py: 2,
          color: '#FFFFFF',
          flexWrap: 'wrap',
        }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexGrow: 1, minWidth: 240 }}>
          <AccountBalanceIcon sx={{ fontSize: 40 }} aria-hidden />
          <Box>
            <Typography component="p" sx={{ fontSize: '1.5rem', fontWeight: 700, lineHeight: 1.2 }}>
              {t('app.name')}
            </Typography>
            <Typography component="p" sx={{ opacity: 0.92 }} data-testid="signin-mall">
              {mallName ?? t('app.mallGeneric')}
            </Typography>
          </Box>
        </Box>
        <Box sx={{ bgcolor: '#FFFFFF', borderRadius: 999 }}>
          <ConnectionChip state={status?.connection ?? null} detail={status?.lastError} testId="signin-connection" />
        </Box>
        <Button
          variant="outlined"
          startIcon={<SettingsEthernetIcon />}
          onClick={() => setServerOpen(true)}
          data-testid="signin-server-settings"
          sx={{ color: '#FFFFFF', borderColor: 'rgba(255,255,255,0.7)', '&:hover': { borderColor: '#FFFFFF' } }}
        >
          {t('serverSettings.title')}
        </Button>
        <LanguageSwitch onDark />
      </Box>

      <Box component="main" sx={{ flexGrow: 1, display: 'grid', placeItems: 'center', px: 2, py: 4 }}>
        <Paper elevation={6} sx={{ width: '100%', maxWidth: 480, p: { xs: 3, sm: 5 }, borderRadius: 3 }}>
          <Typography variant="h1" sx={{ mb: 0.5 }}>
            {t('signin.title')}
          </Typography>
          <Typography sx={{ color: 'text.secondary', mb: 3 }}>{t('signin.subtitle')}</Typography>

          <Box component="form" onSubmit={onSubmit} noValidate sx={{ display: 'grid', gap: 2.5 }}>
            <TextField
              id="signin-username"
              label={t('signin.username')}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoFocus
              fullWidth
              required
              error={usernameMissing}
              helperText={usernameMissing ? t('signin.usernameRequired') : undefined}
              inputRef={usernameRef}
              data-testid="signin-username"
              slotProps={{
                htmlInput: {
                  autoComplete: 'username',
                  spellCheck: false,
                  autoCapitalize: 'off',
                  maxLength: 64,
                },
              }}
            />
            <PasswordField
              id="signin-password"
              label={t('signin.password')}
              value={password}
              onChange={setPassword}
              testId="signin-password"
              error={passwordMissing}
              helperText={passwordMissing ? t('signin.passwordRequired') : undefined}
              inputRef={passwordRef}
            />

            {error !== null && (
              <Alert severity={code === 'OFFLINE' ? 'warning' : 'error'} role="alert" data-testid="signin-error" data-code={code ?? 'UNKNOWN'}>
                {code === 'OFFLINE' && <AlertTitle sx={{ fontWeight: 700 }}>{t('signin.offlineTitle')}</AlertTitle>}
                {errorText(error)}
                {code === 'RATE_LIMITED' && waitSeconds > 0 && (
                  <Box component="span" sx={{ display: 'block', mt: 0.5, fontWeight: 700 }} data-testid="signin-retry">
                    {t('signin.retryIn', { seconds: waitSeconds })}
                  </Box>
                )}
                {code === 'RATE_LIMITED' && retryUntil !== null && waitSeconds === 0 && (
                  <Box component="span" sx={{ display: 'block', mt: 0.5, fontWeight: 700 }}>
                    {t('signin.retryNow')}
                  </Box>
                )}
                {code === 'OFFLINE' && (
                  <Box sx={{ mt: 1 }}>
                    <Button variant="outlined" color="inherit" onClick={() => setServerOpen(true)} data-testid="signin-open-server-settings">
                      {t('serverSettings.open')}
                    </Button>
                  </Box>
                )}
              </Alert>
            )}

            <Button
              type="submit"
              variant="contained"
              size="large"
              fullWidth
              startIcon={<LoginIcon />}
              disabled={busy || waitSeconds > 0}
              data-testid="signin-submit"
            >
              {submitLabel}
            </Button>
          </Box>
        </Paper>
      </Box>

      <Box component="footer" sx={{ color: '#FFFFFF', textAlign: 'center', pb: 2, px: 2, opacity: 0.9 }}>
        <Typography variant="caption" component="p">
          {version ? t('app.footerVersion', { version }) : t('app.footer')}
        </Typography>
      </Box>

      <ServerSettingsDialog open={serverOpen} onClose={() => setServerOpen(false)} />
    </Box>
  );
}
