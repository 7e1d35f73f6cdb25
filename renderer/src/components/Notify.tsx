import { Alert, Snackbar, type AlertColor } from '@mui/material';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface Note {
  id: number;
  severity: AlertColor;
  text: string;
}

type NotifyFn = (severity: AlertColor, text: string) => void;

const NotifyContext = createContext<NotifyFn | null>(null);
const ClearContext = createContext<(() => void) | null>(null);

/** A single snackbar for short confirmations and background failures. */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const [note, setNote] = useState<Note | null>(null);
  const notify = useCallback<NotifyFn>((severity, text) => {
    setNote({ id: Date.now(), severity, text });
  }, []);
  const close = useCallback(() => setNote(null), []);
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      <ClearContext.Provider value={close}>{children}</ClearContext.Provider>
      <Snackbar
        key={note?.id}
        open={note !== null}
        autoHideDuration={note?.severity === 'error' ? 10_000 : 5_000}
        onClose={(_event, reason) => {
          if (reason !== 'clickaway') close();
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
        sx={{ bottom: { xs: 80 } }}
      >
        {note ? (
          <Alert severity={note.severity} variant="filled" onClose={close} sx={{ minWidth: 360 }} data-testid="notify">
            {note.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}

/** Dismisses the current message (e.g. when the officer signs out). */
export function useClearNotify(): () => void {
  const ctx = useContext(ClearContext);
  if (!ctx) throw new Error('useClearNotify must be used inside <NotifyProvider>');
  return ctx;
}

export function useNotify(): NotifyFn {
  const ctx = useContext(NotifyContext);
  if (!ctx) throw new Error('useNotify must be used inside <NotifyProvider>');
  return ctx;
}
