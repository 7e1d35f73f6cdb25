import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageShortcut } from '../keyboard/page-shortcuts';
import { SHORTCUTS } from '../keyboard/shortcuts';

/** A shortcut table rendered with <kbd> keys: the global ones (keyboard/shortcuts.ts) unless `rows` are given. */
export function ShortcutTable({ caption, rows, testId = 'shortcut-table' }: { caption?: string; rows?: readonly PageShortcut[]; testId?: string }) {
  const { t } = useTranslation();
  const shown: readonly PageShortcut[] = rows ?? SHORTCUTS.map((s) => ({ id: s.id, combos: s.combos, label: t(s.descriptionKey) }));
  return (
    <Table size="small" aria-label={caption ?? t('shortcuts.title')} data-testid={testId}>
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
        {shown.map((s) => (
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
            <TableCell sx={{ py: 1.25 }}>{s.label}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
