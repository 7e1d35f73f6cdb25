import PrintIcon from '@mui/icons-material/Print';
import SaveIcon from '@mui/icons-material/Save';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  FormControlLabel,
  MenuItem,
  Paper,
  Switch,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PrintOutcome, PrinterSettingsInputSchema } from '../../../../common/ipc/channels/queue';
import { api, call } from '../../api/client';
import { useNotify } from '../../components/Notify';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../hooks/useErrorText';
import { Kbd, useLocale, usePageKeys } from '../frontdesk/queue-ui';
import { usePageShortcuts } from '../../keyboard/page-shortcuts';

export type PrinterSettings = z.infer<typeof PrinterSettingsInputSchema>;
type Transport = PrinterSettings['transport'];

const TRANSPORTS: readonly Transport[] = ['network', 'device', 'serial', 'virtual'];
const COMMAND_SETS: readonly PrinterSettings['commandSet'][] = ['generic', 'escpos', 'starsbcs'];
const ENCODINGS: readonly PrinterSettings['encoding'][] = ['cp437', 'cp850', 'cp858', 'cp1252', 'multilingual'];

/** The SVG from printer.preview as an <img> data: URL — never injected as HTML. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** Printer (admin): transport, address, paper, command set, code page, cutting; live preview; test print. */
export function PrinterSettingsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const notify = useNotify();
  const errorText = useErrorText();
  const [saved, setSaved] = useState<PrinterSettings | null>(null);
  const [form, setForm] = useState<PrinterSettings | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<PrintOutcome | null>(null);

  const loadPreview = useCallback(async () => {
    try {
      const { svg } = await call(api().printer.preview({}));
      setPreview(svgDataUrl(svg));
      setPreviewError(null);
    } catch (e) {
      setPreviewError(e);
    }
  }, []);

  const load = useCallback(async () => {
    try {
      const s = await call(api().printer.getSettings({}));
      setSaved(s);
      setForm(s);
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
    void loadPreview();
  }, [loadPreview]);

  useEffect(() => {
    void load();
  }, [load]);

  const set = <K extends keyof PrinterSettings>(key: K, value: PrinterSettings[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));
  const dirty = form !== null && saved !== null && JSON.stringify(form) !== JSON.stringify(saved);
  const needsPort = form?.transport === 'network';
  const addressInvalid = form !== null && form.transport !== 'virtual' && form.address.trim() === '';

  const save = async () => {
    if (!form || saving || addressInvalid) return;
    setSaving(true);
    setSaveError(null);
    try {
      const input: PrinterSettings = { ...form, address: form.address.trim() };
      if (input.transport !== 'network') delete input.port;
      const next = await call(api().printer.saveSettings(input));
      setSaved(next);
      setForm(next);
      notify('success', t('printers.saved'));
      void loadPreview();
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const testPrint = async () => {
    if (testing) return;
    setTesting(true);
    setOutcome(null);
    try {
      setOutcome(await call(api().printer.testPrint({})));
    } catch (e) {
      setOutcome({ ok: false, message: errorText(e), messageEn: errorText(e) });
    } finally {
      setTesting(false);
    }
  };

  usePageShortcuts([
    { id: 'save', combos: [['F2']], label: t('common.save') },
    { id: 'testPrint', combos: [['F3']], label: t('printers.testPrint') },
  ]);

  usePageKeys(({ key }) => {
    if (key === 'F2') {
      void save();
      return true;
    }
    if (key === 'F3') {
      void testPrint();
      return true;
    }
    return false;
  });

  const outcomeText = outcome ? (locale === 'en' ? (outcome.messageEn ?? outcome.message) : (outcome.message ?? outcome.messageEn)) : null;


  const actions = form !== null && (
    <>
      {dirty && <Typography sx={{ alignSelf: 'center', color: 'warning.main', fontWeight: 600 }}>{t('printers.unsaved')}</Typography>}
      <Button variant="contained" onClick={() => void save()} startIcon={saving ? <CircularProgress size={20} color="inherit" aria-hidden /> : <SaveIcon />} disabled={saving || !dirty || addressInvalid} data-testid="printer-save" sx={{ minHeight: 52 }}>
        {saving ? t('common.saving') : t('common.save')}&nbsp;<Kbd dark>F2</Kbd>
      </Button>
      <Button variant="outlined" startIcon={testing ? <CircularProgress size={20} aria-hidden /> : <PrintIcon />} onClick={() => void testPrint()} disabled={testing} data-testid="printer-test" sx={{ minHeight: 52 }}>
        {t('printers.testPrint')}&nbsp;<Kbd>F3</Kbd>
      </Button>
    </>
  );

  return (
    <Box data-testid="printers-page" sx={{ maxWidth: 1300 }}>
      <PageHeader title={t('nav.printers.label')} lead={t('printers.lead')} actions={actions} />
      {loadError !== null && form === null && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="printers-load-error" action={<Button color="inherit" onClick={() => void load()}>{t('common.retry')}</Button>}>
          {errorText(loadError)}
        </Alert>
      )}
      {form === null && loadError === null && (
        <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center' }}>
          <CircularProgress size={24} aria-hidden />
          <Typography>{t('common.loading')}</Typography>
        </Box>
      )}
      {form !== null && (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1.2fr) minmax(300px, 0.8fr)' }, gap: 2, alignItems: 'start' }}>
          <Paper
            variant="outlined"
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
            sx={{ p: 2.5, borderRadius: 3, display: 'grid', gap: 2.5 }}
            aria-label={t('printers.formLabel')}
          >
            <Box>
              <Typography id="printer-transport-label" sx={{ fontWeight: 600, mb: 1 }}>
                {t('printers.transport')}
              </Typography>
              <ToggleButtonGroup
                exclusive
                value={form.transport}
                onChange={(_e, v: Transport | null) => v && set('transport', v)}
                aria-labelledby="printer-transport-label"
                sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))' }}
              >
                {TRANSPORTS.map((tr) => (
                  <ToggleButton key={tr} value={tr} data-testid={`printer-transport-${tr}`} sx={{ minHeight: 52, lineHeight: 1.2, '&.Mui-selected, &.Mui-selected:hover': { bgcolor: 'primary.main', color: '#FFFFFF' }, color: 'text.primary' }}>
                    {t(`printers.transports.${tr}`)}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
              <Typography sx={{ color: 'text.secondary', fontSize: '0.9375rem', mt: 0.75 }}>{t(`printers.transportHints.${form.transport}`)}</Typography>
            </Box>

            <Box sx={{ display: 'grid', gridTemplateColumns: needsPort ? 'minmax(0, 1fr) 140px' : '1fr', gap: 2 }}>
              <TextField
                label={t(`printers.addressLabels.${form.transport}`)}
                value={form.address}
                onChange={(e) => set('address', e.target.value)}
                placeholder={t(`printers.addressExamples.${form.transport}`)}
                error={addressInvalid}
                helperText={addressInvalid ? t('printers.addressRequired') : t('printers.addressHelp', { example: t(`printers.addressExamples.${form.transport}`) })}
                slotProps={{ htmlInput: { maxLength: 300, spellCheck: false, autoComplete: 'off' } }}
                data-testid="printer-address"
              />
              {needsPort && (
                <TextField
                  label={t('printers.port')}
                  type="number"
                  value={form.port ?? 9100}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    set('port', Number.isInteger(n) && n >= 1 && n <= 65535 ? n : 9100);
                  }}
                  slotProps={{ htmlInput: { min: 1, max: 65535 } }}
                  data-testid="printer-port"
                />
              )}
            </Box>

            <Box>
              <Typography id="printer-paper-label" sx={{ fontWeight: 600, mb: 1 }}>
                {t('printers.paper')}
              </Typography>
              <ToggleButtonGroup exclusive value={form.paperWidth} onChange={(_e, v: 58 | 80 | null) => v && set('paperWidth', v)} aria-labelledby="printer-paper-label">
                {([58, 80] as const).map((w) => (
                  <ToggleButton key={w} value={w} data-testid={`printer-paper-${w}`} sx={{ minHeight: 48, minWidth: 110, '&.Mui-selected, &.Mui-selected:hover': { bgcolor: 'primary.main', color: '#FFFFFF' }, color: 'text.primary' }}>
                    {w} mm
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            </Box>

            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 2 }}>
              <TextField select label={t('printers.commandSet')} value={form.commandSet} onChange={(e) => set('commandSet', e.target.value as PrinterSettings['commandSet'])} helperText={t(`printers.commandSets.${form.commandSet}`)} data-testid="printer-command-set">
                {COMMAND_SETS.map((c) => (
                  <MenuItem key={c} value={c}>
                    {c}
                  </MenuItem>
                ))}
              </TextField>
              <TextField select label={t('printers.encoding')} value={form.encoding} onChange={(e) => set('encoding', e.target.value as PrinterSettings['encoding'])} helperText={t('printers.encodingHelp')} data-testid="printer-encoding">
                {ENCODINGS.map((c) => (
                  <MenuItem key={c} value={c}>
                    {c === 'multilingual' ? t('printers.multilingual') : c.toUpperCase()}
                  </MenuItem>
                ))}
              </TextField>
            </Box>

            <FormControlLabel
              control={<Switch checked={form.cutting} onChange={(e) => set('cutting', e.target.checked)} data-testid="printer-cutting" />}
              label={t('printers.cutting')}
            />

            {saveError !== null && <Alert severity="error">{errorText(saveError)}</Alert>}
            <button type="submit" hidden aria-hidden tabIndex={-1} />
          </Paper>

          <Paper variant="outlined" sx={{ p: 2.5, borderRadius: 3 }} component="section" aria-label={t('printers.preview')}>
            <Typography variant="h2" sx={{ fontSize: '1.125rem', mb: 0.5 }}>
              {t('printers.preview')}
            </Typography>
            <Typography sx={{ color: 'text.secondary', fontSize: '0.9375rem', mb: 1.5 }}>{t('printers.previewHint')}</Typography>
            {outcome && (
              <Alert severity={outcome.ok ? 'success' : 'error'} sx={{ mb: 1.5 }} data-testid="printer-test-outcome" data-ok={String(outcome.ok)}>
                {outcome.ok ? t('printers.testOk') : t('printers.testFailed')}
                {outcomeText ? ` ${outcomeText}` : ''}
              </Alert>
            )}
            {previewError !== null && <Alert severity="warning">{errorText(previewError)}</Alert>}
            {preview && (
              <Box sx={{ bgcolor: '#E9EDF1', p: 2, borderRadius: 2, display: 'grid', placeItems: 'center', maxHeight: 620, overflowY: 'auto' }}>
                <Box
                  component="img"
                  src={preview}
                  alt={t('printers.previewAlt', { width: saved?.paperWidth ?? form.paperWidth })}
                  data-testid="printer-preview"
                  sx={{ width: (saved?.paperWidth ?? form.paperWidth) === 58 ? 220 : 300, maxWidth: '100%', bgcolor: '#FFFFFF', boxShadow: '0 2px 8px rgba(0,0,0,0.2)' }}
                />
              </Box>
            )}
          </Paper>
        </Box>
      )}
    </Box>
  );
}
