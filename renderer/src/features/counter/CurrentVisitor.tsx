import SaveIcon from '@mui/icons-material/Save';
import { Box, Button, Chip, Paper, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterState } from '../../../../common/ipc/channels/queue';
import { formatTime } from '../../i18n/format';
import { categoryLabel, formatClock, stateLabel, UnsyncedBadge, useLocale, useNow } from '../frontdesk/queue-ui';

interface Props {
  state: CounterState;
  onSaveNote: (text: string) => Promise<void>;
  noteDraft: string;
  setNoteDraft: (text: string) => void;
}

function Timer({ label, value, testId, active }: { label: string; value: string; testId: string; active: boolean }) {
  return (
    <Box sx={{ p: 1.25, borderRadius: 2, bgcolor: active ? '#E6F2EF' : '#F3F6F9', minWidth: 0 }}>
      <Typography sx={{ fontSize: '0.875rem', color: 'text.secondary', fontWeight: 600 }}>{label}</Typography>
      <Typography data-testid={testId} sx={{ fontSize: '1.75rem', fontWeight: 700, fontVariantNumeric: 'tabular-nums', lineHeight: 1.2 }}>
        {value}
      </Typography>
    </Box>
  );
}

/** The visitor at the counter now: number, service, category, live timers and the visit note. */
export function CurrentVisitor({ state, onSaveNote, noteDraft, setNoteDraft }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(1000);
  const cur = state.current;
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setNoteDraft(cur?.note ?? '');
    // Only when the visitor changes: a re-read must not erase what the officer is typing.
  }, [cur?.id]);

  if (!cur) {
    return (
      <Paper variant="outlined" data-testid="counter-current" data-status="idle" sx={{ p: 2.5, borderRadius: 3, minHeight: 120, display: 'grid', alignContent: 'center' }}>
        <Typography sx={{ fontSize: '1.5rem', fontWeight: 700 }}>{state.paused ? t('counterQueue.pausedTitle') : t('counterQueue.idleTitle')}</Typography>
        <Typography sx={{ color: 'text.secondary', mt: 0.5 }}>
          {state.paused
            ? t('counterQueue.pausedHint', { reason: t(`counterQueue.pauseReasons.${state.paused.reason}`), time: formatTime(state.paused.since, locale) })
            : state.waiting.length > 0
              ? t('counterQueue.idleHintWaiting', { n: state.waiting.length })
              : t('counterQueue.idleHintEmpty')}
        </Typography>
        {state.paused?.note && <Typography sx={{ mt: 0.5 }}>{state.paused.note}</Typography>}
      </Paper>
    );
  }

  const waitEnd = cur.calledAt;
  const serving = cur.status === 'serving';
  return (
    <Paper variant="outlined" data-testid="counter-current" data-status={cur.status} data-number={cur.number} sx={{ p: 2.5, borderRadius: 3, borderWidth: 2, borderColor: serving ? 'secondary.main' : 'primary.main' }}>
      <Box sx={{ display: 'flex', gap: 2.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography data-testid="counter-current-number" sx={{ fontSize: '4.25rem', fontWeight: 800, lineHeight: 1, color: 'primary.dark', fontVariantNumeric: 'tabular-nums' }}>
          {cur.number}
        </Typography>
        <Box sx={{ minWidth: 0, flex: '1 1 200px' }}>
          <Typography sx={{ fontWeight: 700, fontSize: '1.125rem', lineHeight: 1.3 }}>{cur.serviceName}</Typography>
          <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap', mt: 0.5 }}>
            <Chip label={stateLabel(cur.status, locale)} color={serving ? 'secondary' : 'primary'} size="small" data-testid="counter-current-status" />
            <Chip label={categoryLabel(cur.category, locale)} size="small" variant={cur.category === 'normal' ? 'outlined' : 'filled'} color={cur.category === 'normal' ? 'default' : 'warning'} />
            {cur.recalls > 0 && <Chip size="small" variant="outlined" label={t('counterQueue.recalls', { n: cur.recalls })} />}
            {cur.originTicketId && <Chip size="small" variant="outlined" label={t('counterQueue.transferredIn')} />}
            <UnsyncedBadge synced={cur.synced} />
          </Box>
        </Box>
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 1, mt: 2 }}>
        <Timer label={t('counterQueue.arrived')} value={formatTime(cur.arrivedAt, locale)} testId="counter-timer-arrived" active={false} />
        <Timer label={t('counterQueue.waitTime')} value={formatClock(cur.arrivedAt, now, waitEnd)} testId="counter-timer-wait" active={!waitEnd} />
        <Timer label={t('counterQueue.serviceTime')} value={formatClock(cur.servingStartedAt, now, cur.finishedAt)} testId="counter-timer-service" active={serving} />
      </Box>
      <Box
        component="form"
        sx={{ display: 'flex', gap: 1, mt: 2, alignItems: 'flex-start' }}
        onSubmit={(e) => {
          e.preventDefault();
          setSaving(true);
          void onSaveNote(noteDraft).finally(() => setSaving(false));
        }}
      >
        <TextField
          label={t('counterQueue.note')}
          value={noteDraft}
          onChange={(e) => setNoteDraft(e.target.value)}
          size="small"
          sx={{ flex: '1 1 auto', minWidth: 0 }}
          slotProps={{ htmlInput: { maxLength: 1000 } }}
          data-testid="counter-note"
        />
        <Button type="submit" variant="outlined" startIcon={<SaveIcon />} disabled={saving || noteDraft === (cur.note ?? '')} sx={{ minHeight: 44, whiteSpace: 'nowrap', flexShrink: 0 }} data-testid="counter-note-save">
          {t('counterQueue.saveNote')}
        </Button>
      </Box>
    </Paper>
  );
}
