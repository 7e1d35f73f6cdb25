import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PauseReason } from '../../../../common/ipc/channels/queue';
import { PauseReasonSchema } from '../../../../common/ipc/channels/queue';
import { useErrorText } from '../../hooks/useErrorText';
import { Kbd } from '../frontdesk/queue-ui';

export interface Option {
  id: string;
  label: string;
  group: string;
}

function OptionSelect({ options, value, onChange, label, testId, autoFocus }: { options: Option[]; value: string | null; onChange: (id: string | null) => void; label: string; testId: string; autoFocus?: boolean }) {
  const selected = options.find((o) => o.id === value) ?? null;
  return (
    <Autocomplete
      options={options}
      groupBy={(o) => o.group}
      value={selected}
      onChange={(_e, o) => onChange(o?.id ?? null)}
      getOptionLabel={(o) => o.label}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      autoHighlight
      openOnFocus
      renderInput={(params) => <TextField {...params} label={label} autoFocus={autoFocus} />}
      renderOption={(props, o) => {
        const { key, ...rest } = props as typeof props & { key: string };
        return (
          <li key={key} {...rest} data-testid={`${testId}-option-${o.id}`} style={{ minHeight: 44 }}>
            {o.label}
          </li>
        );
      }}
      data-testid={testId}
    />
  );
}

/** Dialog shell: Ctrl+Enter submits from anywhere inside, Esc closes. */
function ActionDialog({
  open,
  title,
  testId,
  onClose,
  onSubmit,
  submitLabel,
  canSubmit,
  busy,
  error,
  children,
}: {
  open: boolean;
  title: string;
  testId: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  canSubmit: boolean;
  busy: boolean;
  error: unknown;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.ctrlKey && canSubmit && !busy) {
          e.preventDefault();
          onSubmit();
        }
      }}
    >
      <DialogTitle>{title}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
        {children}
        {error !== null && error !== undefined && <Alert severity="error">{errorText(error)}</Alert>}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
        <Button onClick={onClose}>
          {t('common.cancel')}&nbsp;<Kbd>Esc</Kbd>
        </Button>
        <Button variant="contained" onClick={onSubmit} disabled={!canSubmit || busy} data-testid={`${testId}-submit`}>
          {submitLabel}&nbsp;<Kbd dark>Ctrl+Enter</Kbd>
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export type TransferTarget = { serviceId: string; note?: string } | { counterId: string; note?: string };

export function TransferDialog({
  open,
  ticketNumber,
  services,
  counters,
  onClose,
  onSubmit,
}: {
  open: boolean;
  ticketNumber: string;
  services: Option[];
  counters: Option[];
  onClose: () => void;
  onSubmit: (target: TransferTarget) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'counter' | 'service'>('counter');
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [counterId, setCounterId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const target = mode === 'service' ? serviceId : counterId;

  const submit = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const n = note.trim() || undefined;
      await onSubmit(mode === 'service' ? { serviceId: target, note: n } : { counterId: target, note: n });
      setServiceId(null);
      setCounterId(null);
      setNote('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ActionDialog
      open={open}
      title={t('counterQueue.transferTitle', { number: ticketNumber })}
      testId="transfer-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('counterQueue.transferSubmit')}
      canSubmit={target !== null}
      busy={busy}
      error={error}
    >
      <Typography>{t('counterQueue.transferIntro')}</Typography>
      <RadioGroup row value={mode} onChange={(e) => setMode(e.target.value as 'counter' | 'service')} aria-label={t('counterQueue.transferTo')}>
        <FormControlLabel value="counter" control={<Radio />} label={t('counterQueue.toCounter')} data-testid="transfer-mode-counter" />
        <FormControlLabel value="service" control={<Radio />} label={t('counterQueue.toService')} data-testid="transfer-mode-service" />
      </RadioGroup>
      {mode === 'counter' ? (
        <OptionSelect key="counter" options={counters} value={counterId} onChange={setCounterId} label={t('counterQueue.targetCounter')} testId="transfer-counter" autoFocus />
      ) : (
        <OptionSelect key="service" options={services} value={serviceId} onChange={setServiceId} label={t('counterQueue.targetService')} testId="transfer-service" autoFocus />
      )}
      <TextField
        label={t('counterQueue.transferNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { maxLength: 1000 } }}
        data-testid="transfer-note"
      />
    </ActionDialog>
  );
}

export function PauseDialog({ open, onClose, onSubmit }: { open: boolean; onClose: () => void; onSubmit: (reason: PauseReason, note?: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<PauseReason>('istirahat');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const needsNote = reason === 'lainnya';
  const canSubmit = !needsNote || note.trim() !== '';

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason, note.trim() || undefined);
      setNote('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ActionDialog
      open={open}
      title={t('counterQueue.pauseTitle')}
      testId="pause-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('counterQueue.pauseSubmit')}
      canSubmit={canSubmit}
      busy={busy}
      error={error}
    >
      <RadioGroup
        value={reason}
        onChange={(e) => setReason(e.target.value as PauseReason)}
        aria-label={t('counterQueue.pauseReason')}
        onKeyDown={(e) => {
          const n = Number(e.key);
          const r = PauseReasonSchema.options[n - 1];
          if (r) {
            e.preventDefault();
            setReason(r);
          }
        }}
      >
        {PauseReasonSchema.options.map((r, i) => (
          <FormControlLabel
            key={r}
            value={r}
            control={<Radio autoFocus={i === 0} />}
            data-testid={`pause-reason-${r}`}
            label={
              <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center' }}>
                <Kbd>{i + 1}</Kbd>
                {t(`counterQueue.pauseReasons.${r}`)}
              </Box>
            }
            sx={{ minHeight: 44 }}
          />
        ))}
      </RadioGroup>
      <TextField
        label={needsNote ? t('counterQueue.pauseNoteRequired') : t('counterQueue.pauseNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        required={needsNote}
        slotProps={{ htmlInput: { maxLength: 200 } }}
        data-testid="pause-note"
      />
    </ActionDialog>
  );
}

export function WalkInDialog({
  open,
  services,
  defaultServiceId,
  onClose,
  onSubmit,
}: {
  open: boolean;
  services: Option[];
  defaultServiceId: string | null;
  onClose: () => void;
  onSubmit: (serviceId: string, note?: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [serviceId, setServiceId] = useState<string | null>(defaultServiceId);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    if (!serviceId) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(serviceId, note.trim() || undefined);
      setNote('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ActionDialog
      open={open}
      title={t('counterQueue.walkInTitle')}
      testId="walkin-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('counterQueue.walkInSubmit')}
      canSubmit={serviceId !== null}
      busy={busy}
      error={error}
    >
      <Typography>{t('counterQueue.walkInIntro')}</Typography>
      <OptionSelect options={services} value={serviceId} onChange={setServiceId} label={t('counterQueue.walkInService')} testId="walkin-service" autoFocus />
      <TextField
        label={t('counterQueue.walkInNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { maxLength: 1000 } }}
        data-testid="walkin-note"
      />
    </ActionDialog>
  );
}
