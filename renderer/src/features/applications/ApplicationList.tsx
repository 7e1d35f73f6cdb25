import SearchIcon from '@mui/icons-material/Search';
import { Alert, Box, Chip, InputAdornment, MenuItem, Paper, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, useEvent } from '../../api/client';
import type { SearchInput, SearchResult } from '../../../../common/applications/application';
import { APPLICATION_STATUSES, STATUS_LABELS, type ApplicationStatus } from '../../../../common/domain/applications/status';
import { useErrorText } from '../../hooks/useErrorText';
import { formatDateTime, formatLongDate } from '../../i18n/format';
import { useLocale, usePageKeys } from '../frontdesk/queue-ui';
import { DueBadge, StatusChip } from './DueBadge';

const ALL = '__all__';

/** Search by registration number, NIK, name, phone; filters by status, due state and dates. NIK masked. */
export function ApplicationList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<string>(ALL);
  const [due, setDue] = useState<'overdue' | 'due_today' | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const input: SearchInput = { limit: 100 };
    if (query.trim()) input.query = query.trim();
    if (status !== ALL) input.status = status as ApplicationStatus;
    if (due) input.due = due;
    if (from) input.from = from;
    if (to) input.to = to;
    try {
      setResult(await call(api().applications.search(input)));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [query, status, due, from, to]);

  useEffect(() => {
    const h = setTimeout(() => void load(), 200);
    return () => clearTimeout(h);
  }, [load]);
  useEvent('status.changed', () => void load());
  useEffect(() => searchRef.current?.focus(), []);

  usePageKeys((e) => {
    if (e.key === 'F6') {
      searchRef.current?.focus();
      searchRef.current?.select();
      return true;
    }
    return false;
  });

  return (
    <Box data-testid="applications-list">
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', mb: 1.5 }} role="search">
        <TextField
          inputRef={searchRef}
          label={t('applications.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          sx={{ flexGrow: 1, minWidth: 320 }}
          data-testid="applications-search"
          slotProps={{
            htmlInput: { type: 'search', maxLength: 100 },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon aria-hidden />
                </InputAdornment>
              ),
            },
          }}
        />
        <TextField select label={t('applications.status')} value={status} onChange={(e) => setStatus(e.target.value)} sx={{ minWidth: 220 }} data-testid="applications-status">
          <MenuItem value={ALL}>{t('applications.allStatuses')}</MenuItem>
          {APPLICATION_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              {STATUS_LABELS[s][locale]}
            </MenuItem>
          ))}
        </TextField>
        <TextField type="date" label={t('applications.from')} value={from} onChange={(e) => setFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField type="date" label={t('applications.to')} value={to} onChange={(e) => setTo(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
      </Box>
      <Box sx={{ display: 'flex', gap: 1, mb: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Chip label={t('applications.overdue')} color={due === 'overdue' ? 'error' : 'default'} variant={due === 'overdue' ? 'filled' : 'outlined'} onClick={() => setDue(due === 'overdue' ? null : 'overdue')} data-testid="filter-overdue" />
        <Chip label={t('applications.dueToday')} color={due === 'due_today' ? 'warning' : 'default'} variant={due === 'due_today' ? 'filled' : 'outlined'} onClick={() => setDue(due === 'due_today' ? null : 'due_today')} data-testid="filter-due-today" />
        <Typography sx={{ color: 'text.secondary', ml: 1 }} role="status">
          {result ? t('applications.results', { count: result.items.length }) : ''}
        </Typography>
      </Box>
      {result?.hint && <Alert severity="warning" sx={{ mb: 1 }}>{locale === 'en' ? result.hint.messageEn : result.hint.message}</Alert>}
      {error !== null && <Alert severity="error">{errorText(error)}</Alert>}
      {result && result.items.length === 0 && !result.hint && <Alert severity="info">{t('applications.noResults')}</Alert>}
      {result && result.items.length > 0 && (
        <Paper variant="outlined" sx={{ borderRadius: 3, overflow: 'auto' }}>
          <Table size="small" data-testid="applications-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('applications.col.regno')}</TableCell>
                <TableCell>{t('applications.col.applicant')}</TableCell>
                <TableCell>{t('applications.col.service')}</TableCell>
                <TableCell>{t('applications.col.status')}</TableCell>
                <TableCell>{t('applications.col.due')}</TableCell>
                <TableCell>{t('applications.col.date')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result.items.map((a) => (
                <TableRow
                  key={a.id}
                  hover
                  tabIndex={0}
                  onClick={() => onOpen(a.id)}
                  onKeyDown={(e) => e.key === 'Enter' && onOpen(a.id)}
                  sx={{ cursor: 'pointer', bgcolor: a.dueState === 'overdue' ? '#FDECEA' : a.dueState === 'due_today' ? '#FFF8E1' : undefined }}
                  data-testid={`application-row-${a.registrationNumber ?? a.id}`}
                  data-due={a.dueState}
                >
                  <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{a.registrationNumber ?? '—'}</TableCell>
                  <TableCell>
                    <Typography sx={{ fontWeight: 600 }}>{a.applicantName}</Typography>
                    <Typography variant="body2" sx={{ color: 'text.secondary', fontFamily: 'monospace' }}>
                      {a.nikMasked ?? ''}
                    </Typography>
                  </TableCell>
                  <TableCell>{a.serviceName}</TableCell>
                  <TableCell>
                    <StatusChip status={a.status} locale={locale} /> {a.pending && <Chip size="small" variant="outlined" label={t('applications.pending')} />}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, alignItems: 'flex-start' }}>
                      {a.dueAt ? formatLongDate(a.dueAt, locale) : '—'}
                      <DueBadge state={a.dueState} />
                    </Box>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(a.createdAt, locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </Box>
  );
}
