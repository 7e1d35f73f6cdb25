import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useNotify } from '../../components/Notify';
import { useErrorText } from '../../hooks/useErrorText';
import { useAppState } from '../../state/AppState';

/** "Sinkronkan sekarang": `sync.now`, one request at a time, result told in a snackbar. */
export function useSyncNow(): { syncNow: () => void; requesting: boolean } {
  const { t } = useTranslation();
  const { setStatus } = useAppState();
  const notify = useNotify();
  const errorText = useErrorText();
  const [requesting, setRequesting] = useState(false);
  const inFlight = useRef(false);

  const syncNow = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    setRequesting(true);
    call(api().sync.now({}))
      .then((status) => {
        setStatus(status);
        switch (status.connection) {
          case 'online':
            notify('success', t('sync.done'));
            break;
          case 'syncing':
            notify('info', t('sync.started'));
            break;
          case 'offline':
            notify('warning', t('sync.offline'));
            break;
          case 'error':
            notify('error', status.lastError ? t('sync.failedWith', { error: status.lastError }) : t('sync.failed'));
            break;
        }
      })
      .catch((e: unknown) => notify('error', errorText(e)))
      .finally(() => {
        inFlight.current = false;
        setRequesting(false);
      });
  }, [errorText, notify, setStatus, t]);

  return { syncNow, requesting };
}
