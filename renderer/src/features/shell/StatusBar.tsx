import SyncIcon from '@mui/icons-material/Sync';
import { Box, Button, Divider, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionChip } from '../../components/ConnectionChip';
import { currentLocale } from '../../i18n';
import { formatDateTime, formatMoment, formatNumber } from '../../i18n/format';
import { useAppState, useSession } from '../../state/AppState';

function Item({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 0.75, whiteSpace: 'nowrap', minWidth: 0 }} data-testid={testId}>
      <Typography component="span" sx={{ color: 'text.secondary', fontSize: '0.9375rem' }}>
        {label}
      </Typography>
      <Typography component="span" sx={{ fontWeight: 600, fontSize: '0.9375rem', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {value}
      </Typography>
    </Box>
  );
}

/** Bottom bar: connection, pending changes, last sync, officer, counter, "Sinkronkan sekarang". */
export function StatusBar({ onSync, requesting }: { onSync: () => void; requesting: boolean }) {
  const { t } = useTranslation();
  const { status } = useAppState();
  const session = useSession();
  const locale = currentLocale();
  const pending = status?.pendingChanges ?? 0;
  const syncing = status?.connection === 'syncing';
  const officerName = status?.officerName ?? session.officer.name;
  const counterName = status?.counterName ?? session.counterName;

  return (
    <Box
      component="footer"
      data-testid="status-bar"
      aria-label={t('status.label')}
      sx={{
        gridArea: 'status',
        display: 'flex',
        alignItems: 'center',
        gap: 2,
        px: 2,
        py: 0.75,
        minHeight: 60,
        bgcolor: '#FFFFFF',
        borderTop: '1px solid',
        borderColor: 'divider',
        overflowX: 'auto',
      }}
    >
      <ConnectionChip state={status?.connection ?? null} detail={status?.lastError} testId="status-connection" />
      <Divider orientation="vertical" flexItem />
      <Item
        testId="status-pending"
        label={t('status.pending')}
        value={
          <Box component="span" sx={{ color: pending > 0 ? 'warning.main' : 'inherit' }}>
            {formatNumber(pending)}
          </Box>
        }
      />
      <Item
        testId="status-last-sync"
        label={t('status.lastSync')}
        value={
          status?.lastSyncAt ? (
            <Tooltip title={formatDateTime(status.lastSyncAt, locale)}>
              <span>{formatMoment(status.lastSyncAt, locale)}</span>
            </Tooltip>
          ) : (
            t('status.never')
          )
        }
      />
      <Divider orientation="vertical" flexItem />
      <Item testId="status-officer" label={t('status.officer')} value={officerName} />
      {(session.officer.role === 'officer' || counterName) && (
        <Item testId="status-counter" label={t('status.counter')} value={counterName ?? t('status.noCounter')} />
      )}
      <Box sx={{ flexGrow: 1 }} />
      <Button
        variant="outlined"
        startIcon={<SyncIcon />}
        onClick={onSync}
        disabled={requesting || syncing}
        data-testid="sync-now"
        sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      >
        {requesting || syncing ? t('sync.running') : t('sync.now')}
      </Button>
    </Box>
  );
}
