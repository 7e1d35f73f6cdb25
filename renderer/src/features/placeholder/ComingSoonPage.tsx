import ConstructionIcon from '@mui/icons-material/Construction';
import { Box, Chip, List, ListItem, ListItemIcon, ListItemText, Paper, Typography } from '@mui/material';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { NAV_ICONS } from '../shell/navigation';

export type ComingSoonKey = 'counter-queue' | 'applications' | 'take-queue' | 'dashboard' | 'skm' | 'printers';

/** Tidy "Segera hadir" page: what the feature will do once it is built. */
export function ComingSoonPage({ page }: { page: ComingSoonKey }) {
  const { t } = useTranslation();
  const Icon = NAV_ICONS[page];
  const points = t(`comingSoon.${page}.points`, { returnObjects: true });

  return (
    <Box data-testid="coming-soon" data-page={page}>
      <PageHeader title={t(`nav.${page}.label`)} />
      <Paper variant="outlined" sx={{ p: { xs: 3, md: 4 }, maxWidth: 860, borderRadius: 3 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2, flexWrap: 'wrap' }}>
          <Box
            sx={{
              width: 64,
              height: 64,
              borderRadius: 3,
              display: 'grid',
              placeItems: 'center',
              bgcolor: '#E1EDF8',
              color: 'primary.main',
              flexShrink: 0,
            }}
          >
            <Icon sx={{ fontSize: 36 }} aria-hidden />
          </Box>
          <Box>
            <Chip
              icon={<ConstructionIcon />}
              label={t('comingSoon.badge')}
              sx={{ bgcolor: '#FFF1D6', color: '#6E4600', '& .MuiChip-icon': { color: '#6E4600' }, mb: 0.5 }}
            />
            <Typography variant="h2" sx={{ fontSize: '1.375rem' }}>
              {t(`comingSoon.${page}.title`)}
            </Typography>
          </Box>
        </Box>
        <Typography sx={{ mb: 2 }}>{t(`comingSoon.${page}.summary`)}</Typography>
        <Typography variant="h3" sx={{ fontSize: '1.0625rem', mb: 1 }}>
          {t('comingSoon.willDo')}
        </Typography>
        <List dense disablePadding>
          {points.map((point) => (
            <ListItem key={point} disableGutters sx={{ alignItems: 'flex-start' }}>
              <ListItemIcon sx={{ minWidth: 36, mt: 0.5, color: 'secondary.main' }}>
                <CheckCircleOutlineIcon aria-hidden />
              </ListItemIcon>
              <ListItemText primary={point} />
            </ListItem>
          ))}
        </List>
        <Typography sx={{ mt: 2, color: 'text.secondary' }}>{t('comingSoon.meanwhile')}</Typography>
      </Paper>
    </Box>
  );
}
