import { Box, ToggleButton, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TICKET_CATEGORIES, type TicketCategory } from '../../../../common/domain/queue/priority';
import { categoryLabel, Kbd, useLocale } from './queue-ui';

/** Number key (1…6) of each category, in the order of TICKET_CATEGORIES. */
export const categoryForDigit = (key: string): TicketCategory | null => {
  const n = Number(key);
  return Number.isInteger(n) && n >= 1 && n <= TICKET_CATEGORIES.length ? (TICKET_CATEGORIES[n - 1] ?? null) : null;
};

/** Umum or one of the priority groups (UU 25/2009), each with its number key. */
export function CategoryPicker({ value, onChange }: { value: TicketCategory; onChange: (c: TicketCategory) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Box role="radiogroup" aria-label={t('frontdesk.category')} sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 1 }}>
      {TICKET_CATEGORIES.map((c, i) => {
        const selected = c === value;
        return (
          <ToggleButton
            key={c}
            value={c}
            selected={selected}
            role="radio"
            aria-checked={selected}
            aria-keyshortcuts={String(i + 1)}
            onChange={() => onChange(c)}
            data-testid={`frontdesk-category-${c}`}
            color={c === 'normal' ? 'primary' : 'secondary'}
            sx={{
              position: 'relative',
              justifyContent: 'center',
              minHeight: 56,
              px: 0,
              pt: 1.5,
              pb: 0.5,
              textAlign: 'center',
              border: '2px solid',
              borderColor: selected ? (c === 'normal' ? 'primary.main' : 'secondary.main') : 'divider',
              color: 'text.primary',
              '&.Mui-selected': { fontWeight: 700, color: 'text.primary' },
            }}
          >
            <Box component="span" sx={{ position: 'absolute', top: 3, left: 4, '& kbd': { fontSize: '0.75rem', padding: '0 5px', minWidth: 0, borderBottomWidth: 2 } }}>
              <Kbd>{i + 1}</Kbd>
            </Box>
            <Typography component="span" sx={{ fontWeight: 'inherit', lineHeight: 1.2, fontSize: '0.875rem', minWidth: 0, px: '22px' }}>
              {categoryLabel(c, locale)}
            </Typography>
          </ToggleButton>
        );
      })}
    </Box>
  );
}
