import ConfirmationNumberIcon from '@mui/icons-material/ConfirmationNumber';
import EventAvailableIcon from '@mui/icons-material/EventAvailable';
import { Alert, Box, Button, CircularProgress, Paper, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketCategory } from '../../../../common/domain/queue/priority';
import type { TicketView } from '../../../../common/ipc/channels/queue';
import { api, call, useEvent } from '../../api/client';
import { useNotify } from '../../components/Notify';
import { useErrorText } from '../../hooks/useErrorText';
import { useAppState } from '../../state/AppState';
import { CategoryPicker, categoryForDigit } from './CategoryPicker';
import { IssuedTicketPanel, type Issued } from './IssuedTicketPanel';
import { categoryLabel, Kbd, useLocale, usePageKeys } from './queue-ui';
import { RecentTickets } from './RecentTickets';
import { ServicePicker, type PickerService } from './ServicePicker';
import { useQueueOverview } from './useQueueOverview';
import { WaitingCounts } from './WaitingCounts';
import { usePageShortcuts } from '../../keyboard/page-shortcuts';

function Section({ title, step, children, testId, actions }: { title: string; step?: number; children: ReactNode; testId?: string; actions?: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} data-testid={testId} sx={{ p: 2, borderRadius: 3, minWidth: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1.5, flexWrap: 'wrap' }}>
        {step !== undefined && (
          <Box aria-hidden sx={{ width: 30, height: 30, borderRadius: '50%', bgcolor: 'primary.main', color: '#fff', display: 'grid', placeItems: 'center', fontWeight: 700 }}>
            {step}
          </Box>
        )}
        <Typography variant="h2" sx={{ fontSize: '1.125rem', flexGrow: 1 }}>
          {title}
        </Typography>
        {actions}
      </Box>
      {children}
    </Paper>
  );
}

/**
 * Ambil Antrian (front desk): service → category → issue, all by keyboard.
 * Type to search, ↑/↓ + Enter to choose, 1–6 for the category, Enter/F2 to issue,
 * F3 to reprint the last ticket, F4 back to the search, F6 to check in a booking.
 */
