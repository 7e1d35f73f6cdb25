import AttachFileIcon from '@mui/icons-material/AttachFile';
import PhotoCameraIcon from '@mui/icons-material/PhotoCamera';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  MenuItem,
  Paper,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, isApiError } from '../../api/client';
import { checklistFor, checklistIssues, INVALID_REASONS, type ApplicationDetail, type CheckState, type ChecklistItem } from '../../../../common/applications/application';
import { completionText, type ServiceStandard } from '../../../../common/catalog/standard';
import { formatRupiah } from '../../../../common/domain/applications/fee';
import { parseNik } from '../../../../common/domain/identity/nik';
import { parsePhone } from '../../../../common/domain/identity/phone';
import { DEFAULT_MAX_DOCUMENT_BYTES, type DocumentView } from '../../../../common/documents/document';
import type { PrintOutcome } from '../../../../common/ipc/channels/queue';
import { useErrorText } from '../../hooks/useErrorText';
import { formatLongDate } from '../../i18n/format';
import { useAppState, useSession } from '../../state/AppState';
import type { ApplicationHandoff } from '../counter/handoff';
import { Kbd, useLocale, usePageKeys } from '../frontdesk/queue-ui';
import { newDraftId, uploadFile } from './scans';
import { ScanItem } from './ScanItem';
import { CameraDialog } from './CameraDialog';

const STATES: readonly CheckState[] = ['missing', 'present', 'valid', 'invalid'];
const OTHER = '__other__';

interface Result {
  detail: ApplicationDetail;
  print: PrintOutcome | null;
}

