import SearchIcon from '@mui/icons-material/Search';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  InputAdornment,
  List,
  ListItemButton,
  ListItemText,
  ListSubheader,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, useEvent } from '../../api/client';
import { completionText, type ServiceStandard } from '../../../../common/catalog/standard';
import { formatRupiah } from '../../../../common/domain/applications/fee';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../hooks/useErrorText';
import { formatLongDate, formatNumber } from '../../i18n/format';
import { useAppState, useSession } from '../../state/AppState';
import { useLocale } from '../frontdesk/queue-ui';

const ALL = '__all__';
const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('id');

/** Layanan: a searchable catalog of the mall's services with the full service standard of each. */
export function ServicesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const { catalog, catalogError, reloadCatalog } = useAppState();
  const errorText = useErrorText();
  const [agency, setAgency] = useState<string>(session.officer.agencyId ?? ALL);
  const [query, setQuery] = useState('');
  const [standards, setStandards] = useState<Map<string, ServiceStandard>>(new Map());
  const [standardsError, setStandardsError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const loadStandards = async () => {
    try {
      const r = await call(api().catalog.standards({}));
      setStandards(new Map(r.standards.map((s) => [s.serviceId, s])));
      setStandardsError(null);
    } catch (e) {
      setStandardsError(e);
    }
  };
  useEffect(() => void loadStandards(), []);
  useEvent('status.changed', (s) => {
    if (s.lastSyncAt) void loadStandards();
  });

  const agencyName = useMemo(() => new Map((catalog?.agencies ?? []).map((a) => [a.id, a.name])), [catalog]);
  const services = useMemo(() => {
    if (!catalog) return [];
    const words = norm(query).split(/\s+/).filter(Boolean);
    return catalog.services
      .filter((s) => agency === ALL || s.agencyId === agency)
      .filter((s) => {
        if (!words.length) return true;
        const std = standards.get(s.id);
        const hay = norm([s.name, s.code, agencyName.get(s.agencyId) ?? '', std?.product ?? '', ...(std?.requirements.map((r) => r.name) ?? [])].join(' '));
        return words.every((w) => hay.includes(w));
      })
      .sort((a, b) => (agencyName.get(a.agencyId) ?? '').localeCompare(agencyName.get(b.agencyId) ?? '', 'id') || a.name.localeCompare(b.name, 'id'));
  }, [catalog, agency, query, standards, agencyName]);

  useEffect(() => {
    if (services.length && !services.some((s) => s.id === selected)) setSelected(services[0]?.id ?? null);
  }, [services, selected]);

  const onListKey = (e: KeyboardEvent) => {
    const i = services.findIndex((s) => s.id === selected);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = services[Math.max(0, Math.min(services.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) {
        setSelected(next.id);
        document.getElementById(`service-item-${next.id}`)?.focus();
      }
    }
  };

  const current = selected ? (catalog?.services.find((s) => s.id === selected) ?? null) : null;
  const standard = selected ? (standards.get(selected) ?? null) : null;
  let lastAgency = '';

  return (
    <Box data-testid="services-page" sx={{ maxWidth: 1400 }}>
      <PageHeader title={t('nav.services.label')} lead={t('services.lead')} />
      {catalog === null && catalogError === null && <CircularProgress size={28} aria-label={t('common.loading')} />}
      {catalog === null && catalogError !== null && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={() => void reloadCatalog()}>
              {t('common.retry')}
            </Button>
          }
        >
          {errorText(catalogError)}
        </Alert>
      )}
      {catalog !== null && (
        <>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 1.5 }} role="search">
            <TextField select label={t('services.agency')} value={agency} onChange={(e) => setAgency(e.target.value)} sx={{ minWidth: 300 }} data-testid="services-agency">
              <MenuItem value={ALL}>{t('services.allAgencies')}</MenuItem>
              {catalog.agencies.map((a) => (
                <MenuItem key={a.id} value={a.id}>
                  {a.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={t('services.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' && services[0]) {
                  e.preventDefault();
                  document.getElementById(`service-item-${selected ?? services[0].id}`)?.focus();
                }
              }}
              sx={{ flexGrow: 1, minWidth: 280 }}
              data-testid="services-search"
              slotProps={{
                htmlInput: { type: 'search' },
                input: {
                  startAdornment: (
                    <InputAdornment position="start">
                      <SearchIcon aria-hidden />
                    </InputAdornment>
                  ),
                },
              }}
            />
          </Box>
          <Typography role="status" sx={{ color: 'text.secondary', mb: 1 }}>
            {t('services.count', { total: formatNumber(services.length) })}
          </Typography>
          {standardsError !== null && <Alert severity="warning">{errorText(standardsError)}</Alert>}
          {services.length === 0 && <Alert severity="info">{t('services.empty')}</Alert>}
          {services.length > 0 && (
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '340px 1fr' }, gap: 2, alignItems: 'start' }}>
              <Paper variant="outlined" sx={{ borderRadius: 3, maxHeight: 'calc(100vh - 300px)', minHeight: 240, overflow: 'auto' }}>
                <List dense ref={listRef} onKeyDown={onListKey} data-testid="services-list" sx={{ py: 0 }}>
                  {services.map((s) => {
                    const group = agencyName.get(s.agencyId) ?? '';
                    const header = group !== lastAgency;
                    lastAgency = group;
                    const std = standards.get(s.id);
                    return [
                      header ? (
                        <ListSubheader key={`h-${s.agencyId}`} sx={{ bgcolor: '#EEF3F8', lineHeight: '32px', fontWeight: 700 }}>
                          {group}
                        </ListSubheader>
                      ) : null,
                      <ListItemButton key={s.id} id={`service-item-${s.id}`} selected={s.id === selected} onClick={() => setSelected(s.id)} data-testid={`service-item-${s.id}`}>
                        <ListItemText
                          primary={s.name}
                          secondary={
                            std
                              ? `${s.code} · ${completionText(std.completionTime, locale).split(' (')[0]} · ${formatRupiah(std.fee.amount, { freeLabel: t('services.free') })}`
                              : s.code
                          }
                        />
                      </ListItemButton>,
                    ];
                  })}
                </List>
              </Paper>
              <Paper variant="outlined" sx={{ borderRadius: 3, p: 2.5 }} data-testid="service-standard" data-service={current?.id ?? ''}>
                {!current && <Typography>{t('services.chooseService')}</Typography>}
                {current && (
                  <>
                    <Typography variant="h2" sx={{ fontSize: '1.375rem' }}>
                      {current.name}
                    </Typography>
                    <Typography sx={{ color: 'text.secondary', mb: 1.5 }}>
                      {agencyName.get(current.agencyId)} · {current.code}
                      {standard ? ` · ${t('services.version', { version: standard.version })}` : ''}
                    </Typography>
                    {!standard && <Alert severity="info">{t('services.noStandard')}</Alert>}
                    {standard && <StandardView standard={standard} />}
                  </>
                )}
              </Paper>
            </Box>
          )}
        </>
      )}
    </Box>
  );
}

