import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { clearApplicationHandoff, useApplicationHandoff, type ApplicationHandoff } from '../counter/handoff';
import { Kbd, usePageKeys } from '../frontdesk/queue-ui';
import { ApplicationDetailView } from './ApplicationDetailView';
import { ApplicationList } from './ApplicationList';
import { VerifyForm } from './VerifyForm';

type Mode = { kind: 'list' } | { kind: 'new'; handoff: ApplicationHandoff | null; key: number } | { kind: 'detail'; id: string };

/** Permohonan: the list (search, due badges), the verification form (from the ticket being served) and the detail. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const handoff = useApplicationHandoff();
  const [mode, setMode] = useState<Mode>(() => (handoff ? { kind: 'new', handoff, key: Date.now() } : { kind: 'list' }));

  // A ticket handed over from Antrian Loket opens the verification form once.
  useEffect(() => {
    if (handoff) {
      setMode({ kind: 'new', handoff, key: Date.now() });
      clearApplicationHandoff();
    }
  }, [handoff]);

  usePageKeys((e) => {
    if (mode.kind === 'list' && e.key === 'F2') {
      setMode({ kind: 'new', handoff: null, key: Date.now() });
      return true;
    }
    return false;
  }, mode.kind === 'list');

  return (
    <Box data-testid="page-applications-content" sx={{ maxWidth: 1280 }}>
      <PageHeader
        title={mode.kind === 'new' ? t('applications.newTitle') : t('nav.applications.label')}
        lead={mode.kind === 'list' ? t('applications.lead') : undefined}
        actions={
          mode.kind === 'list' ? (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setMode({ kind: 'new', handoff: null, key: Date.now() })} data-testid="applications-new">
              {t('applications.new')} <Kbd dark>F2</Kbd>
            </Button>
          ) : (
            <Button onClick={() => setMode({ kind: 'list' })} data-testid="applications-back">
              {t('applications.backToList')}
            </Button>
          )
        }
      />
      {mode.kind === 'list' && <ApplicationList onOpen={(id) => setMode({ kind: 'detail', id })} />}
      {mode.kind === 'new' && <VerifyForm key={mode.key} handoff={mode.handoff} onOpen={(id) => setMode({ kind: 'detail', id })} onCancel={() => setMode({ kind: 'list' })} />}
      {mode.kind === 'detail' && <ApplicationDetailView id={mode.id} onBack={() => setMode({ kind: 'list' })} />}
      {mode.kind === 'new' && (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
          {t('applications.keys')}
        </Typography>
      )}
    </Box>
  );
}
