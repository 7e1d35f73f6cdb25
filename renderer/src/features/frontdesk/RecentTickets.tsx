import PrintIcon from '@mui/icons-material/Print';
import CancelIcon from '@mui/icons-material/Cancel';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUED_STATES } from '../../../../common/domain/queue/ticket-state';
import type { TicketView } from '../../../../common/ipc/channels/queue';
import { useErrorText } from '../../hooks/useErrorText';
import { formatTime } from '../../i18n/format';
import { categoryLabel, stateLabel, UnsyncedBadge, useLocale } from './queue-ui';

interface Props {
  tickets: TicketView[] | null;
  error: unknown;
  busyId: string | null;
  onReprint: (ticket: TicketView) => void;
  onCancel: (ticket: TicketView, reason: string) => Promise<void>;
}

/** Tickets issued at this desk today, newest first, with Reprint and Cancel. */
export function RecentTickets({ tickets, error, busyId, onReprint, onCancel }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const [cancelling, setCancelling] = useState<TicketView | null>(null);

  return (
    <Box data-testid="frontdesk-recent">
      {error !== null && tickets === null && <Alert severity="warning">{errorText(error)}</Alert>}
      {tickets !== null && tickets.length === 0 && <Typography sx={{ color: 'text.secondary' }}>{t('frontdesk.recentEmpty')}</Typography>}
      {tickets !== null && tickets.length > 0 && (
        <Box sx={{ maxHeight: 360, overflowY: 'auto' }}>
          <Table size="small" stickyHeader aria-label={t('frontdesk.recentTitle')}>
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">{t('frontdesk.colNumber')}</TableCell>
                <TableCell component="th" scope="col">{t('frontdesk.colService')}</TableCell>
                <TableCell component="th" scope="col">{t('frontdesk.colStatus')}</TableCell>
                <TableCell component="th" scope="col" align="right">
                  {t('frontdesk.colActions')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {tickets.map((tk) => {
                const cancellable = QUEUED_STATES.includes(tk.status);
                return (
                  <TableRow key={tk.id} data-testid={`frontdesk-recent-${tk.number}`} data-status={tk.status}>
                    <TableCell sx={{ fontWeight: 800, fontSize: '1.125rem', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                      {tk.number}
                      <Typography component="div" sx={{ fontSize: '0.8125rem', color: 'text.secondary', fontWeight: 400 }}>
                        {formatTime(tk.arrivedAt, locale)}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <Typography sx={{ fontSize: '0.9375rem', lineHeight: 1.3 }}>{tk.serviceName}</Typography>
                      {tk.category !== 'normal' && (
                        <Typography sx={{ fontSize: '0.8125rem', color: 'secondary.dark', fontWeight: 600 }}>{categoryLabel(tk.category, locale)}</Typography>
                      )}
                    </TableCell>
                    <TableCell>
                      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                        <Chip size="small" label={stateLabel(tk.status, locale)} variant="outlined" />
                        <UnsyncedBadge synced={tk.synced} />
                      </Box>
                    </TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      <Button
                        size="small"
                        startIcon={<PrintIcon />}
                        onClick={() => onReprint(tk)}
                        disabled={busyId === tk.id}
                        aria-label={t('frontdesk.reprintNumber', { number: tk.number })}
                        sx={{ minHeight: 44 }}
                      >
                        {t('frontdesk.reprint')}
                      </Button>
                      <Button
                        size="small"
                        color="error"
                        startIcon={<CancelIcon />}
                        onClick={() => setCancelling(tk)}
                        disabled={!cancellable || busyId === tk.id}
                        aria-label={t('frontdesk.cancelNumber', { number: tk.number })}
                        data-testid={`frontdesk-cancel-${tk.number}`}
                        sx={{ minHeight: 44 }}
                      >
                        {t('frontdesk.cancelTicket')}
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
      <CancelDialog ticket={cancelling} onClose={() => setCancelling(null)} onConfirm={onCancel} />
    </Box>
  );
}

const QUICK_REASONS = ['frontdesk.reasonLeft', 'frontdesk.reasonWrongService', 'frontdesk.reasonDuplicate'] as const;

function CancelDialog({
  ticket,
  onClose,
  onConfirm,
}: {
  ticket: TicketView | null;
  onClose: () => void;
  onConfirm: (ticket: TicketView, reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!ticket || reason.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm(ticket, reason.trim());
      setReason('');
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={ticket !== null}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      data-testid="frontdesk-cancel-dialog"
      slotProps={{ transition: { onExited: () => { setReason(''); setError(null); } } }}
    >
      <DialogTitle>{t('frontdesk.cancelTitle', { number: ticket?.number ?? '' })}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>{t('frontdesk.cancelIntro')}</Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}>
          {QUICK_REASONS.map((k) => (
            <Chip key={k} label={t(k)} onClick={() => setReason(t(k))} clickable variant={reason === t(k) ? 'filled' : 'outlined'} sx={{ minHeight: 40 }} />
          ))}
        </Box>
        <TextField
          autoFocus
          fullWidth
          required
          label={t('frontdesk.cancelReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void submit();
            }
          }}
          slotProps={{ htmlInput: { maxLength: 200 } }}
          data-testid="frontdesk-cancel-reason"
        />
        {error !== null && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errorText(error)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>{t('common.close')}</Button>
        <Button variant="contained" color="error" onClick={() => void submit()} disabled={busy || reason.trim() === ''} data-testid="frontdesk-cancel-confirm">
          {t('frontdesk.cancelConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