function StandardView({ standard }: { standard: ServiceStandard }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const mandatory = standard.requirements.filter((r) => r.mandatory).length;
  const h = (text: string) => (
    <Typography variant="h3" sx={{ fontSize: '1.0625rem', mt: 2, mb: 0.75 }}>
      {text}
    </Typography>
  );
  return (
    <Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 1.5 }}>
        <Box>
          <Typography sx={{ color: 'text.secondary' }}>{t('services.time')}</Typography>
          <Typography sx={{ fontWeight: 600 }} data-testid="standard-time">
            {completionText(standard.completionTime, locale)}
          </Typography>
        </Box>
        <Box>
          <Typography sx={{ color: 'text.secondary' }}>{t('services.fee')}</Typography>
          <Typography sx={{ fontWeight: 600 }} data-testid="standard-fee">
            {standard.fee.variants.length
              ? standard.fee.variants.map((v) => `${v.label}: ${formatRupiah(v.amount, { freeLabel: t('services.free') })}`).join(' · ')
              : formatRupiah(standard.fee.amount, { freeLabel: t('services.free') })}
          </Typography>
          {standard.fee.note && <Typography variant="body2">{standard.fee.note}</Typography>}
          {standard.fee.legalBasis && (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {t('services.legalBasis', { basis: standard.fee.legalBasis })}
            </Typography>
          )}
        </Box>
      </Box>
      {h(`${t('services.requirements')} (${t('services.requirementCount', { mandatory, total: standard.requirements.length })})`)}
      <Table size="small" data-testid="standard-requirements">
        <TableHead>
          <TableRow>
            <TableCell>{t('services.document')}</TableCell>
            <TableCell sx={{ width: 110 }} />
            <TableCell sx={{ width: 150 }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {standard.requirements.map((r) => (
            <TableRow key={r.code}>
              <TableCell>
                <Typography sx={{ fontWeight: 600 }}>{r.name}</Typography>
                {r.notes && (
                  <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                    {r.notes}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Chip size="small" label={r.mandatory ? t('services.mandatory') : t('services.optional')} color={r.mandatory ? 'primary' : 'default'} variant={r.mandatory ? 'filled' : 'outlined'} />
              </TableCell>
              <TableCell>{t(`services.form.${r.form}`)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {h(t('services.procedure'))}
      <Box component="ol" sx={{ m: 0, pl: 3 }}>
        {standard.procedure.map((p, i) => (
          <li key={i}>
            <Typography>{p}</Typography>
          </li>
        ))}
      </Box>
      {h(t('services.product'))}
      <Typography>{standard.product}</Typography>
      {h(t('services.complaints'))}
      <Typography>{standard.complaintChannel}</Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mt: 2 }}>
        {standard.skNumber && standard.skDate ? t('services.decree', { number: standard.skNumber, date: formatLongDate(`${standard.skDate}T12:00:00`, locale) }) : t('services.noDecree')}
      </Typography>
    </Box>
  );
}
