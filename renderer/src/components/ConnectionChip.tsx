import CloudDoneIcon from '@mui/icons-material/CloudDone';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import ErrorIcon from '@mui/icons-material/Error';
import SyncIcon from '@mui/icons-material/Sync';
import { Box, Tooltip } from '@mui/material';
import type { SvgIconComponent } from '@mui/icons-material';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../../common/ipc/models';

const LOOK: Record<ConnectionState, { color: string; bg: string; Icon: SvgIconComponent }> = {
  online: { color: '#14632F', bg: '#E3F4E8', Icon: CloudDoneIcon },
  offline: { color: '#6E4600', bg: '#FFF1D6', Icon: CloudOffIcon },
  syncing: { color: '#0B4F8A', bg: '#E1EDF8', Icon: SyncIcon },
  error: { color: '#9B1C16', bg: '#FDE7E6', Icon: ErrorIcon },
};

/** Connection state shown with colour, icon and text (never colour alone). */
export function ConnectionChip({
  state,
  detail,
  testId,
}: {
  state: ConnectionState | null;
  detail?: string | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  const known = state ?? 'offline';
  const { color, bg, Icon } = LOOK[known];
  const label = state ? t(`connection.${state}`) : t('connection.unknown');
  const chip = (
    <Box
      role="status"
      aria-live="polite"
      data-testid={testId}
      data-state={state ?? 'unknown'}
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 0.75,
        px: 1.25,
        py: 0.5,
        borderRadius: 999,
        color,
        bgcolor: bg,
        border: `1px solid ${color}`,
        fontWeight: 600,
        whiteSpace: 'nowrap',
        '@keyframes loket-spin': { from: { transform: 'rotate(0deg)' }, to: { transform: 'rotate(-360deg)' } },
      }}
    >
      <Icon
        fontSize="small"
        aria-hidden
        sx={known === 'syncing' ? { animation: 'loket-spin 1.6s linear infinite' } : undefined}
      />
      <span>{label}</span>
    </Box>
  );
  return detail ? <Tooltip title={detail}>{chip}</Tooltip> : chip;
}