export function FrontDeskPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const notify = useNotify();
  const errorText = useErrorText();
  const { catalog } = useAppState();
  const overview = useQueueOverview();
  const searchRef = useRef<HTMLInputElement>(null);
  const issueRef = useRef<HTMLButtonElement>(null);
  const bookingRef = useRef<HTMLInputElement>(null);
  const issuedRef = useRef<HTMLDivElement>(null);

  const [serviceId, setServiceId] = useState<string | null>(null);
  const [category, setCategory] = useState<TicketCategory>('normal');
  const [issuing, setIssuing] = useState(false);
  const [issueError, setIssueError] = useState<unknown>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [reprintingId, setReprintingId] = useState<string | null>(null);
  const [recent, setRecent] = useState<TicketView[] | null>(null);
  const [recentError, setRecentError] = useState<unknown>(null);
  const [bookingCode, setBookingCode] = useState('');
  const [checkingIn, setCheckingIn] = useState(false);
  const [bookingError, setBookingError] = useState<unknown>(null);

  const services = useMemo<PickerService[]>(() => {
    const byId = new Map((overview.services ?? []).map((s) => [s.serviceId, s]));
    if (catalog) {
      const agencyName = new Map(catalog.agencies.map((a) => [a.id, a.name]));
      return catalog.services
        .map((s) => {
          const q = byId.get(s.id);
          return {
            id: s.id,
            name: s.name,
            code: s.code,
            agencyId: s.agencyId,
            agencyName: agencyName.get(s.agencyId) ?? '',
            prefix: q?.prefix ?? null,
            waiting: q?.waiting ?? null,
            priorityWaiting: q?.priorityWaiting ?? null,
          };
        })
        .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'id') || a.name.localeCompare(b.name, 'id'));
    }
    return (overview.services ?? []).map((q) => ({
      id: q.serviceId,
      name: q.serviceName,
      code: q.prefix,
      agencyId: q.agencyId,
      agencyName: q.agencyName,
      prefix: q.prefix,
      waiting: q.waiting,
      priorityWaiting: q.priorityWaiting,
    }));
  }, [catalog, overview.services]);

  const agencies = useMemo(() => {
    if (catalog) return catalog.agencies.map((a) => ({ id: a.id, name: a.name }));
    const seen = new Map<string, string>();
    for (const s of services) seen.set(s.agencyId, s.agencyName);
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [catalog, services]);

  const selected = services.find((s) => s.id === serviceId) ?? null;

  const loadRecent = useCallback(async () => {
    try {
      setRecent(await call(api().queue.recentIssued({})));
      setRecentError(null);
    } catch (e) {
      setRecentError(e);
    }
  }, []);
  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);
  useEvent('queue.changed', () => void loadRecent());

  const backToSearch = () => {
    window.setTimeout(() => {
      searchRef.current?.focus({ preventScroll: true });
      searchRef.current?.select();
    }, 0);
  };

  const afterIssue = (value: Issued) => {
    setIssued(value);
    window.setTimeout(() => issuedRef.current?.scrollIntoView({ block: 'nearest' }), 30);
    setCategory('normal');
    void loadRecent();
    void overview.reload();
    backToSearch();
  };

  const issue = async () => {
    if (issuing) return;
    if (!selected) {
      setIssueError(null);
      notify('warning', t('frontdesk.chooseServiceFirst'));
      searchRef.current?.focus();
      return;
    }
    setIssuing(true);
    setIssueError(null);
    try {
      afterIssue(await call(api().queue.issue({ serviceId: selected.id, category })));
    } catch (e) {
      setIssueError(e);
    } finally {
      setIssuing(false);
    }
  };

  const reprint = async (ticket: TicketView) => {
    setReprintingId(ticket.id);
    try {
      const { print } = await call(api().queue.reprint({ ticketId: ticket.id }));
      if (issued?.ticket.id === ticket.id) setIssued({ ...issued, print });
      const message = locale === 'en' ? (print.messageEn ?? print.message) : (print.message ?? print.messageEn);
      if (print.ok) notify('success', t('frontdesk.reprinted', { number: ticket.number }));
      else notify('error', `${t('frontdesk.printFailed')}${message ? `: ${message}` : ''}`);
    } catch (e) {
      notify('error', errorText(e));
    } finally {
      setReprintingId(null);
    }
  };

  const cancel = async (ticket: TicketView, reason: string) => {
    await call(api().queue.cancel({ ticketId: ticket.id, reason }));
    notify('success', t('frontdesk.cancelled', { number: ticket.number }));
    if (issued?.ticket.id === ticket.id) setIssued(null);
    void loadRecent();
    void overview.reload();
  };

  const checkIn = async () => {
    const code = bookingCode.trim();
    if (code === '' || checkingIn) return;
    setCheckingIn(true);
    setBookingError(null);
    try {
      afterIssue(await call(api().queue.checkInBooking({ code })));
      setBookingCode('');
    } catch (e) {
      setBookingError(e);
    } finally {
      setCheckingIn(false);
    }
  };

  usePageShortcuts([
    { id: 'issue', combos: [['Enter'], ['F2']], label: t('frontdesk.issue') },
    { id: 'reprint', combos: [['F3']], label: t('frontdesk.reprint') },
    { id: 'search', combos: [['F4']], label: t('frontdesk.search') },
    { id: 'booking', combos: [['F6']], label: t('frontdesk.bookingTitle') },
    { id: 'category', combos: [['1 … 6']], label: t('frontdesk.category') },
    { id: 'pick', combos: [['↑'], ['↓']], label: t('frontdesk.pickHint') },
  ]);

  usePageKeys(({ key, typing, original }) => {
    if (key === 'F2') {
      void issue();
      return true;
    }
    if (key === 'F3') {
      if (issued) void reprint(issued.ticket);
      return true;
    }
    if (key === 'F4') {
      searchRef.current?.focus();
      searchRef.current?.select();
      return true;
    }
    if (key === 'F6') {
      bookingRef.current?.focus();
      return true;
    }
    if (typing || original.shiftKey) return false;
    const c = categoryForDigit(key);
    if (c) {
      setCategory(c);
      return true;
    }
    return false;
  });

  const serviceChosen = (s: PickerService) => {
    setServiceId(s.id);
    setIssueError(null);
    window.setTimeout(() => issueRef.current?.focus(), 0);
  };

  return (
    <Box data-testid="frontdesk-page" sx={{ maxWidth: 1400 }}>
      <Typography variant="h1" sx={{ fontSize: '1.625rem', mb: 1.5 }}>
        {t('nav.take-queue.label')}
      </Typography>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) minmax(400px, 1fr)' }, gap: 2, alignItems: 'start' }}>
        <Section title={t('frontdesk.stepService')} step={1} testId="frontdesk-step-service">
          {services.length === 0 && catalog === null ? (
            <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center' }}>
              <CircularProgress size={24} aria-hidden />
              <Typography>{t('common.loading')}</Typography>
            </Box>
          ) : (
            <ServicePicker services={services} agencies={agencies} selectedId={serviceId} onSelect={serviceChosen} inputRef={searchRef} />
          )}
        </Section>

        <Box sx={{ display: 'grid', gap: 2, minWidth: 0 }}>
          <Section title={t('frontdesk.stepCategory')} step={2} testId="frontdesk-step-category">
            <CategoryPicker value={category} onChange={setCategory} />
            <Typography sx={{ mt: 1.5, mb: 1, minHeight: 24, lineHeight: 1.35 }} data-testid="frontdesk-summary">
              {selected ? (
                <>
                  <Box component="span" sx={{ fontWeight: 700 }}>{selected.name}</Box>
                  <Box component="span" sx={{ color: 'text.secondary' }}> · {categoryLabel(category, locale)}</Box>
                </>
              ) : (
                <Box component="span" sx={{ color: 'text.secondary' }}>{t('frontdesk.noServiceChosen')}</Box>
              )}
            </Typography>
            <Button
              ref={issueRef}
              fullWidth
              size="large"
              variant="contained"
              startIcon={issuing ? <CircularProgress size={22} color="inherit" aria-hidden /> : <ConfirmationNumberIcon />}
              onClick={() => void issue()}
              disabled={issuing}
              aria-keyshortcuts="Enter F2"
              data-testid="frontdesk-issue"
              sx={{ minHeight: 60, fontSize: '1.1875rem', gap: 1, whiteSpace: 'nowrap' }}
            >
              <Box component="span" sx={{ flexGrow: 1, textAlign: 'left' }}>
                {issuing ? t('frontdesk.issuing') : t('frontdesk.issue')}
              </Box>
              <Kbd dark>Enter</Kbd>
              <Kbd dark>F2</Kbd>
            </Button>
            {issueError !== null && (
              <Alert severity="error" sx={{ mt: 1.5 }} data-testid="frontdesk-issue-error">
                {errorText(issueError)}
              </Alert>
            )}
          </Section>
          {issued && (
            <Box ref={issuedRef}>
              <IssuedTicketPanel issued={issued} reprinting={reprintingId === issued.ticket.id} onReprint={() => void reprint(issued.ticket)} />
            </Box>
          )}
        </Box>
      </Box>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) minmax(400px, 1fr)' }, gap: 2, mt: 2, alignItems: 'start' }}>
        <Section title={t('frontdesk.recentTitle')}>
          <RecentTickets tickets={recent} error={recentError} busyId={reprintingId} onReprint={(tk) => void reprint(tk)} onCancel={cancel} />
        </Section>
        <Box sx={{ display: 'grid', gap: 2, minWidth: 0 }}>
          <Section title={t('frontdesk.bookingTitle')} testId="frontdesk-booking">
            <Box
              component="form"
              onSubmit={(e) => {
                e.preventDefault();
                void checkIn();
              }}
              sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
            >
              <TextField
                inputRef={bookingRef}
                label={t('frontdesk.bookingCode')}
                value={bookingCode}
                onChange={(e) => setBookingCode(e.target.value.toUpperCase())}
                sx={{ flexGrow: 1 }}
                data-testid="frontdesk-booking-code"
                slotProps={{
                  htmlInput: { maxLength: 32, autoComplete: 'off', spellCheck: false },
                  input: { endAdornment: <Kbd>F6</Kbd> },
                }}
              />
              <Button type="submit" variant="outlined" startIcon={<EventAvailableIcon />} disabled={checkingIn || bookingCode.trim() === ''} sx={{ minHeight: 56 }} data-testid="frontdesk-booking-submit">
                {t('frontdesk.checkIn')}
              </Button>
            </Box>
            {bookingError !== null && (
              <Alert severity="error" sx={{ mt: 1.5 }} data-testid="frontdesk-booking-error">
                {errorText(bookingError)}
              </Alert>
            )}
          </Section>
          <Section title={t('frontdesk.waitingTitle')}>
            <WaitingCounts services={overview.services} error={overview.error} at={overview.at} />
          </Section>
        </Box>
      </Box>
    </Box>
  );
}
