import {
  Alert,
  Box,
  Button,
  Checkbox,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  Typography,
} from '@mui/material';
import LogoutIcon from '@mui/icons-material/Logout';
import StorefrontIcon from '@mui/icons-material/Storefront';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useErrorText } from '../../hooks/useErrorText';
import { formatNumber } from '../../i18n/format';
import { useAppState, useSession } from '../../state/AppState';
import { useSignOut } from '../auth/useSignOut';

/**
 * Officers choose the counter (loket) they serve at: the counters of their
 * agency from `catalog.get`; one press on a counter opens it with `counter.open`, for the
 * services ticked above the counters (all by default; Call next then takes only those). When
 * `forced` (no counter yet) the dialog cannot be dismissed, only signed out of.
 */
export function CounterDialog({ open, forced, onClose }: { open: boolean; forced: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const { catalog, catalogError, reloadCatalog, setSession } = useAppState();
  const { signOut, signingOut } = useSignOut();
  const errorText = useErrorText();
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const agencyId = session.officer.agencyId;

  const counters = useMemo(
    () =>
      (catalog?.counters ?? [])
        .filter((c) => c.agencyId === agencyId)
        .slice()
        .sort((a, b) => a.number - b.number || a.name.localeCompare(b.name, 'id')),
    [catalog, agencyId],
  );

  const services = useMemo(
    () =>
      (catalog?.services ?? [])
        .filter((s) => s.agencyId === agencyId)
        .slice()
        .sort((a, b) => a.name.localeCompare(b.name, 'id')),
    [catalog, agencyId],
  );
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [noService, setNoService] = useState(false);
  const chosenKey = (session.counterServiceIds ?? []).join(',');
  useEffect(() => {
    if (!open) return;
    setError(null);
    setNoService(false);
    // The last choice of this session, else every service of the agency.
    setChosen(new Set(chosenKey ? chosenKey.split(',') : services.map((s) => s.id)));
  }, [open, chosenKey, services]);

  const toggle = (id: string) =>
    setChosen((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const openCounter = async (counterId: string) => {
    if (opening) return;
    if (services.length > 0 && chosen.size === 0) {
      setNoService(true);
      return;
    }
    setOpening(counterId);
    setError(null);
    setNoService(false);
    const all = services.every((s) => chosen.has(s.id));
    try {
      setSession(await call(api().counter.open({ counterId, ...(all ? {} : { serviceIds: [...chosen] }) })));
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setOpening(null);
    }
  };

  const agencyName = session.officer.agencyName ?? t('counter.noAgency');

  return (
    <Dialog
      open={open}
      onClose={forced || opening !== null ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="counter-dialog-title"
      aria-describedby="counter-dialog-intro"
      data-testid="counter-dialog"
    >
      <DialogTitle id="counter-dialog-title">{t('counter.title')}</DialogTitle>
      <DialogContent>
        <Typography id="counter-dialog-intro" sx={{ mb: 2 }}>
          {t('counter.intro', { agency: agencyName })}
        </Typography>

        {catalog === null && catalogError === null && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 2 }}>
            <CircularProgress size={28} aria-hidden />
            <Typography>{t('counter.loading')}</Typography>
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

        {catalog !== null && counters.length === 0 && (
          <Alert severity="warning" data-testid="counter-none">
            {t('counter.none')}
          </Alert>
        )}

        {counters.length > 0 && services.length > 1 && (
          <Box component="fieldset" data-testid="counter-services" sx={{ border: 1, borderColor: 'divider', borderRadius: 2, px: 2, pb: 1, mb: 2 }}>
            <Typography component="legend" sx={{ px: 0.5, fontWeight: 700 }}>
              {t('counter.servicesTitle')}
            </Typography>
            <Typography variant="body2" sx={{ color: 'text.secondary', mb: 0.5 }}>
              {t('counter.servicesHint')}
            </Typography>
            <FormGroup sx={{ maxHeight: 180, overflowY: 'auto', flexWrap: 'nowrap' }}>
              {services.map((s) => (
                <FormControlLabel
                  key={s.id}
                  control={<Checkbox checked={chosen.has(s.id)} onChange={() => toggle(s.id)} data-testid={`counter-service-${s.id}`} />}
                  label={s.name}
                />
              ))}
            </FormGroup>
          </Box>
        )}

        {counters.length > 0 && (
          <Box
            role="group"
            aria-labelledby="counter-dialog-title"
            sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: counters.length > 4 ? 'repeat(2, minmax(0, 1fr))' : '1fr' }}
          >
            {counters.map((c, index) => {
              const isCurrent = c.id === session.counterId;
              return (
                <Button
                  key={c.id}
                  variant={isCurrent ? 'contained' : 'outlined'}
                  onClick={() => void openCounter(c.id)}
                  disabled={opening !== null}
                  data-testid={`counter-option-${c.id}`}
                  autoFocus={isCurrent || (session.counterId === null && index === 0)}
                  startIcon={
                    opening === c.id ? <CircularProgress size={22} color="inherit" aria-hidden /> : <StorefrontIcon aria-hidden />
                  }
                  sx={{ justifyContent: 'flex-start', textAlign: 'left', py: 1.25, minHeight: 64 }}
                >
                  <Box component="span" sx={{ display: 'block' }}>
                    <Box component="span" sx={{ display: 'block', fontSize: '1.0625rem' }}>
                      {c.name}
                    </Box>
                    <Box component="span" sx={{ display: 'block', fontWeight: 400, fontSize: '0.9375rem' }}>
                      {opening === c.id
                        ? t('counter.opening')
                        : t('counter.number', { number: formatNumber(c.number) }) +
                          (isCurrent ? ` · ${t('counter.current')}` : '')}
                    </Box>
                  </Box>
                </Button>
              );
            })}
          </Box>
        )}

        {noService && (
          <Alert severity="warning" role="alert" sx={{ mt: 2 }} data-testid="counter-services-none">
            {t('counter.servicesNone')}
          </Alert>
        )}

        {error !== null && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }} data-testid="counter-error">
            {errorText(error)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, gap: 1, flexWrap: 'wrap' }}>
        {forced ? (
          <Button
            variant="text"
            startIcon={<LogoutIcon />}
            onClick={() => void signOut()}
            disabled={signingOut || opening !== null}
            data-testid="counter-dialog-signout"
          >
            {t('shell.signOut')}
          </Button>
        ) : (
          <Button onClick={onClose} disabled={opening !== null}>
            {t('common.cancel')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
