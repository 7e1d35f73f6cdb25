/**
 * SKM (supervisor): the IKM per service, agency and the whole mall for a period, with the
 * number of respondents against the Krejcie–Morgan minimum for the visitors served, the
 * average per element, grades, and the (anonymous) suggestions.
 */
import { Alert, Box, Button, Chip, CircularProgress, Paper, TextField, Typography } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IkmRow, SkmReport } from '../../../../common/ipc/channels/supervisor';
import { SKM_ELEMENTS, SKM_ELEMENT_IDS } from '../../../../common/domain/skm/elements';
import { api, unwrap } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../hooks/useErrorText';
import { fmtNumber, gridLocaleText, localIsoDate, useUiLocale } from '../dashboard/format';

const GRADE_COLOR = { A: 'success', B: 'primary', C: 'warning', D: 'error' } as const;

export function SkmPage() {
  const { t } = useTranslation();
  const locale = useUiLocale();
  const errorText = useErrorText();
  const today = localIsoDate();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-${Number(today.slice(5, 7)) <= 6 ? '01' : '07'}-01`);
  const [to, setTo] = useState(today);
  const [data, setData] = useState<SkmReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!from || !to || from > to) return;
    let live = true;
    void api()
      .supervisor.skm({ from, to })
      .then(unwrap)
      .then((r) => {
        if (live) {
          setData(r);
          setError(null);
        }
      })
      .catch((e: unknown) => {
        if (live) setError(e);
      });
    return () => {
      live = false;
    };
  }, [from, to]);

  const cols: GridColDef<IkmRow>[] = [
    { field: 'level', headerName: t('skm.level'), width: 130, valueFormatter: (v: IkmRow['level']) => (v === 'mall' ? t('skm.mall') : t(`supervisor.levels.${v}`)) },
    { field: 'name', headerName: t('skm.name'), flex: 2, minWidth: 220 },
    { field: 'respondents', headerName: t('skm.respondents'), type: 'number', width: 115 },
    { field: 'population', headerName: t('skm.population'), type: 'number', width: 100 },
    { field: 'minimumSample', headerName: t('skm.minimum'), type: 'number', width: 150 },
    {
      field: 'sampleOk',
      headerName: '',
      width: 130,
      valueGetter: (_v, r) => r.respondents - r.minimumSample,
      renderCell: (p) =>
        p.row.respondents >= p.row.minimumSample ? (
          <Chip size="small" color="success" label={t('skm.enough')} />
        ) : (
          <Chip size="small" color="warning" label={t('skm.notEnough', { n: p.row.minimumSample - p.row.respondents })} />
        ),
    },
    ...SKM_ELEMENT_IDS.map(
      (e): GridColDef<IkmRow> => ({
        field: e,
        headerName: e,
        description: locale === 'en' ? SKM_ELEMENTS[e].nameEn : SKM_ELEMENTS[e].name,
        type: 'number',
        width: 70,
        valueGetter: (_v, r) => r.elements[e],
        valueFormatter: (v: number | null) => fmtNumber(v, locale, 2),
      }),
    ),
    { field: 'ikm', headerName: t('skm.ikm'), type: 'number', width: 90, valueFormatter: (v: number | null) => fmtNumber(v, locale, 2) },
    {
      field: 'grade',
      headerName: t('skm.grade'),
      width: 150,
      renderCell: (p) =>
        p.row.grade ? (
          <Chip size="small" color={GRADE_COLOR[p.row.grade]} label={t(`skm.grades.${p.row.grade}`)} data-testid={`skm-grade-${p.row.id}`} />
        ) : (
          <Typography sx={{ fontSize: 13 }} title={t('skm.missing')}>
            –
          </Typography>
        ),
    },
  ];

  const mall = data?.rows.find((r) => r.level === 'mall');

  return (
    <Box data-testid="skm-page" sx={{ maxWidth: 1500 }}>
      <PageHeader
        title={t('nav.skm.label')}
        lead={t('skm.lead')}
        actions={
          <Button variant="outlined" href="#survey" target="_blank" data-testid="skm-open-kiosk" title={t('skm.kioskHint')}>
            {t('skm.openKiosk')}
          </Button>
        }
      />
      <Box sx={{ display: 'flex', gap: 1.5, mb: 2, flexWrap: 'wrap' }}>
        <TextField type="date" label={t('supervisor.from')} value={from} onChange={(e) => setFrom(e.target.value)} data-testid="skm-from" slotProps={{ inputLabel: { shrink: true } }} />
        <TextField type="date" label={t('supervisor.to')} value={to} onChange={(e) => setTo(e.target.value)} data-testid="skm-to" slotProps={{ inputLabel: { shrink: true } }} />
      </Box>
      <Alert severity="info" sx={{ mb: 2 }}>
        {t('skm.anonymous')}
      </Alert>
      {error !== null && <Alert severity="error">{errorText(error)}</Alert>}
      {!data && error === null && <CircularProgress aria-hidden />}
      {data && (
        <>
          {mall && (
            <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }} data-testid="skm-mall" data-ikm={mall.ikm ?? ''}>
              <Box>
                <Typography sx={{ fontSize: 40, fontWeight: 800, color: 'primary.main', lineHeight: 1 }}>{fmtNumber(mall.ikm, locale, 2)}</Typography>
                <Typography sx={{ fontWeight: 600 }}>IKM · {mall.name}</Typography>
              </Box>
              {mall.grade && <Chip color={GRADE_COLOR[mall.grade]} label={t(`skm.grades.${mall.grade}`)} sx={{ fontSize: 18, height: 40, px: 1 }} />}
              <Typography>
                {t('skm.respondents')}: <b>{fmtNumber(mall.respondents, locale)}</b> · {t('skm.minimum')}: <b>{fmtNumber(mall.minimumSample, locale)}</b> ({t('skm.population')}:{' '}
                {fmtNumber(mall.population, locale)})
              </Typography>
            </Paper>
          )}
          <Paper variant="outlined" sx={{ p: 1, mb: 2 }} data-testid="skm-table">
            <DataGrid rows={data.rows} getRowId={(r) => `${r.level}:${r.id}`} columns={cols} localeText={gridLocaleText(locale)} density="compact" autoHeight hideFooter={data.rows.length <= 50} showToolbar />
          </Paper>
          <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
            <Typography variant="h2" sx={{ fontSize: 20, mb: 1 }}>
              {t('skm.elements')}
            </Typography>
            {SKM_ELEMENT_IDS.map((e) => (
              <Typography key={e} sx={{ fontSize: 15 }}>
                <b>{e}</b> {locale === 'en' ? SKM_ELEMENTS[e].nameEn : SKM_ELEMENTS[e].name}: {fmtNumber(mall?.elements[e] ?? null, locale, 2)}
              </Typography>
            ))}
          </Paper>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="h2" sx={{ fontSize: 20, mb: 1 }}>
              {t('skm.suggestions')}
            </Typography>
            {data.suggestions.length === 0 && <Typography>{t('skm.noSuggestions')}</Typography>}
            {data.suggestions.slice(0, 100).map((s, i) => (
              <Typography key={i} sx={{ fontSize: 15, mb: 0.5 }}>
                {s.day} · {s.serviceName}: “{s.text}”
              </Typography>
            ))}
          </Paper>
        </>
      )}
    </Box>
  );
}