/** Verification checklist + applicant identity + scans → register, or record "berkas belum lengkap". */
export function VerifyForm({ handoff, onOpen, onCancel }: { handoff: ApplicationHandoff | null; onOpen: (id: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const session = useSession();
  const { catalog } = useAppState();
  const services = useMemo(() => (catalog?.services ?? []).filter((s) => session.officer.role !== 'officer' || s.agencyId === session.officer.agencyId), [catalog, session]);
  const [serviceId, setServiceId] = useState<string>(handoff?.serviceId ?? services[0]?.id ?? '');
  const [standard, setStandard] = useState<ServiceStandard | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [items, setItems] = useState<ChecklistItem[]>([]);
  const [draftId, setDraftId] = useState(newDraftId);
  const [docs, setDocs] = useState<DocumentView[]>([]);
  const [upload, setUpload] = useState<{ name: string; fraction: number } | null>(null);
  const [name, setName] = useState('');
  const [nik, setNik] = useState('');
  const [phone, setPhone] = useState('');
  const [sex, setSex] = useState<'F' | 'M' | ''>('');
  const [birthDate, setBirthDate] = useState('');
  const [notes, setNotes] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState<{ complete: boolean; text: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!serviceId) return;
    let alive = true;
    setStandard(null);
    setLoadError(null);
    call(api().catalog.standard({ serviceId }))
      .then((s) => {
        if (!alive) return;
        setStandard(s);
        setItems(checklistFor(s.requirements));
      })
      .catch((e: unknown) => alive && setLoadError(e));
    return () => {
      alive = false;
    };
  }, [serviceId]);

  useEffect(() => nameRef.current?.focus(), []);

  const nikCheck = useMemo(() => (nik.trim() === '' ? null : parseNik(nik)), [nik]);
  const phoneCheck = useMemo(() => (phone.trim() === '' ? null : parsePhone(phone)), [phone]);
  const issues = checklistIssues(items);
  const mandatoryMissing = items.filter((i) => i.mandatory && i.state !== 'valid');
  const reasonMissing = items.some((i) => i.state === 'invalid' && !i.reason);
  const identityOk = name.trim() !== '' && (nikCheck === null || nikCheck.ok) && (phoneCheck === null || phoneCheck.ok);
  const canRegister = !busy && !!standard && identityOk && issues.length === 0;
  const canIncomplete = !busy && !!standard && identityOk && mandatoryMissing.length > 0 && !reasonMissing;

  const setItem = (code: string, patch: Partial<ChecklistItem>) => setItems((list) => list.map((i) => (i.code === code ? { ...i, ...patch } : i)));

  const attach = async (code: string, files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      setError(null);
      setUpload({ name: file.name, fraction: 0 });
      try {
        const doc = await uploadFile(file, draftId, code, (fraction) => setUpload({ name: file.name, fraction }));
        setDocs((d) => [...d, doc]);
        setItems((list) => list.map((i) => (i.code === code && i.state === 'missing' ? { ...i, state: 'present' } : i)));
      } catch (e) {
        setError(e);
      } finally {
        setUpload(null);
      }
    }
  };

  const removeDoc = async (id: string) => {
    try {
      await call(api().documents.remove({ id }));
      setDocs((d) => d.filter((x) => x.id !== id));
    } catch (e) {
      setError(e);
    }
  };

  const submit = async (complete: boolean, confirmWarnings = false) => {
    setTouched(true);
    if (!standard || !(complete ? canRegister : canIncomplete)) return;
    setBusy(true);
    setError(null);
    try {
      const detail = await call(
        api().applications.register({
          draftId,
          serviceId: standard.serviceId,
          serviceVersion: standard.version,
          ticketId: handoff?.ticketId ?? null,
          applicant: {
            name: name.trim(),
            nik: nikCheck?.ok ? nikCheck.nik : null,
            phone: phone.trim() || null,
            sex: sex === '' ? null : sex,
            birthDate: birthDate || null,
          },
          checklist: items,
          complete,
          notes: notes.trim() || null,
          ...(confirmWarnings ? { confirmWarnings: true } : {}),
        }),
      );
      setConfirm(null);
      let print: PrintOutcome | null = null;
      try {
        print = await call(api().applications.printReceipt({ id: detail.id }));
      } catch (e) {
        print = { ok: false, message: isApiError(e) ? e.message : String(e), messageEn: isApiError(e) ? e.messageEn : String(e) };
      }
      setResult({ detail, print });
    } catch (e) {
      if (isApiError(e) && e.details.issue === 'CONFIRM_WARNINGS') setConfirm({ complete, text: errorText(e) });
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const reprint = async () => {
    if (!result) return;
    try {
      setResult({ ...result, print: await call(api().applications.printReceipt({ id: result.detail.id })) });
    } catch (e) {
      setError(e);
    }
  };

  const another = () => {
    // Same visitor (ticket, identity), next service: a fresh checklist and draft.
    setResult(null);
    setDraftId(newDraftId());
    setDocs([]);
    if (standard) setItems(checklistFor(standard.requirements));
    setNotes('');
  };

  usePageKeys((e) => {
    if (result) {
      if (e.key === 'F4') {
        void reprint();
        return true;
      }
      return false;
    }
    if (e.key === 'F2') {
      void submit(true);
      return true;
    }
    if (e.key === 'F3') {
      void submit(false);
      return true;
    }
    return false;
  }, confirm === null);

  const nikInfo = nikCheck?.ok
    ? t('applications.nikDerived', { sex: nikCheck.sex === 'F' ? t('applications.sexF') : t('applications.sexM'), date: formatLongDate(`${nikCheck.birthDate}T12:00:00`, locale), province: nikCheck.provinceName })
    : null;
  const maxMb = DEFAULT_MAX_DOCUMENT_BYTES / (1024 * 1024);

  if (result) {
    const d = result.detail;
    const incomplete = d.status === 'berkas_belum_lengkap';
    return (
      <Paper variant="outlined" sx={{ p: 3, borderRadius: 3 }} data-testid="registered-panel" data-regno={d.registrationNumber ?? ''} data-status={d.status}>
        <Typography variant="h2" sx={{ fontSize: '1.375rem', mb: 2, display: 'flex', gap: 1, alignItems: 'center' }}>
          {!incomplete && <CheckCircleIcon color="success" aria-hidden />}
          {incomplete ? t('applications.incompleteTitle') : t('applications.registeredTitle')}
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '6px 24px', mb: 2 }}>
          <Typography sx={{ color: 'text.secondary' }}>{t('applications.regno')}</Typography>
          <Typography sx={{ fontFamily: 'monospace', fontSize: '1.25rem', fontWeight: 700 }} data-testid="registered-regno">
            {d.registrationNumber}
          </Typography>
          <Typography sx={{ color: 'text.secondary' }}>{t('applications.applicant')}</Typography>
          <Typography>{d.applicant.name}</Typography>
          <Typography sx={{ color: 'text.secondary' }}>{t('applications.service')}</Typography>
          <Typography>{d.serviceName}</Typography>
          <Typography sx={{ color: 'text.secondary' }}>{t('applications.due')}</Typography>
          <Typography data-testid="registered-due">{d.dueDate ? formatLongDate(`${d.dueDate}T12:00:00`, locale) : t('applications.paused')}</Typography>
        </Box>
        {incomplete && d.statusReason && <Alert severity="warning" sx={{ mb: 2 }}>{d.statusReason}</Alert>}
        {result.print && (
          <Alert severity={result.print.ok ? 'success' : 'error'} sx={{ mb: 2 }} data-testid="print-outcome" data-ok={String(result.print.ok)}>
            {result.print.ok ? t('applications.printed') : t('applications.printFailed', { message: (locale === 'en' ? result.print.messageEn : result.print.message) ?? '' })}
          </Alert>
        )}
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <Button variant="contained" onClick={() => void reprint()} data-testid="print-button">
            {incomplete ? t('applications.printMissing') : t('applications.print')} <Kbd dark>F4</Kbd>
          </Button>
          <Button variant="outlined" onClick={another} data-testid="another-button">
            {t('applications.another')}
          </Button>
          <Button variant="outlined" onClick={() => onOpen(d.id)} data-testid="open-detail-button">
            {t('applications.openDetail')}
          </Button>
          <Button onClick={onCancel}>{t('applications.backToList')}</Button>
        </Box>
      </Paper>
    );
  }

  return (
    <Box data-testid="verify-page" onDragOver={(e) => e.preventDefault()}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Chip label={handoff ? t('applications.fromTicket', { number: handoff.ticketNumber }) : t('applications.noTicket')} color={handoff ? 'primary' : 'default'} data-testid="verify-ticket" />
        <TextField select size="small" label={t('applications.service')} value={serviceId} onChange={(e) => setServiceId(e.target.value)} sx={{ minWidth: 360 }} data-testid="verify-service">
          {services.map((s) => (
            <MenuItem key={s.id} value={s.id}>
              {s.name}
            </MenuItem>
          ))}
        </TextField>
        {standard && (
          <Typography sx={{ color: 'text.secondary' }} data-testid="verify-standard">
            {t('applications.standardVersion', { version: standard.version, time: completionText(standard.completionTime, locale), fee: formatRupiah(standard.fee.amount, { freeLabel: t('services.free') }) })}
          </Typography>
        )}
      </Box>
      {loadError !== null && <Alert severity="error">{errorText(loadError)}</Alert>}

      <Box sx={{ display: 'grid', gap: 2 }}>
        <Paper
          variant="outlined"
          sx={{ p: 2, borderRadius: 3, display: 'grid', gap: '4px 12px', gridTemplateColumns: { xs: '1fr', md: 'repeat(6, 1fr)' }, '& > .full': { gridColumn: '1 / -1' }, '& > .w2': { gridColumn: { md: 'span 2' } }, '& > .w3': { gridColumn: { md: 'span 3' } } }}
          component="section"
          aria-label={t('applications.applicant')}
        >
          <Typography variant="h2" sx={{ fontSize: '1.125rem' }} className="full">
            {t('applications.applicant')}
          </Typography>
          <TextField
            className="w3"
            inputRef={nameRef}
            size="small"
            label={t('applications.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            error={touched && name.trim() === ''}
            helperText={touched && name.trim() === '' ? t('applications.nameRequired') : ' '}
            data-testid="verify-name"
            slotProps={{ htmlInput: { maxLength: 200, autoComplete: 'off' } }}
          />
          <TextField
            className="w3"
            size="small"
            label={t('applications.nik')}
            value={nik}
            onChange={(e) => setNik(e.target.value)}
            error={nikCheck !== null && !nikCheck.ok}
            helperText={
              nikCheck === null
                ? ' '
                : nikCheck.ok
                  ? [nikInfo, ...nikCheck.warnings.map((w) => (locale === 'en' ? w.messageEn : w.message))].join(' ')
                  : nikCheck.errors.map((er) => (locale === 'en' ? er.messageEn : er.message)).join(' ')
            }
            data-testid="verify-nik"
            slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 24, autoComplete: 'off' }, formHelperText: { 'data-testid': 'verify-nik-info' } as object }}
          />
          <TextField className="w2" select size="small" label={t('applications.sex')} value={sex} onChange={(e) => setSex(e.target.value as 'F' | 'M' | '')} data-testid="verify-sex">
              <MenuItem value="">{t('applications.sexUnknown')}</MenuItem>
              <MenuItem value="F">{t('applications.sexF')}</MenuItem>
              <MenuItem value="M">{t('applications.sexM')}</MenuItem>
          </TextField>
          <TextField
            className="w2"
            size="small"
            type="date"
            label={t('applications.birthDate')}
            value={birthDate}
            onChange={(e) => setBirthDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            data-testid="verify-birthdate"
            helperText=" "
          />
          <TextField
            className="w2"
            size="small"
            label={t('applications.phone')}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            error={phoneCheck !== null && !phoneCheck.ok}
            helperText={phoneCheck === null ? ' ' : phoneCheck.ok ? phoneCheck.e164 : phoneCheck.errors.map((er) => (locale === 'en' ? er.messageEn : er.message)).join(' ')}
            data-testid="verify-phone"
            slotProps={{ htmlInput: { inputMode: 'tel', maxLength: 30 } }}
          />
          <TextField className="full" size="small" label={t('applications.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} slotProps={{ htmlInput: { maxLength: 1000 } }} />
        </Paper>

        <Paper variant="outlined" sx={{ p: 2, borderRadius: 3 }} component="section" aria-label={t('applications.checklist')}>
          <Typography variant="h2" sx={{ fontSize: '1.125rem' }}>
            {t('applications.checklist')}
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1.5 }}>
            {t('applications.checklistHint')} {t('applications.dropHere', { mb: maxMb })}
          </Typography>
          {!standard && loadError === null && <CircularProgress size={28} />}
          <Box sx={{ display: 'grid', gap: 1.25 }}>
            {items.map((item) => (
              <RequirementRow
                key={item.code}
                item={item}
                requirementForm={standard?.requirements.find((r) => r.code === item.code)?.form ?? 'asli'}
                notes={standard?.requirements.find((r) => r.code === item.code)?.notes ?? null}
                docs={docs.filter((d) => d.requirementCode === item.code)}
                onState={(state) => setItem(item.code, { state, reason: state === 'invalid' ? item.reason : null })}
                onReason={(reason) => setItem(item.code, { reason })}
                onFiles={(files) => void attach(item.code, files)}
                onDocChange={(d) => setDocs((list) => list.map((x) => (x.id === d.id ? d : x)))}
                onRemove={(id) => void removeDoc(id)}
              />
            ))}
          </Box>
          {upload && (
            <Box sx={{ mt: 1 }} role="status">
              <Typography variant="body2">{t('applications.uploading', { name: upload.name, percent: Math.round(upload.fraction * 100) })}</Typography>
              <LinearProgress variant="determinate" value={upload.fraction * 100} />
            </Box>
          )}
        </Paper>
      </Box>

      {error !== null && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="verify-error">
          {errorText(error)}
        </Alert>
      )}

      <Paper
        variant="outlined"
        sx={{ position: 'sticky', bottom: 0, mt: 2, p: 1.5, borderRadius: 3, display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap', bgcolor: '#F5F8FB', zIndex: 1 }}
      >
        <Typography
          sx={{ flex: '1 1 300px', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontWeight: 600, color: mandatoryMissing.length ? 'warning.dark' : 'success.dark' }}
          role="status"
          data-testid="verify-summary"
          title={mandatoryMissing.map((i) => i.name).join('; ')}
        >
          {mandatoryMissing.length === 0 ? t('applications.allValid') : t('applications.cannotRegister', { count: mandatoryMissing.length, list: mandatoryMissing.map((i) => i.name).join('; ') })}
        </Typography>
        <Button variant="outlined" color="warning" disabled={!canIncomplete} onClick={() => void submit(false)} data-testid="incomplete-button" sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
          {t('applications.recordIncomplete')} <Kbd>F3</Kbd>
        </Button>
        <Button variant="contained" disabled={!canRegister} onClick={() => void submit(true)} data-testid="register-button" sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
          {busy ? <CircularProgress size={20} color="inherit" /> : t('applications.register')} <Kbd dark>F2</Kbd>
        </Button>
      </Paper>

      <Dialog open={confirm !== null} onClose={() => setConfirm(null)} data-testid="confirm-dialog">
        <DialogTitle>{t('applications.confirmTitle')}</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 1 }}>
            {confirm?.text}
          </Alert>
          <Typography>{t('applications.confirmBody')}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)}>{t('common.cancel')}</Button>
          <Button variant="contained" onClick={() => confirm && void submit(confirm.complete, true)} data-testid="confirm-continue" autoFocus>
            {t('applications.confirmContinue')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

function RequirementRow(props: {
  item: ChecklistItem;
  requirementForm: 'asli' | 'fotokopi' | 'asli_dan_fotokopi' | 'elektronik';
  notes: string | null;
  docs: DocumentView[];
  onState: (s: CheckState) => void;
  onReason: (r: string | null) => void;
  onFiles: (f: FileList | File[]) => void;
  onDocChange: (d: DocumentView) => void;
  onRemove: (id: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { item } = props;
  const input = useRef<HTMLInputElement>(null);
  const [drag, setDrag] = useState(false);
  const [camera, setCamera] = useState(false);
  const known: string[] = INVALID_REASONS.map((r) => r[locale]);
  const reasonChoice = item.reason === null ? '' : known.includes(item.reason) ? item.reason : OTHER;
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDrag(false);
    if (e.dataTransfer.files.length) props.onFiles(e.dataTransfer.files);
  };
  const tone = item.state === 'valid' ? '#E8F5E9' : item.state === 'invalid' ? '#FDECEA' : item.mandatory ? '#fff' : '#FAFAFA';
  return (
    <Box
      data-testid={`req-${item.code}`}
      data-state={item.state}
      onDragOver={(e) => {
        e.preventDefault();
        setDrag(true);
      }}
      onDragLeave={() => setDrag(false)}
      onDrop={onDrop}
      sx={{ border: 2, borderStyle: drag ? 'dashed' : 'solid', borderColor: drag ? 'primary.main' : 'divider', borderRadius: 2, p: 1.25, bgcolor: tone }}
    >
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Box sx={{ flexGrow: 1, minWidth: 240 }}>
          <Typography sx={{ fontWeight: 600 }}>
            {item.name}{' '}
            <Chip size="small" label={item.mandatory ? t('services.mandatory') : t('services.optional')} color={item.mandatory ? 'primary' : 'default'} variant="outlined" sx={{ ml: 0.5 }} />{' '}
            <Chip size="small" label={t(`services.form.${props.requirementForm}`)} variant="outlined" />
          </Typography>
          {props.notes && (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {props.notes}
            </Typography>
          )}
        </Box>
        <ToggleButtonGroup exclusive size="small" value={item.state} onChange={(_e, v: CheckState | null) => v && props.onState(v)} aria-label={item.name}>
          {STATES.map((s) => (
            <ToggleButton key={s} value={s} data-testid={`req-${item.code}-state-${s}`} sx={{ px: 1.25, fontWeight: 600 }} color={s === 'valid' ? 'success' : s === 'invalid' ? 'error' : 'primary'}>
              {t(`applications.state.${s}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <Button size="small" variant="outlined" startIcon={<AttachFileIcon />} onClick={() => input.current?.click()} data-testid={`req-${item.code}-attach`}>
          {t('applications.attach')}
        </Button>
        <Button size="small" variant="outlined" startIcon={<PhotoCameraIcon />} onClick={() => setCamera(true)} data-testid={`req-${item.code}-camera`}>
          {t('applications.cameraButton')}
        </Button>
        {camera && <CameraDialog open requirementCode={item.code} requirementName={item.name} onClose={() => setCamera(false)} onCapture={(file) => props.onFiles([file])} />}
        <input
          ref={input}
          type="file"
          hidden
          multiple
          accept="application/pdf,image/jpeg,image/png,image/webp,.pdf,.jpg,.jpeg,.png,.webp"
          data-testid={`req-${item.code}-file`}
          onChange={(e) => {
            if (e.target.files?.length) props.onFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </Box>
      {item.state === 'invalid' && (
        <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
          <TextField
            select
            size="small"
            label={t('applications.reason')}
            value={reasonChoice}
            onChange={(e) => props.onReason(e.target.value === OTHER ? '' : e.target.value)}
            error={!item.reason}
            sx={{ minWidth: 280 }}
            data-testid={`req-${item.code}-reason`}
          >
            {known.map((r) => (
              <MenuItem key={r} value={r}>
                {r}
              </MenuItem>
            ))}
            <MenuItem value={OTHER}>{t('applications.reasonOther')}</MenuItem>
          </TextField>
          {reasonChoice === OTHER && (
            <TextField size="small" label={t('applications.reasonOther')} value={item.reason ?? ''} onChange={(e) => props.onReason(e.target.value || null)} sx={{ flexGrow: 1 }} slotProps={{ htmlInput: { maxLength: 200 } }} />
          )}
        </Box>
      )}
      {props.docs.length > 0 && (
        <Box sx={{ display: 'grid', gap: 1, mt: 1 }}>
          {props.docs.map((d) => (
            <ScanItem key={d.id} doc={d} onChange={props.onDocChange} onRemove={() => props.onRemove(d.id)} />
          ))}
        </Box>
      )}
    </Box>
  );
}
