import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import { Alert, Box, Button, Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ShortcutTable } from '../../components/ShortcutTable';
import { currentLocale } from '../../i18n';
import { formatLongDate, partOfDay } from '../../i18n/format';
import { useSession } from '../../state/AppState';
import { NAV_ICONS, navFor, type NavKey } from '../shell/navigation';

function Fact({ label, value, action, testId }: { label: string; value: string; action?: ReactNode; testId?: string }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 1.25, borderBottom: '1px solid', borderColor: 'divider' }}>
      <Typography component="dt" sx={{ color: 'text.secondary', width: 150, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, fontWeight: 600, flexGrow: 1 }} data-testid={testId}>
        {value}
      </Typography>
      {action}
    </Box>
  );
}

/** Role-specific start page: greeting, today's date, the officer's agency, what they can do, shortcuts. */
export function HomePage({ onNavigate, onChangeCounter }: { onNavigate: (key: NavKey) => void; onChangeCounter: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const locale = currentLocale();
  const { officer } = session;
  const now = new Date();
  const items = navFor(officer.role);
  const tasks = items.map((key, index) => ({ key, index })).filter(({ key }) => key !== 'home');

  return (
    <Box data-testid="home-page" sx={{ maxWidth: 1200 }}>
      <Typography variant="h1" sx={{ mb: 0.5 }} data-testid="home-greeting">
        {t(`home.greeting.${partOfDay(now)}`, { name: officer.name })}
      </Typography>
      <Typography sx={{ color: 'text.secondary', mb: 3, fontSize: '1.0625rem' }} data-testid="home-date">
        {formatLongDate(now, locale)}
      </Typography>

      {session.mode === 'offline' && (
        <Alert severity="warning" sx={{ mb: 3 }}>
          {t('home.offlineMode')}
        </Alert>
      )}

      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }, alignItems: 'start' }}>
        <Paper variant="outlined" sx={{ p: 3, borderRadius: 3 }}>
          <Typography variant="h2" sx={{ fontSize: '1.25rem', mb: 1 }}>
            {t('home.aboutTitle')}
          </Typography>
          <Typography sx={{ mb: 1.5 }}>{t(`home.intro.${officer.role}`)}</Typography>
          <Box component="dl" sx={{ m: 0 }}>
            <Fact label={t('home.role')} value={t(`roles.${officer.role}`)} />
            <Fact
              label={t('home.agency')}
              value={officer.agencyName ?? t('home.allAgencies')}
              testId="home-agency"
            />
            {officer.role === 'officer' && (
              <Fact
                label={t('home.counter')}
                value={session.counterName ?? t('status.noCounter')}
                testId="home-counter"
                action={
                  <Button variant="outlined" onClick={onChangeCounter} data-testid="change-counter">
                    {t('home.changeCounter')}
                  </Button>
                }
              />
            )}
            <Fact
              label={t('home.signInMode')}
              value={session.mode === 'offline' ? t('home.modeOffline') : t('home.modeServer')}
            />
          </Box>
        </Paper>

        <Paper variant="outlined" sx={{ p: 3, borderRadius: 3 }}>
          <Typography variant="h2" sx={{ fontSize: '1.25rem', mb: 1.5 }}>
            {t('shortcuts.title')}
          </Typography>
          <ShortcutTable />
        </Paper>
      </Box>

      <Typography variant="h2" sx={{ fontSize: '1.25rem', mt: 4, mb: 2 }}>
        {t('home.whatYouCanDo')}
      </Typography>
      <Box
        component="ul"
        sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))' }}
      >
        {tasks.map(({ key, index }) => {
          const Icon = NAV_ICONS[key];
          return (
            <Box component="li" key={key}>
              <Paper variant="outlined" sx={{ p: 2.5, height: '100%', display: 'flex', flexDirection: 'column', gap: 1.5, borderRadius: 3 }}>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
                  <Box sx={{ width: 44, height: 44, borderRadius: 2, display: 'grid', placeItems: 'center', bgcolor: '#E1EDF8', color: 'primary.main' }}>
                    <Icon aria-hidden />
                  </Box>
                  <Typography variant="h3" sx={{ fontSize: '1.125rem' }}>
                    {t(`nav.${key}.label`)}
                  </Typography>
                </Box>
                <Typography sx={{ flexGrow: 1 }}>{t(`nav.${key}.description`)}</Typography>
                <Box>
                  <Button
                    variant="contained"
                    color="secondary"
                    endIcon={<ArrowForwardIcon />}
                    onClick={() => onNavigate(key)}
                    data-testid={`home-open-${key}`}
                  >
                    {t('home.open', { shortcut: `Alt+${index + 1}` })}
                  </Button>
                </Box>
              </Paper>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
