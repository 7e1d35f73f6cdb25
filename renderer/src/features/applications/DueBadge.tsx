import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { DueState } from '../../../../common/applications/application';
import { STATUS_LABELS, type ApplicationStatus } from '../../../../common/domain/applications/status';

/** Overdue and due-today stand out (filled red / amber with a text label, never colour alone). */
export function DueBadge({ state }: { state: DueState }) {
  const { t } = useTranslation();
  if (state === 'overdue') return <Chip data-testid="due-badge" data-state={state} color="error" label={t('applications.overdue')} size="small" />;
  if (state === 'due_today') return <Chip data-testid="due-badge" data-state={state} label={t('applications.dueToday')} size="small" sx={{ bgcolor: '#FFB300', color: '#1A1A1A' }} />;
  if (state === 'due_soon') return <Chip data-testid="due-badge" data-state={state} variant="outlined" color="warning" label={t('applications.dueSoon')} size="small" />;
  if (state === 'paused') return <Chip data-testid="due-badge" data-state={state} variant="outlined" label={t('applications.paused')} size="small" />;
  return null;
}

const STATUS_COLOR: Record<ApplicationStatus, 'default' | 'primary' | 'success' | 'warning' | 'error' | 'info'> = {
  diterima: 'default',
  berkas_belum_lengkap: 'warning',
  diverifikasi: 'info',
  diproses: 'primary',
  selesai: 'success',
  diambil: 'default',
  ditolak: 'error',
  dibatalkan: 'default',
};

export function StatusChip({ status, locale }: { status: ApplicationStatus; locale: 'id' | 'en' }) {
  return <Chip data-testid="status-chip" data-status={status} color={STATUS_COLOR[status]} label={STATUS_LABELS[status][locale]} size="small" variant={status === 'diambil' ? 'outlined' : 'filled'} />;
}
