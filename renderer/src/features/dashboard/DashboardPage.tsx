/**
 * Dasbor (supervisor): a day or range of the mall, drill-down agency → service → counter →
 * officer, busiest hours and distributions (MUI X Charts), sortable/filterable tables (MUI X
 * DataGrid), officer productivity, applications at risk, comparisons, freshness, sign-off,
 * exports and a print layout.
 */
import PrintIcon from '@mui/icons-material/Print';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/Verified';
import {
  Alert,
  Box,
  Breadcrumbs,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  GlobalStyles,
  Link,
  Paper,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationItem, BreakdownLevel, BreakdownRow, Dashboard, Figures, OfficerProductivity, Scope } from '../../../../common/ipc/channels/supervisor';
import { STATUS_LABELS, type ApplicationStatus } from '../../../../common/domain/applications/status';
import { api, unwrap } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../hooks/useErrorText';
import { fmtMinutes, fmtNumber, fmtPercent, fmtStamp, gridLocaleText, localIsoDate, shiftDate, useUiLocale, type UiLocale } from './format';

const LEVELS: readonly BreakdownLevel[] = ['agency', 'service', 'counter', 'officer'];
const NEXT: Record<BreakdownLevel, keyof Scope> = { agency: 'agencyId', service: 'serviceId', counter: 'counterId', officer: 'officerId' };

function Kpi({ id, label, value, notes }: { id: string; label: string; value: string; notes: string[] }) {
  return (
    <Paper variant="outlined" data-testid={`dashboard-kpi-${id}`} data-value={value} sx={{ p: 1.5, minWidth: 0, breakInside: 'avoid' }}>
      <Typography sx={{ fontSize: 28, fontWeight: 700, lineHeight: 1.15, color: 'primary.main' }}>{value}</Typography>
      <Typography sx={{ fontSize: 14, fontWeight: 600 }}>{label}</Typography>
      {notes.map((n) => (
        <Typography key={n} sx={{ fontSize: 13, color: 'text.secondary' }}>
          {n}
        </Typography>
      ))}
    </Paper>
  );
}

