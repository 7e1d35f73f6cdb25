import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import KeyboardIcon from '@mui/icons-material/Keyboard';
import LockIcon from '@mui/icons-material/Lock';
import LogoutIcon from '@mui/icons-material/Logout';
import {
  AppBar,
  Box,
  Button,
  Chip,
  IconButton,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Toolbar,
  Tooltip,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useNotify } from '../../components/Notify';
import { ShortcutsDialog } from '../../components/ShortcutsDialog';
import { useErrorText } from '../../hooks/useErrorText';
import { PageShortcutsProvider } from '../../keyboard/page-shortcuts';
import { useShortcuts, type ShortcutAction } from '../../keyboard/shortcuts';
import { useAppState, useSession } from '../../state/AppState';
import { useSignOut } from '../auth/useSignOut';
import { CounterDialog } from './CounterDialog';
import { NAV_ICONS, navFor, type NavKey } from './navigation';
import { PageOutlet } from './PageOutlet';
import { StatusBar } from './StatusBar';
import { useSyncNow } from './useSyncNow';

const NAV_WIDTH = 288;

interface Props {
  page: NavKey;
  onNavigate: (page: NavKey) => void;
}

/** The signed-in frame: app bar, role navigation, page, status bar. */
export function AppShell({ page, onNavigate }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const { setSession, mallName, catalog, catalogError } = useAppState();
  const notify = useNotify();
  const errorText = useErrorText();
  const { signOut, signingOut } = useSignOut();
  const { syncNow, requesting } = useSyncNow();
  const [helpOpen, setHelpOpen] = useState(false);
  const [counterOpen, setCounterOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const focusMainNext = useRef(false);

  const { officer } = session;
  const items = navFor(officer.role);
  const mustPickCounter = officer.role === 'officer' && session.counterId === null;
  // Opened only once the counters are known (or failed to load), so its first button is a counter.
  const catalogSettled = catalog !== null || catalogError !== null;
  const counterDialogOpen = catalogSettled && (mustPickCounter || counterOpen);
  const current: NavKey = items.includes(page) ? page : 'home';

  useEffect(() => {
    document.title = `${t(`nav.${current}.label`)} · ${t('app.name')}`;
  }, [current, t]);

  useEffect(() => {
    if (focusMainNext.current) {
      focusMainNext.current = false;
      mainRef.current?.focus();
    }
  }, [current]);

  const go = useCallback(
    (key: NavKey, focusMain = false) => {
      focusMainNext.current = focusMain;
      onNavigate(key);
      if (focusMain && key === current) mainRef.current?.focus();
    },
    [current, onNavigate],
  );

  const lock = useCallback(() => {
    call(api().auth.lock({}))
      .then((s) => setSession(s))
      .catch((e: unknown) => notify('error', errorText(e)));
  }, [errorText, notify, setSession]);

  useShortcuts((action: ShortcutAction) => {
    switch (action.type) {
      case 'navigate': {
        const key = items[action.index];
        if (!key || mustPickCounter || counterOpen) return false;
        setHelpOpen(false);
        go(key, true);
        return true;
      }
      case 'lock':
        lock();
        return true;
      case 'help':
        setHelpOpen(true);
        return true;
      case 'sync':
        syncNow();
        return true;
    }
  });

  return (
    <PageShortcutsProvider>
      <Box
        data-testid="app-shell"
        data-role={officer.role}
        sx={{
          height: '100vh',
          display: 'grid',
          gridTemplateColumns: `${NAV_WIDTH}px minmax(0, 1fr)`,
          gridTemplateRows: 'auto minmax(0, 1fr) auto',
          gridTemplateAreas: '"bar bar" "nav main" "status status"',
          bgcolor: 'background.default',
        }}
      >
        <Box
          component="a"
          href="#main-content"
          onClick={(e) => {
            e.preventDefault();
            mainRef.current?.focus();
          }}
          sx={{
            position: 'absolute',
            left: 8,
            top: -100,
            zIndex: 2000,
            bgcolor: '#FFFFFF',
            color: 'primary.dark',
            px: 2,
            py: 1.5,
            borderRadius: 1,
            fontWeight: 700,
            '&:focus': { top: 8 },
          }}
        >
          {t('shell.skipToContent')}
        </Box>

        <AppBar position="static" elevation={0} sx={{ gridArea: 'bar' }}>
          <Toolbar sx={{ gap: 2, minHeight: 68, flexWrap: 'wrap', py: 0.5 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.25, minWidth: 0 }}>
              <AccountBalanceIcon sx={{ fontSize: 34 }} aria-hidden />
              <Box sx={{ minWidth: 0 }}>
                <Typography component="p" sx={{ fontSize: '1.25rem', fontWeight: 700, lineHeight: 1.2 }}>
                  {t('app.name')}
                </Typography>
                <Typography
                  component="p"
                  data-testid="shell-mall"
                  sx={{ opacity: 0.92, fontSize: '0.9375rem', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 360 }}
                >
                  {mallName ?? t('app.mallGeneric')}
                </Typography>
              </Box>
            </Box>

            <Box sx={{ flexGrow: 1 }} />

            {session.mode === 'offline' && (
              <Tooltip title={t('shell.offlineModeHint')}>
                <Chip
                  icon={<CloudOffIcon />}
                  label={t('shell.offlineMode')}
                  data-testid="offline-mode"
                  sx={{ bgcolor: '#FFF1D6', color: '#6E4600', '& .MuiChip-icon': { color: '#6E4600' } }}
                />
              </Tooltip>
            )}

            <Box sx={{ textAlign: 'right', minWidth: 0 }} data-testid="shell-officer">
              <Typography component="p" sx={{ fontWeight: 700, lineHeight: 1.25 }}>
                {officer.name}
              </Typography>
              <Typography component="p" sx={{ fontSize: '0.9375rem', opacity: 0.92 }} data-testid="shell-role">
                {t(`roles.${officer.role}`)}
                {session.counterName ? ` · ${session.counterName}` : ''}
              </Typography>
            </Box>

            <LanguageSwitch onDark />

            <Tooltip title={t('shell.shortcutsTooltip')}>
              <IconButton color="inherit" aria-label={t('shortcuts.title')} onClick={() => setHelpOpen(true)} data-testid="open-shortcuts">
                <KeyboardIcon />
              </IconButton>
            </Tooltip>
            <Tooltip title={t('shell.lockTooltip')}>
              <Button color="inherit" variant="outlined" startIcon={<LockIcon />} onClick={lock} data-testid="lock" sx={{ borderColor: 'rgba(255,255,255,0.6)' }}>
                {t('shell.lock')}
              </Button>
            </Tooltip>
            <Button
              color="inherit"
              variant="outlined"
              startIcon={<LogoutIcon />}
              onClick={() => void signOut()}
              disabled={signingOut}
              data-testid="signout"
              sx={{ borderColor: 'rgba(255,255,255,0.6)' }}
            >
              {t('shell.signOut')}
            </Button>
          </Toolbar>
        </AppBar>

        <Box
          component="nav"
          aria-label={t('shell.navLabel')}
          sx={{ gridArea: 'nav', bgcolor: '#FFFFFF', borderRight: '1px solid', borderColor: 'divider', overflowY: 'auto', p: 1.5 }}
        >
          <List disablePadding sx={{ display: 'grid', gap: 0.5 }}>
            {items.map((key, index) => {
              const Icon = NAV_ICONS[key];
              const selected = key === current;
              return (
                <ListItemButton
                  key={key}
                  selected={selected}
                  aria-current={selected ? 'page' : undefined}
                  onClick={() => go(key)}
                  data-testid={`nav-${key}`}
                  aria-keyshortcuts={index < 9 ? `Alt+${index + 1}` : undefined}
                >
                  <ListItemIcon sx={{ minWidth: 40, color: selected ? 'primary.main' : 'text.secondary' }}>
                    <Icon aria-hidden />
                  </ListItemIcon>
                  <ListItemText
                    primary={t(`nav.${key}.label`)}
                    slotProps={{ primary: { sx: { fontWeight: selected ? 700 : 500 } } }}
                  />
                  {index < 9 && (
                    <Box
                      component="span"
                      aria-hidden
                      sx={{ fontSize: '0.8125rem', color: 'text.secondary', whiteSpace: 'nowrap', ml: 1 }}
                    >
                      Alt+{index + 1}
                    </Box>
                  )}
                </ListItemButton>
              );
            })}
          </List>
        </Box>

        <Box
          component="main"
          id="main-content"
          ref={mainRef}
          tabIndex={-1}
          data-testid={`page-${current}`}
          sx={{ gridArea: 'main', overflowY: 'auto', p: { xs: 2, md: 4 }, '&:focus': { outline: 'none' }, '&:focus-visible': { outline: 'none', boxShadow: 'none' } }}
        >
          <PageOutlet page={current} onNavigate={(key) => go(key, true)} onChangeCounter={() => setCounterOpen(true)} />
        </Box>

        <StatusBar onSync={syncNow} requesting={requesting} />

        <CounterDialog open={counterDialogOpen} forced={mustPickCounter} onClose={() => setCounterOpen(false)} />
        <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      </Box>
    </PageShortcutsProvider>
  );
}
