import { CssBaseline } from '@mui/material';
import { ThemeProvider } from '@mui/material/styles';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { isApiAvailable } from './api/client';
import { ErrorBoundary } from './components/ErrorBoundary';
import { MissingApiScreen } from './components/MissingApiScreen';
import { NotifyProvider, useClearNotify } from './components/Notify';
import { Splash } from './components/Splash';
import { LockScreen } from './features/auth/LockScreen';
import { SignInScreen } from './features/auth/SignInScreen';
import { BoardScreen } from './features/board/BoardScreen';
import { SurveyScreen } from './features/survey/SurveyScreen';
import { AppShell } from './features/shell/AppShell';
import type { NavKey } from './features/shell/navigation';
import i18n from './i18n';
import { AppStateProvider, useAppState } from './state/AppState';
import { createAppTheme } from './theme';

const subscribeHash = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};
/** `index.html#board` is the display board for the hall's TV. */
const useIsBoard = () => useSyncExternalStore(subscribeHash, () => window.location.hash === '#board');
/** `index.html#survey` is the SKM survey kiosk (a tablet or second screen facing the visitor). */
const useIsSurvey = () => useSyncExternalStore(subscribeHash, () => window.location.hash === '#survey');

/** Which screen to show follows from state alone: booting, signed out, locked, or the shell. */
function Gate() {
  const { booted, session } = useAppState();
  const isBoard = useIsBoard();
  const isSurvey = useIsSurvey();
  const [page, setPage] = useState<NavKey>('home');
  const clearNotify = useClearNotify();
  const officerId = session?.officer.id ?? null;

  // A different officer (or nobody) starts at Beranda with no leftover message; a lock keeps the page.
  useEffect(() => {
    setPage('home');
    clearNotify();
  }, [officerId, clearNotify]);

  if (!booted) return <Splash />;
  if (!session) return <SignInScreen />;
  // The board shows queue numbers only (no personal data) and board.get is allowed while
  // locked, so the TV keeps running when the session idles into the lock.
  if (isBoard) return <BoardScreen />;
  // The survey kiosk shows no personal data and survey.* is allowed while locked.
  if (isSurvey) return <SurveyScreen />;
  if (session.locked) return <LockScreen />;
  return <AppShell page={page} onNavigate={setPage} />;
}

function Themed() {
  const { i18n: instance } = useTranslation();
  const locale = instance.resolvedLanguage === 'en' ? 'en' : 'id';
  const theme = useMemo(() => createAppTheme(locale), [locale]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <ErrorBoundary>
        {isApiAvailable() ? (
          <AppStateProvider>
            <NotifyProvider>
              <Gate />
            </NotifyProvider>
          </AppStateProvider>
        ) : (
          <MissingApiScreen />
        )}
      </ErrorBoundary>
    </ThemeProvider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <Themed />
    </I18nextProvider>
  );
}