function Section({ title, children, testId, actions }: { title: string; children: React.ReactNode; testId?: string; actions?: React.ReactNode }) {
  return (
    <Paper variant="outlined" data-testid={testId} sx={{ p: 2, mb: 2, breakInside: 'avoid' }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h2" sx={{ fontSize: 20, flexGrow: 1 }}>
          {title}
        </Typography>
        {actions}
      </Box>
      {children}
    </Paper>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const locale = useUiLocale();
  const errorText = useErrorText();
  const today = localIsoDate();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [scope, setScope] = useState<Scope>({});
  const [level, setLevel] = useState<BreakdownLevel>('agency');
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [exportMsg, setExportMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [signOpen, setSignOpen] = useState(false);
  const [note, setNote] = useState('');
  const [signError, setSignError] = useState<unknown>(null);

  const load = useCallback(async () => {
    if (!from || !to || from > to) return;
    setLoading(true);
    try {
      setData(unwrap(await api().supervisor.dashboard({ from, to, scope })));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [from, to, scope]);

  useEffect(() => {
    void load();
  }, [load]);

  const setRange = (f: string, tt: string) => {
    setFrom(f);
    setTo(tt);
  };

  const drill = (row: BreakdownRow) => {
    const next: Scope = { ...scope, [NEXT[row.level]]: row.id };
    if (row.level === 'service' && row.agencyId) next.agencyId = row.agencyId;
    if (row.level === 'counter' && row.agencyId) next.agencyId = row.agencyId;
    setScope(next);
    const idx = LEVELS.indexOf(row.level);
    setLevel(LEVELS[Math.min(LEVELS.length - 1, idx + 1)] ?? 'officer');
  };

  const nameOf = (lvl: BreakdownLevel, id: string | undefined) => data?.breakdown.find((b) => b.level === lvl && b.id === id)?.name ?? id ?? '';
  const crumbs: { label: string; scope: Scope; level: BreakdownLevel }[] = [{ label: t('supervisor.scope.mall'), scope: {}, level: 'agency' }];
  if (scope.agencyId) crumbs.push({ label: nameOf('agency', scope.agencyId), scope: { agencyId: scope.agencyId }, level: 'service' });
  if (scope.serviceId) crumbs.push({ label: nameOf('service', scope.serviceId), scope: { agencyId: scope.agencyId, serviceId: scope.serviceId }, level: 'counter' });
  if (scope.counterId) crumbs.push({ label: nameOf('counter', scope.counterId), scope: { ...scope, officerId: undefined }, level: 'officer' });
  if (scope.officerId) crumbs.push({ label: nameOf('officer', scope.officerId), scope, level: 'officer' });

  const doExport = async (format: 'csv' | 'xlsx' | 'pdf') => {
    setExportMsg(null);
    try {
      const r = unwrap(await api().supervisor.export({ format, from, to, scope, locale }));
      setExportMsg(r.saved && r.path ? { ok: true, text: t('supervisor.exported', { path: r.path }) } : { ok: false, text: t('supervisor.exportCancelled') });
    } catch (e) {
      setExportMsg({ ok: false, text: errorText(e) });
    }
  };

  const signOff = async () => {
    try {
      unwrap(await api().supervisor.signOff({ day: from, note: note.trim() || undefined }));
      setSignOpen(false);
      setNote('');
      setSignError(null);
      await load();
    } catch (e) {
      setSignError(e);
    }
  };

  const singleDay = from === to;

  return (
    <Box data-testid="dashboard-page" sx={{ maxWidth: 1400 }}>
      <GlobalStyles
        styles={{
          '@media print': {
            'nav, header, [data-testid="status-bar"], .no-print, .MuiDataGrid-footerContainer, .MuiDataGrid-toolbarContainer': { display: 'none !important' },
            body: { background: '#fff' },
            '.MuiDataGrid-root': { height: 'auto !important' },
          },
        }}
      />
      <PageHeader
        title={t('nav.dashboard.label')}
        lead={t('supervisor.lead')}
        actions={
          <Box className="no-print" sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
              <Button key={f} variant="outlined" startIcon={<DownloadIcon />} data-testid={`dashboard-export-${f}`} onClick={() => void doExport(f)} disabled={!data}>
                {t('supervisor.export', { format: f.toUpperCase() })}
              </Button>
            ))}
            <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => window.print()} data-testid="dashboard-print">
              {t('supervisor.print')}
            </Button>
            <Button
              variant="contained"
              startIcon={<VerifiedIcon />}
              data-testid="dashboard-signoff"
              disabled={!singleDay || !!data?.signOff || from > today}
              title={singleDay ? undefined : t('supervisor.signOff.onlyDay')}
              onClick={() => setSignOpen(true)}
            >
              {t('supervisor.signOff.button')}
            </Button>
          </Box>
        }
      />

      <Box className="no-print" sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <TextField type="date" label={t('supervisor.from')} value={from} onChange={(e) => setFrom(e.target.value)} data-testid="dashboard-from" slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: to } }} />
        <TextField type="date" label={t('supervisor.to')} value={to} onChange={(e) => setTo(e.target.value)} data-testid="dashboard-to" slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: from } }} />
        <Button onClick={() => setRange(today, today)} data-testid="dashboard-today">
          {t('supervisor.today')}
        </Button>
        <Button onClick={() => setRange(shiftDate(today, -1), shiftDate(today, -1))}>{t('supervisor.yesterday')}</Button>
        <Button onClick={() => setRange(shiftDate(today, -6), today)}>{t('supervisor.last7')}</Button>
        <Button onClick={() => setRange(`${today.slice(0, 8)}01`, today)}>{t('supervisor.thisMonth')}</Button>
        {loading && <CircularProgress size={24} aria-label={t('supervisor.loading')} />}
      </Box>

      {exportMsg && (
        <Alert severity={exportMsg.ok ? 'success' : 'warning'} data-testid="dashboard-export-result" sx={{ mb: 2 }} onClose={() => setExportMsg(null)} className="no-print">
          {exportMsg.text}
        </Alert>
      )}
      {error !== null && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {errorText(error)}
        </Alert>
      )}
      {!data && error === null && (
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
          <CircularProgress size={28} aria-hidden />
          <Typography>{t('supervisor.loading')}</Typography>
        </Box>
      )}
      {data && <DashboardBody data={data} locale={locale} level={level} setLevel={setLevel} crumbs={crumbs} setScope={setScope} drill={drill} />}

      <Dialog open={signOpen} onClose={() => setSignOpen(false)} data-testid="signoff-dialog" fullWidth maxWidth="sm">
        <DialogTitle>{t('supervisor.signOff.title', { day: from })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('supervisor.signOff.body')}</DialogContentText>
          <TextField label={t('supervisor.signOff.note')} value={note} onChange={(e) => setNote(e.target.value)} fullWidth multiline minRows={2} data-testid="signoff-note" slotProps={{ htmlInput: { maxLength: 500 } }} />
          {signError !== null && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorText(signError)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setSignOpen(false)}>{t('supervisor.signOff.cancel')}</Button>
          <Button variant="contained" onClick={() => void signOff()} data-testid="signoff-confirm">
            {t('supervisor.signOff.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

interface BodyProps {
  data: Dashboard;
  locale: UiLocale;
  level: BreakdownLevel;
  setLevel: (l: BreakdownLevel) => void;
  crumbs: { label: string; scope: Scope; level: BreakdownLevel }[];
  setScope: (s: Scope) => void;
  drill: (row: BreakdownRow) => void;
}

function DashboardBody({ data, locale, level, setLevel, crumbs, setScope, drill }: BodyProps) {
  const { t } = useTranslation();
  const f = data.totals;
  const offset = data.utcOffsetMinutes;
  const age = data.freshness.ageMinutes === null ? '' : fmtNumber(data.freshness.ageMinutes, locale);
  const freshSeverity = data.freshness.state === 'fresh' ? 'success' : data.freshness.state === 'stale' ? 'warning' : 'error';

  const cmp = (get: (x: Figures) => number | null, fmt: (v: number | null) => string): string[] =>
    data.comparisons.map((c) =>
      t(c.label === 'previous_day' ? 'supervisor.vsPrevDay' : c.label === 'same_weekday_last_week' ? 'supervisor.vsLastWeek' : 'supervisor.vsPrevPeriod', { value: fmt(get(c.figures)) }),
    );
  const int = (v: number | null) => fmtNumber(v, locale);
  const min = (v: number | null) => t('supervisor.minutes', { value: fmtMinutes(v, locale) });
  const pc = (v: number | null) => fmtPercent(v, locale);

  const levelRows = data.breakdown.filter((b) => b.level === level);
  const columns: GridColDef<BreakdownRow>[] = [
    // Agency and service names are long ("Dinas Penanaman Modal dan PTSP"): wide enough to read, the whole name on hover.
    { field: 'name', headerName: t('supervisor.breakdown.name'), flex: 2.6, minWidth: 240, renderCell: (p) => <span title={String(p.value ?? '')}>{String(p.value ?? '')}</span> },
    { field: 'issued', headerName: t('supervisor.cols.issued'), type: 'number', flex: 1, minWidth: 78, valueGetter: (_v, r) => r.figures.issued },
    { field: 'served', headerName: t('supervisor.cols.served'), type: 'number', flex: 1, minWidth: 78, valueGetter: (_v, r) => r.figures.served },
    { field: 'noShows', headerName: t('supervisor.cols.noShows'), type: 'number', flex: 1, minWidth: 78, valueGetter: (_v, r) => r.figures.noShows },
    { field: 'transferred', headerName: t('supervisor.cols.transferred'), type: 'number', flex: 1, minWidth: 78, valueGetter: (_v, r) => r.figures.transferred },
    { field: 'waitMedian', headerName: t('supervisor.cols.waitMedian'), type: 'number', flex: 1, minWidth: 78, valueGetter: (_v, r) => r.figures.waiting.median, valueFormatter: (v: number | null) => fmtMinutes(v, locale) },
    { field: 'waitP90', headerName: t('supervisor.cols.waitP90'), type: 'number', flex: 1, minWidth: 78, valueGetter: (_v, r) => r.figures.waiting.p90, valueFormatter: (v: number | null) => fmtMinutes(v, locale) },
    { field: 'serviceMedian', headerName: t('supervisor.cols.serviceMedian'), type: 'number', flex: 1, minWidth: 78, valueGetter: (_v, r) => r.figures.service.median, valueFormatter: (v: number | null) => fmtMinutes(v, locale) },
    { field: 'withinTarget', headerName: t('supervisor.cols.withinTarget'), type: 'number', flex: 1, minWidth: 78, valueGetter: (_v, r) => r.figures.withinTarget, valueFormatter: (v: number | null) => fmtPercent(v, locale) },
  ];
  if (level === 'service') columns.push({ field: 'targetMinutes', headerName: t('supervisor.breakdown.target'), type: 'number', flex: 1, minWidth: 78, valueFormatter: (v: number | null) => min(v) });

  const officerCols: GridColDef<OfficerProductivity>[] = [
    { field: 'name', headerName: t('supervisor.officers.name'), flex: 1.5, minWidth: 180 },
    { field: 'served', headerName: t('supervisor.officers.served'), type: 'number', width: 95 },
    { field: 'openMinutes', headerName: t('supervisor.officers.open'), type: 'number', flex: 1, minWidth: 78, valueFormatter: (v: number) => min(v) },
    { field: 'servingMinutes', headerName: t('supervisor.officers.serving'), type: 'number', flex: 1, minWidth: 78, valueFormatter: (v: number) => min(v) },
    { field: 'pausedMinutes', headerName: t('supervisor.officers.paused'), type: 'number', flex: 1, minWidth: 78, valueFormatter: (v: number) => min(v) },
    { field: 'idleMinutes', headerName: t('supervisor.officers.idle'), type: 'number', flex: 1, minWidth: 78, valueFormatter: (v: number) => min(v) },
    {
      field: 'pauses',
      headerName: t('supervisor.officers.pauses'),
      flex: 1.5,
      minWidth: 200,
      sortable: false,
      valueGetter: (_v, r) =>
        Object.entries(r.pauses)
          .map(([k, v]) => `${t(`supervisor.pauseReasons.${k as 'istirahat'}`, { defaultValue: k })} ${fmtNumber(v, locale)}`)
          .join(' · '),
    },
  ];

  const appCols: GridColDef<ApplicationItem>[] = [
    { field: 'id', headerName: t('supervisor.apps.id'), flex: 1.1, minWidth: 150 },
    { field: 'agencyName', headerName: t('supervisor.apps.agency'), flex: 1.3, minWidth: 140 },
    { field: 'serviceName', headerName: t('supervisor.apps.service'), flex: 1.5, minWidth: 150 },
    { field: 'status', headerName: t('supervisor.apps.status'), flex: 0.8, minWidth: 110, valueFormatter: (v: string) => STATUS_LABELS[v as ApplicationStatus]?.[locale] ?? v },
    { field: 'dueAt', headerName: t('supervisor.apps.dueAt'), flex: 1.2, minWidth: 180, valueFormatter: (v: string | null) => fmtStamp(v, offset, locale) },
    { field: 'dueState', headerName: '', flex: 1, minWidth: 160, valueFormatter: (v: string) => t(`supervisor.dueStates.${v as 'overdue'}`) },
  ];

  const gridSx = { border: 0, '& .MuiDataGrid-columnHeaderTitle': { fontWeight: 700, whiteSpace: 'normal', lineHeight: 1.2 } } as const;
  const localeText = gridLocaleText(locale);
  const s = data.signOff;

  return (
    <>
      <Alert severity={freshSeverity} data-testid="dashboard-freshness" data-state={data.freshness.state} sx={{ mb: 2 }}>
        {t(`supervisor.freshness.${data.freshness.state}`, { time: fmtStamp(data.freshness.lastSyncAt, offset, locale), age })}
      </Alert>
      {s && (
        <Alert severity={s.corrections.length ? 'warning' : 'info'} icon={<VerifiedIcon />} data-testid="dashboard-signed" sx={{ mb: 2 }}>
          <Typography>{t('supervisor.signOff.signed', { name: s.signedByName, time: fmtStamp(s.signedAt, offset, locale) })}</Typography>
          {s.note && <Typography>{t('supervisor.signOff.noteLabel', { note: s.note })}</Typography>}
          {s.corrections.length > 0 && (
            <Box data-testid="dashboard-corrections">
              <Typography sx={{ fontWeight: 700, mt: 1 }}>{t('supervisor.signOff.corrections')}</Typography>
              {s.corrections.map((c) => (
                <Typography key={c.metric}>
                  {t('supervisor.signOff.correction', {
                    metric: t(`supervisor.metrics.${c.metric as 'issued'}`, { defaultValue: c.metric }),
                    signed: c.metric === 'withinTarget' ? pc(c.signed) : c.metric.includes('.') ? fmtMinutes(c.signed, locale) : int(c.signed),
                    current: c.metric === 'withinTarget' ? pc(c.current) : c.metric.includes('.') ? fmtMinutes(c.current, locale) : int(c.current),
                  })}
                </Typography>
              ))}
            </Box>
          )}
        </Alert>
      )}

      <Breadcrumbs sx={{ mb: 2 }} aria-label={t('supervisor.scope.label')} data-testid="dashboard-scope">
        {crumbs.map((c, i) =>
          i === crumbs.length - 1 ? (
            <Typography key={c.label} sx={{ fontWeight: 700 }} data-testid={`dashboard-scope-${i}`}>
              {c.label}
            </Typography>
          ) : (
            <Link
              key={c.label}
              component="button"
              data-testid={`dashboard-scope-${i}`}
              onClick={() => {
                setScope(c.scope);
                setLevel(c.level);
              }}
              sx={{ fontSize: 16 }}
            >
              {c.label}
            </Link>
          ),
        )}
      </Breadcrumbs>

      {f.issued === 0 && f.served === 0 && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="dashboard-empty">
          {t('supervisor.empty')}
        </Alert>
      )}

      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 1.5, mb: 2 }}>
        <Kpi id="issued" label={t('supervisor.kpi.issued')} value={int(f.issued)} notes={cmp((x) => x.issued, int)} />
        <Kpi id="served" label={t('supervisor.kpi.served')} value={int(f.served)} notes={cmp((x) => x.served, int)} />
        <Kpi id="noShows" label={t('supervisor.kpi.noShows')} value={int(f.noShows)} notes={cmp((x) => x.noShows, int)} />
        <Kpi id="transferred" label={t('supervisor.kpi.transferred')} value={int(f.transferred)} notes={[`${t('supervisor.kpi.cancelled')}: ${int(f.cancelled)}`]} />
        <Kpi id="waitingMedian" label={t('supervisor.kpi.waitingMedian')} value={min(f.waiting.median)} notes={cmp((x) => x.waiting.median, min)} />
        <Kpi id="serviceMedian" label={t('supervisor.kpi.serviceMedian')} value={min(f.service.median)} notes={cmp((x) => x.service.median, min)} />
        <Kpi id="withinTarget" label={t('supervisor.kpi.withinTarget')} value={pc(f.withinTarget)} notes={cmp((x) => x.withinTarget, pc)} />
        <Kpi id="overdue" label={t('supervisor.apps.overdue')} value={int(data.applications.overdue)} notes={[`${t('supervisor.apps.atRisk').split(':')[0] ?? ''}: ${int(data.applications.atRisk.length)}`]} />
      </Box>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2, alignItems: 'start' }}>
        <Section title={t('supervisor.hours.title')} testId="dashboard-hours">
          <BarChart
            height={260}
            xAxis={[{ data: data.hours.map((h) => `${String(h.hour).padStart(2, '0')}.00`), scaleType: 'band', label: t('supervisor.hours.hour') }]}
            series={[
              { data: data.hours.map((h) => h.issued), label: t('supervisor.hours.issued'), color: '#1f5fa8' },
              { data: data.hours.map((h) => h.served), label: t('supervisor.hours.served'), color: '#e09100' },
            ]}
            margin={{ left: 10, right: 10 }}
          />
        </Section>
        <Section title={t('supervisor.durations.title')} testId="dashboard-durations">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('supervisor.durations.metric')}</TableCell>
                {(['median', 'mean', 'p90', 'max'] as const).map((k) => (
                  <TableCell key={k} align="right">
                    {t(`supervisor.durations.${k}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {(['waiting', 'walking', 'service', 'total'] as const).map((k) => (
                <TableRow key={k} data-testid={`dashboard-duration-${k}`}>
                  <TableCell>{t(`supervisor.durations.${k}`)}</TableCell>
                  {(['median', 'mean', 'p90', 'max'] as const).map((s2) => (
                    <TableCell key={s2} align="right" data-testid={`dashboard-duration-${k}-${s2}`}>
                      {fmtMinutes(f[k][s2], locale)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      </Box>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        <Section title={t('supervisor.waitDist')} testId="dashboard-wait-dist">
          <BarChart height={200} xAxis={[{ data: data.waitingBuckets.map((b) => b.label), scaleType: 'band' }]} series={[{ data: data.waitingBuckets.map((b) => b.count), label: t('supervisor.tickets'), color: '#1f5fa8' }]} hideLegend />
        </Section>
        <Section title={t('supervisor.serviceDist')} testId="dashboard-service-dist">
          <BarChart height={200} xAxis={[{ data: data.serviceBuckets.map((b) => b.label), scaleType: 'band' }]} series={[{ data: data.serviceBuckets.map((b) => b.count), label: t('supervisor.tickets'), color: '#2e7d32' }]} hideLegend />
        </Section>
      </Box>

      <Section title={t('supervisor.breakdown.title')} testId="dashboard-breakdown" actions={<Typography sx={{ color: 'text.secondary' }} className="no-print">{t('supervisor.breakdown.hint')}</Typography>}>
        <Tabs value={level} onChange={(_e, v: BreakdownLevel) => setLevel(v)} sx={{ mb: 1 }} className="no-print">
          {LEVELS.map((l) => (
            <Tab key={l} value={l} label={t(`supervisor.levels.${l}`)} data-testid={`dashboard-level-${l}`} />
          ))}
        </Tabs>
        <DataGrid
          rows={levelRows}
          getRowId={(r) => `${r.level}:${r.id}`}
          columns={columns}
          localeText={localeText}
          density="compact"
          columnHeaderHeight={56}
          autoHeight
          hideFooter={levelRows.length <= 25}
          initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
          pageSizeOptions={[25, 50, 100]}
          onRowClick={(p) => drill(p.row)}
          sx={{ ...gridSx, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
          showToolbar
        />
      </Section>

      <Section title={t('supervisor.officers.title')} testId="dashboard-officers">
        <DataGrid rows={data.officers} getRowId={(r) => r.officerId} columns={officerCols} localeText={localeText} density="compact" autoHeight hideFooter={data.officers.length <= 25} sx={gridSx} />
      </Section>

      <Section title={t('supervisor.apps.title')} testId="dashboard-apps">
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 1.5, mb: 2 }}>
          <Kpi id="appsReceived" label={t('supervisor.apps.received')} value={int(data.applications.received)} notes={[]} />
          <Kpi id="appsCompleted" label={t('supervisor.apps.completed')} value={int(data.applications.completed)} notes={[]} />
          <Kpi id="appsWithinSla" label={t('supervisor.apps.withinSla')} value={int(data.applications.completedWithinSla)} notes={[]} />
          <Kpi id="appsOverdue" label={t('supervisor.apps.overdue')} value={int(data.applications.overdue)} notes={[]} />
        </Box>
        <Typography variant="h3" sx={{ fontSize: 17, fontWeight: 700, my: 1 }}>
          {t('supervisor.apps.atRisk')}
        </Typography>
        <Box data-testid="dashboard-apps-at-risk">
          {data.applications.atRisk.length === 0 ? (
            <Typography>{t('supervisor.apps.none')}</Typography>
          ) : (
            <DataGrid rows={data.applications.atRisk} columns={appCols} localeText={localeText} density="compact" autoHeight initialState={{ pagination: { paginationModel: { pageSize: 10 } } }} pageSizeOptions={[10, 25, 100]} sx={gridSx} />
          )}
        </Box>
        <Typography variant="h3" sx={{ fontSize: 17, fontWeight: 700, my: 1, color: 'error.main' }}>
          {t('supervisor.apps.overdueList')}
        </Typography>
        <Box data-testid="dashboard-apps-overdue">
          {data.applications.overdueList.length === 0 ? (
            <Typography>{t('supervisor.apps.none')}</Typography>
          ) : (
            <DataGrid rows={data.applications.overdueList} columns={appCols} localeText={localeText} density="compact" autoHeight initialState={{ pagination: { paginationModel: { pageSize: 10 } } }} pageSizeOptions={[10, 25, 100]} sx={gridSx} />
          )}
        </Box>
      </Section>
    </>
  );
}
