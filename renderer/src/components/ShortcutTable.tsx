import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from '../keyboard/shortcuts';

/** The shortcut table from keyboard/shortcuts.ts, rendered with <kbd> keys. */
export function ShortcutTable({ caption }: { caption?: string }) {
  const { t } = useTranslation();
  return (
    <Table size="small" aria-label={caption ?? t('shortcuts.title')} data-testid="shortcut-table">
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
            {t('shortcuts.keys')}
          </TableCell>
          <TableCell component="th" scope="col" sx={{ fontWeight: 700 }}>
            {t('shortcuts.action')}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {SHORTCUTS.map((s) => (
          <TableRow key={s.id}>
            <TableCell sx={{ py: 1.25, whiteSpace: 'nowrap' }}>
              {s.combos.map((combo, i) => (
                <Fragment key={combo.join('+')}>
                  {i > 0 && (
                    <Box component="span" sx={{ mx: 1, color: 'text.secondary', display: 'inline-block' }}>
                      {t('shortcuts.or')}
                    </Box>
                  )}
                  <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
                    {combo.map((key, j) => (
                      <Fragment key={key}>
                        {j > 0 && (
                          <Box component="span" aria-hidden sx={{ mx: 0.5 }}>
                            +
                          </Box>
                        )}
                        <kbd>{key}</kbd>
                      </Fragment>
                    ))}
                  </Box>
                </Fragment>
              ))}
            </TableCell>
            <TableCell sx={{ py: 1.25 }}>{t(s.descriptionKey)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
