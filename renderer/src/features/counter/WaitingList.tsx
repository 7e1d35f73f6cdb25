import CampaignIcon from '@mui/icons-material/Campaign';
import ReplayIcon from '@mui/icons-material/Replay';
import { Box, Button, Chip, Paper, Tab, Table, TableBody, TableCell, TableHead, TableRow, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterState, TicketView } from '../../../../common/ipc/channels/queue';
import { formatTime } from '../../i18n/format';
import { categoryLabel, formatMinutes, stateLabel, UnsyncedBadge, useLocale, useNow } from '../frontdesk/queue-ui';

const SR_ONLY = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

interface Props {
  state: CounterState;
  canCall: boolean;
  busy: boolean;
  onCall: (ticket: TicketView) => void;
  onReactivate: (ticket: TicketView) => void;
}

/** Waiting list (with waiting times; call out of order when allowed) and the no-shows to reactivate. */
export function WaitingList({ state, canCall, busy, onCall, onReactivate }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(15_000);
  const [tab, setTab] = useState<'waiting' | 'noshow'>('waiting');
  const rows = tab === 'waiting' ? state.waiting : state.noShows;

  return (
    <Paper variant="outlined" component="section" aria-label={t('counterQueue.listsLabel')} sx={{ borderRadius: 3, overflow: 'hidden', minWidth: 0 }}>
      <Tabs value={tab} onChange={(_e, v: 'waiting' | 'noshow') => setTab(v)} variant="fullWidth" sx={{ borderBottom: '1px solid', borderColor: 'divider' }}>
        <Tab value="waiting" label={t('counterQueue.waitingTab', { n: state.waiting.length })} data-testid="counter-tab-waiting" sx={{ minHeight: 52 }} />
        <Tab value="noshow" label={t('counterQueue.noShowTab', { n: state.noShows.length })} data-testid="counter-tab-noshow" sx={{ minHeight: 52 }} />
      </Tabs>
      <Box sx={{ maxHeight: 470, overflowY: 'auto' }} data-testid={tab === 'waiting' ? 'counter-waiting' : 'counter-noshows'}>
        {rows.length === 0 ? (
          <Typography sx={{ p: 2, color: 'text.secondary' }}>{tab === 'waiting' ? t('counterQueue.waitingEmpty') : t('counterQueue.noShowEmpty')}</Typography>
        ) : (
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">{t('counterQueue.colNumber')}</TableCell>
                <TableCell component="th" scope="col">{t('counterQueue.colService')}</TableCell>
                <TableCell component="th" scope="col" align="right">{tab === 'waiting' ? t('counterQueue.colWaited') : t('counterQueue.colCalled')}</TableCell>
                {(tab === 'noshow' || state.allowCallOutOfOrder) && <TableCell component="th" scope="col" align="right"><Box component="span" sx={SR_ONLY}>{t('counterQueue.colAction')}</Box></TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((tk) => (
                <TableRow key={tk.id} data-testid={`counter-row-${tk.number}`} data-status={tk.status}>
                  <TableCell sx={{ fontWeight: 800, fontSize: '1.125rem', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{tk.number}</TableCell>
                  <TableCell>
                    <Typography sx={{ fontSize: '0.9375rem', lineHeight: 1.3 }}>{tk.serviceName}</Typography>
                    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.25 }}>
                      {tk.category !== 'normal' && <Chip size="small" color="warning" label={categoryLabel(tk.category, locale)} />}
                      {tk.status !== 'waiting' && tk.status !== 'no_show' && <Chip size="small" variant="outlined" label={stateLabel(tk.status, locale)} />}
                      {tk.channel === 'transfer' && <Chip size="small" variant="outlined" label={t('counterQueue.transferredIn')} />}
                      <UnsyncedBadge synced={tk.synced} />
                    </Box>
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {tab === 'waiting' ? formatMinutes(tk.arrivedAt, now, locale) : formatTime(tk.calledAt ?? tk.arrivedAt, locale)}
                  </TableCell>
                  {tab === 'waiting' && state.allowCallOutOfOrder && (
                    <TableCell align="right">
                      <Button size="small" variant="outlined" startIcon={<CampaignIcon />} disabled={!canCall || busy} onClick={() => onCall(tk)} sx={{ minHeight: 40, whiteSpace: 'nowrap' }} aria-label={t('counterQueue.callThis', { number: tk.number })} data-testid={`counter-call-${tk.number}`}>
                        {t('counterQueue.call')}
                      </Button>
                    </TableCell>
                  )}
                  {tab === 'noshow' && (
                    <TableCell align="right">
                      <Button size="small" variant="outlined" startIcon={<ReplayIcon />} disabled={busy} onClick={() => onReactivate(tk)} sx={{ minHeight: 40, whiteSpace: 'nowrap' }} data-testid={`counter-reactivate-${tk.number}`}>
                        {t('counterQueue.reactivate')}
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Paper>
  );
}
