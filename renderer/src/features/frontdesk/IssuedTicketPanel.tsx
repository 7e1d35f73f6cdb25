import PrintIcon from '@mui/icons-material/Print';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { Alert, Box, Button, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PrintOutcome, TicketView } from '../../../../common/ipc/channels/queue';
import { formatNumber, formatTime } from '../../i18n/format';
import { categoryLabel, Kbd, UnsyncedBadge, useLocale } from './queue-ui';

export interface Issued {
  ticket: TicketView;
  ahead: number;
  print: PrintOutcome;
}

interface Props {
  issued: Issued;
  reprinting: boolean;
  onReprint: () => void;
}

/** The number just issued, BIG, with the people ahead and what the printer said. */
export function IssuedTicketPanel({ issued, reprinting, onReprint }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { ticket, ahead, print } = issued;
  const printMessage = locale === 'en' ? (print.messageEn ?? print.message) : (print.message ?? print.messageEn);
  return (
    <Paper
      variant="outlined"
      data-testid="frontdesk-issued"
      data-number={ticket.number}
      data-print-ok={String(print.ok)}
      sx={{ p: 2, borderRadius: 3, borderWidth: 2, borderColor: print.ok ? 'success.main' : 'error.main' }}
      aria-live="polite"
    >
      <Box sx={{ display: 'flex', gap: 2.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography
          data-testid="frontdesk-issued-number"
          aria-label={`${t('frontdesk.issuedTitle')} ${ticket.number}`}
          sx={{ fontSize: '4.25rem', fontWeight: 800, lineHeight: 1, letterSpacing: '0.02em', fontVariantNumeric: 'tabular-nums', color: 'primary.dark' }}
        >
          {ticket.number}
        </Typography>
        <Box sx={{ minWidth: 0, flex: '1 1 160px' }}>
          <Typography sx={{ fontWeight: 600, fontSize: '1.0625rem', lineHeight: 1.3 }}>{ticket.serviceName}</Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', color: 'text.secondary' }}>
            <span>{categoryLabel(ticket.category, locale)}</span>
            <span aria-hidden>·</span>
            <span>{formatTime(ticket.arrivedAt, locale)}</span>
            <UnsyncedBadge synced={ticket.synced} />
          </Box>
          <Typography sx={{ mt: 0.25, fontSize: '1.125rem', fontWeight: 700 }} data-testid="frontdesk-issued-ahead">
            {ahead === 0 ? t('frontdesk.aheadNone') : t('frontdesk.ahead', { n: formatNumber(ahead) })}
          </Typography>
        </Box>
      </Box>

      {print.ok ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1, flexWrap: 'wrap' }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'success.main', fontWeight: 600, flexGrow: 1 }} data-testid="frontdesk-print-ok">
            <CheckCircleIcon aria-hidden />
            <span>{t('frontdesk.printed')}</span>
          </Box>
          <Button variant="outlined" startIcon={<PrintIcon />} onClick={onReprint} disabled={reprinting} data-testid="frontdesk-issued-reprint">
            {reprinting ? t('frontdesk.reprinting') : t('frontdesk.reprint')}&nbsp;<Kbd>F3</Kbd>
          </Button>
        </Box>
      ) : (
        <Alert
          severity="error"
          sx={{ mt: 1, py: 0.25, '& .MuiAlert-message': { py: 0.75 } }}
          data-testid="frontdesk-print-failed"
          data-code={print.code ?? ''}
          action={
            <Button color="inherit" variant="outlined" startIcon={<PrintIcon />} onClick={onReprint} disabled={reprinting} data-testid="frontdesk-issued-reprint" sx={{ whiteSpace: 'nowrap', alignSelf: 'center' }}>
              {t('frontdesk.reprint')}&nbsp;<Kbd>F3</Kbd>
            </Button>
          }
        >
          <Box component="strong" sx={{ display: 'block' }}>{t('frontdesk.printFailed')}</Box>
          {printMessage || t('frontdesk.printFailedStillIssued')}
        </Alert>
      )}
    </Paper>
  );
}
