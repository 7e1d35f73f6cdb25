import { Alert, Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ServiceQueue } from '../../../../common/ipc/channels/queue';
import { useErrorText } from '../../hooks/useErrorText';
import { formatNumber, formatTime } from '../../i18n/format';
import { formatMinutes, useLocale, useNow } from './queue-ui';

/** Live waiting counts per service (only services with someone waiting), busiest first. */
export function WaitingCounts({ services, error, at }: { services: ServiceQueue[] | null; error: unknown; at: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const now = useNow(15_000);
  const busy = (services ?? []).filter((s) => s.waiting > 0).sort((a, b) => b.waiting - a.waiting || a.serviceName.localeCompare(b.serviceName, 'id'));
  const total = (services ?? []).reduce((n, s) => n + s.waiting, 0);

  return (
    <Box data-testid="frontdesk-waiting">
      {error !== null && <Alert severity="warning" sx={{ mb: 1 }} data-testid="frontdesk-overview-error">{errorText(error)}</Alert>}
      {services !== null && (
        <Typography sx={{ mb: 1 }} role="status">
          {t('frontdesk.waitingTotal', { n: formatNumber(total) })}
          {at && <Box component="span" sx={{ color: 'text.secondary' }}> · {t('frontdesk.updatedAt', { time: formatTime(at, locale) })}</Box>}
        </Typography>
      )}
      {services !== null && busy.length === 0 && <Typography sx={{ color: 'text.secondary' }}>{t('frontdesk.nobodyWaiting')}</Typography>}
      {busy.length > 0 && (
        <Box sx={{ maxHeight: 360, overflowY: 'auto' }}>
          <Table size="small" stickyHeader aria-label={t('frontdesk.waitingTitle')}>
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">{t('frontdesk.colService')}</TableCell>
                <TableCell component="th" scope="col" align="right">{t('frontdesk.colWaiting')}</TableCell>
                <TableCell component="th" scope="col" align="right">{t('frontdesk.colOldest')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {busy.map((s) => (
                <TableRow key={s.serviceId} data-testid={`frontdesk-waiting-${s.serviceId}`}>
                  <TableCell>
                    <Typography sx={{ fontSize: '0.9375rem', lineHeight: 1.3 }}>
                      <Box component="span" sx={{ fontWeight: 700, mr: 0.75 }}>{s.prefix}</Box>
                      {s.serviceName}
                    </Typography>
                    <Typography sx={{ fontSize: '0.8125rem', color: 'text.secondary' }}>{s.agencyName}</Typography>
                  </TableCell>
                  <TableCell align="right" sx={{ fontWeight: 700, fontSize: '1.125rem', fontVariantNumeric: 'tabular-nums' }}>
                    {formatNumber(s.waiting)}
                    {s.priorityWaiting > 0 && (
                      <Typography component="div" sx={{ fontSize: '0.8125rem', color: 'secondary.dark', fontWeight: 600 }}>
                        {t('frontdesk.priorityCount', { n: formatNumber(s.priorityWaiting) })}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{formatMinutes(s.oldestArrivedAt, now, locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
