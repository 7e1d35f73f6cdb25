import { Alert, Box, Button, Chip, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Paper, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { ApplicationDetail } from '../../../../common/applications/application';
import { formatRupiah } from '../../../../common/domain/applications/fee';
import { requiresReason, STATUS_LABELS, type ApplicationStatus } from '../../../../common/domain/applications/status';
import type { DocumentView } from '../../../../common/documents/document';
import type { PrintOutcome } from '../../../../common/ipc/channels/queue';
import { useErrorText } from '../../hooks/useErrorText';
import { formatDateTime, formatLongDate } from '../../i18n/format';
import { Kbd, useLocale, usePageKeys } from '../frontdesk/queue-ui';
import { DueBadge, StatusChip } from './DueBadge';
import { ScanItem } from './ScanItem';

/** The full record (audited in main), its scans, history and the allowed status changes. */
export function ApplicationDetailView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const [detail, setDetail] = useState<ApplicationDetail | null>(null);
  const [docs, setDocs] = useState<DocumentView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [pendingStatus, setPendingStatus] = useState<ApplicationStatus | null>(null);
  const [reason, setReason] = useState('');
  const [print, setPrint] = useState<PrintOutcome | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const d = await call(api().applications.open({ id }));
      setDetail(d);
      setDocs((await call(api().documents.list({ applicationId: id }))).items);
    } catch (e) {
      setError(e);
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  const apply = async (to: ApplicationStatus, why: string | null) => {
    if (!detail) return;
    setBusy(true);
    setError(null);
    try {
      const d = await call(api().applications.transition({ id, to, reason: why, expectedStatus: detail.status }));
      setDetail(d);
      setPendingStatus(null);
      setReason('');
      setNotice(t('applications.statusChanged', { status: STATUS_LABELS[to][locale] }));
    } catch (e) {
      setError(e);
      await load();
    } finally {
      setBusy(false);
    }
  };

  const choose = (to: ApplicationStatus) => {
    if (requiresReason(to)) {
      setPendingStatus(to);
      setReason('');
    } else void apply(to, null);
  };

  const doPrint = async () => {
    try {
      setPrint(await call(api().applications.printReceipt({ id })));
    } catch (e) {
      setError(e);
    }
  };

  usePageKeys((e) => {
    if (e.key === 'F4') {
      void doPrint();
      return true;
    }
    if (e.key === 'Escape' && !e.typing) {
      onBack();
      return true;
    }
    return false;
  }, pendingStatus === null);

  if (!detail) {
    return error !== null ? <Alert severity="error">{errorText(error)}</Alert> : <CircularProgress />;
  }
  const field = (label: string, value: string | null | undefined, testid?: string) => (
    <>
      <Typography sx={{ color: 'text.secondary' }}>{label}</Typography>
      <Typography data-testid={testid}>{value ?? '—'}</Typography>
    </>
  );
  return (
    <Box data-testid="application-detail" data-status={detail.status}>
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h2" sx={{ fontSize: '1.375rem', fontFamily: 'monospace' }} data-testid="detail-regno">
          {detail.registrationNumber ?? detail.id}
        </Typography>
        <StatusChip status={detail.status} locale={locale} />
        <DueBadge state={detail.dueState} />
        {detail.pending && <Chip size="small" variant="outlined" label={t('applications.pending')} />}
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="outlined" onClick={() => void doPrint()} data-testid="detail-print">
          {detail.status === 'berkas_belum_lengkap' ? t('applications.printMissing') : t('applications.print')} <Kbd>F4</Kbd>
        </Button>
        <Button onClick={onBack}>
          {t('applications.backToList')} <Kbd>Esc</Kbd>
        </Button>
      </Box>
      {notice && <Alert severity="success" sx={{ mb: 1 }} onClose={() => setNotice(null)} data-testid="detail-notice">{notice}</Alert>}
      {print && (
        <Alert severity={print.ok ? 'success' : 'error'} sx={{ mb: 1 }} data-testid="detail-print-outcome" data-ok={String(print.ok)}>
          {print.ok ? t('applications.printed') : t('applications.printFailed', { message: (locale === 'en' ? print.messageEn : print.message) ?? '' })}
        </Alert>
      )}
      {error !== null && <Alert severity="error" sx={{ mb: 1 }} data-testid="detail-error">{errorText(error)}</Alert>}

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
        <Paper variant="outlined" sx={{ p: 2, borderRadius: 3 }}>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 20px' }}>
            {field(t('applications.applicant'), detail.applicant.name)}
            {field('NIK', detail.applicant.nik, 'detail-nik')}
            {field(t('applications.sex'), detail.applicant.sex === 'F' ? t('applications.sexF') : detail.applicant.sex === 'M' ? t('applications.sexM') : null)}
            {field(t('applications.birthDate'), detail.applicant.birthDate ? formatLongDate(`${detail.applicant.birthDate}T12:00:00`, locale) : null)}
            {field(t('applications.phone'), detail.applicant.phone)}
            {field(t('applications.service'), `${detail.serviceName}${detail.serviceVersion ? ` · ${t('services.version', { version: detail.serviceVersion })}` : ''}`)}
            {field(t('applications.fee'), detail.fee === null ? null : formatRupiah(detail.fee, { freeLabel: t('services.free') }))}
            {field(t('applications.due'), detail.dueDate ? formatLongDate(`${detail.dueDate}T12:00:00`, locale) : detail.status === 'berkas_belum_lengkap' ? t('applications.paused') : null, 'detail-due')}
            {field(t('applications.notes'), detail.notes)}
          </Box>
          {detail.statusReason && <Alert severity="warning" sx={{ mt: 1 }}>{detail.statusReason}</Alert>}
          <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
            {t('applications.auditNote')}
          </Typography>
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, borderRadius: 3 }}>
          <Typography variant="h3" sx={{ fontSize: '1.0625rem', mb: 1 }}>
            {t('applications.actions')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {detail.nextStatuses.length === 0 && <Typography sx={{ color: 'text.secondary' }}>—</Typography>}
            {detail.nextStatuses.map((s) => (
              <Button
                key={s}
                variant={s === 'ditolak' || s === 'dibatalkan' ? 'outlined' : 'contained'}
                color={s === 'ditolak' ? 'error' : s === 'dibatalkan' || s === 'berkas_belum_lengkap' ? 'warning' : 'primary'}
                disabled={busy}
                onClick={() => choose(s)}
                data-testid={`status-action-${s}`}
              >
                {STATUS_LABELS[s][locale]}
              </Button>
            ))}
          </Box>
          <Typography variant="h3" sx={{ fontSize: '1.0625rem', mt: 2, mb: 1 }}>
            {t('applications.history')}
          </Typography>
          <Box component="ol" sx={{ m: 0, pl: 2.5 }} data-testid="detail-history">
            {detail.history.map((h, i) => (
              <li key={i}>
                <Typography variant="body2">
                  {t('applications.historyEntry', { status: STATUS_LABELS[h.to][locale], who: h.byName, when: formatDateTime(h.at, locale) })}
                  {h.note ? ` — ${h.note}` : ''}
                </Typography>
              </li>
            ))}
          </Box>
        </Paper>
      </Box>

      <Paper variant="outlined" sx={{ p: 2, borderRadius: 3, mt: 2 }}>
        <Typography variant="h3" sx={{ fontSize: '1.0625rem', mb: 1 }}>
          {t('applications.checklist')}
        </Typography>
        <Box component="ul" sx={{ m: 0, pl: 2.5, mb: 1.5 }}>
          {detail.checklist.map((c) => (
            <li key={c.code}>
              <Typography variant="body2">
                <b>{t(`applications.state.${c.state}`)}</b> · {c.name}
                {c.mandatory ? ` (${t('services.mandatory')})` : ''}
                {c.reason ? ` — ${c.reason}` : ''}
              </Typography>
            </li>
          ))}
        </Box>
        <Typography variant="h3" sx={{ fontSize: '1.0625rem', mb: 1 }}>
          {t('applications.documents')}
        </Typography>
        <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
          {docs.map((d) => (
            <ScanItem key={d.id} doc={d} readOnly />
          ))}
          {detail.documents
            .filter((d) => d.id === null)
            .map((d) => (
              <Typography key={d.sha256} variant="body2" sx={{ color: 'text.secondary' }}>
                {d.fileName} · {t('applications.scanOnly')} · {d.sha256.slice(0, 16)}…
              </Typography>
            ))}
        </Box>
      </Paper>

      <Dialog open={pendingStatus !== null} onClose={() => setPendingStatus(null)} data-testid="reason-dialog" fullWidth maxWidth="sm">
        <DialogTitle>{pendingStatus ? t('applications.reasonFor', { status: STATUS_LABELS[pendingStatus][locale] }) : ''}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={reason.trim() === ''}
            helperText={reason.trim() === '' ? t('applications.reasonRequired') : ' '}
            slotProps={{ htmlInput: { maxLength: 500 } }}
            sx={{ mt: 1 }}
            data-testid="reason-input"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.ctrlKey && pendingStatus && reason.trim()) void apply(pendingStatus, reason.trim());
            }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPendingStatus(null)}>{t('common.cancel')}</Button>
          <Button variant="contained" disabled={reason.trim() === '' || busy} onClick={() => pendingStatus && void apply(pendingStatus, reason.trim())} data-testid="reason-apply">
            {t('applications.apply')} <Kbd dark>Ctrl+Enter</Kbd>
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
