import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { usePageShortcutList } from '../keyboard/page-shortcuts';
import { ShortcutTable } from './ShortcutTable';

/** F1: the global shortcuts, then the keys of the page on screen. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const pageKeys = usePageShortcutList();
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog">
      <DialogTitle id="shortcuts-title">{t('shortcuts.title')}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>{t('shortcuts.intro')}</Typography>
        <ShortcutTable />
        {pageKeys.length > 0 && (
          <>
            <Typography variant="h3" sx={{ fontSize: '1rem', fontWeight: 700, mt: 3, mb: 1 }} id="page-shortcuts-title">
              {t('shortcuts.pageTitle')}
            </Typography>
            <ShortcutTable rows={pageKeys} caption={t('shortcuts.pageTitle')} testId="page-shortcut-table" />
          </>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button variant="contained" onClick={onClose} autoFocus>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
