import SearchIcon from '@mui/icons-material/Search';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  InputAdornment,
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
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../hooks/useErrorText';
import { formatNumber } from '../../i18n/format';
import { useAppState, useSession } from '../../state/AppState';

const ALL = '__all__';

/** Layanan: the services of every agency in the mall, from the synced catalog. */
export function ServicesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { catalog, catalogError, reloadCatalog } = useAppState();
  const errorText = useErrorText();
  const [agency, setAgency] = useState<string>(session.officer.agencyId ?? ALL);
  const [query, setQuery] = useState('');

  const groups = useMemo(() => {
    if (!catalog) return [];
    const q = query.trim().toLocaleLowerCase('id');
    return catalog.agencies
      .filter((a) => agency === ALL || a.id === agency)
      .map((a) => ({
        agency: a,
        services: catalog.services
          .filter((s) => s.agencyId === a.id)
          .filter((s) => q === '' || s.name.toLocaleLowerCase('id').includes(q) || s.code.toLocaleLowerCase('id').includes(q))
          .sort((x, y) => x.code.localeCompare(y.code, 'id')),
      }))
      .filter((g) => g.services.length > 0);
  }, [catalog, agency, query]);

  const total = groups.reduce((n, g) => n + g.services.length, 0);

  return (
    <Box data-testid="services-page" sx={{ maxWidth: 1100 }}>
      <PageHeader title={t('nav.services.label')} lead={t('services.lead')} />

      {catalog === null && catalogError === null && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          <CircularProgress size={28} aria-hidden />
          <Typography>{t('common.loading')}</Typography>
        </Box>
      )}
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
            <TextField
              select
              label={t('services.agency')}
              value={agency}
              onChange={(e) => setAgency(e.target.value)}
              sx={{ minWidth: 320 }}
              data-testid="services-agency"
            >
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
          <Typography role="status" sx={{ color: 'text.secondary', mb: 2 }}>
            {t('services.count', { total: formatNumber(total) })}
          </Typography>

          {groups.length === 0 && <Alert severity="info">{t('services.empty')}</Alert>}

          <Box sx={{ display: 'grid', gap: 3 }}>
            {groups.map(({ agency: a, services }) => (
              <Paper key={a.id} variant="outlined" component="section" aria-labelledby={`agency-${a.id}`} sx={{ borderRadius: 3, overflow: 'hidden' }}>
                <Box sx={{ px: 2.5, py: 1.5, bgcolor: '#EEF3F8', display: 'flex', gap: 1.5, alignItems: 'baseline', flexWrap: 'wrap' }}>
                  <Typography variant="h2" id={`agency-${a.id}`} sx={{ fontSize: '1.125rem' }}>
                    {a.name}
                  </Typography>
                  <Typography component="span" sx={{ color: 'text.secondary' }}>
                    {a.code}
                  </Typography>
                </Box>
                <Table size="small" aria-labelledby={`agency-${a.id}`}>
                  <TableHead>
                    <TableRow>
                      <TableCell component="th" scope="col" sx={{ width: 220, fontWeight: 700 }}>
                        {t('services.code')}
                      </TableCell>
                      <TableCell component="th" scope="col" sx={{ fontWeight: 700 }}>
                        {t('services.name')}
                      </TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {services.map((s) => (
                      <TableRow key={s.id} hover>
                        <TableCell sx={{ py: 1.25, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{s.code}</TableCell>
                        <TableCell sx={{ py: 1.25 }}>{s.name}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Paper>
            ))}
          </Box>
        </>
      )}
    </Box>
  );
}
