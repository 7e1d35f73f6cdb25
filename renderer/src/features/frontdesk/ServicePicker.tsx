import SearchIcon from '@mui/icons-material/Search';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { Box, InputAdornment, MenuItem, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { Kbd } from './queue-ui';

export interface PickerService {
  id: string;
  name: string;
  code: string;
  agencyId: string;
  agencyName: string;
  prefix: string | null;
  waiting: number | null;
  priorityWaiting: number | null;
}

export const ALL_AGENCIES = '__all__';

interface Props {
  services: readonly PickerService[];
  agencies: readonly { id: string; name: string }[];
  selectedId: string | null;
  onSelect: (service: PickerService) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

const norm = (s: string) =>
  s
    .toLocaleLowerCase('id')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** Every word typed must appear in the name, code, agency or prefix ("kk dukcapil", "paspor"). */
export function filterServices(services: readonly PickerService[], agencyId: string, query: string): PickerService[] {
  const words = norm(query).split(/\s+/).filter(Boolean);
  return services.filter((s) => {
    if (agencyId !== ALL_AGENCIES && s.agencyId !== agencyId) return false;
    if (words.length === 0) return true;
    const hay = norm(`${s.name} ${s.code} ${s.agencyName} ${s.prefix ?? ''}`);
    return words.every((w) => hay.includes(w));
  });
}

/**
 * Agency → service chooser for hundreds of services: type to filter instantly,
 * ↑/↓ to move, Enter to choose, Esc to clear. The field is a combobox that owns
 * a listbox (aria-activedescendant), so screen readers follow the highlight.
 */
export function ServicePicker({ services, agencies, selectedId, onSelect, inputRef }: Props) {
  const { t } = useTranslation();
  const [agency, setAgency] = useState(ALL_AGENCIES);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  const filtered = useMemo(() => filterServices(services, agency, query), [services, agency, query]);
  const activeIndex = Math.min(active, Math.max(0, filtered.length - 1));
  const activeService = filtered[activeIndex];

  useEffect(() => {
    setActive(0);
  }, [agency, query]);

  useEffect(() => {
    if (!activeService) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-service-id="${CSS.escape(activeService.id)}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [activeService]);

  const move = (delta: number) => {
    if (filtered.length === 0) return;
    setActive((i) => Math.max(0, Math.min(filtered.length - 1, Math.min(i, filtered.length - 1) + delta)));
  };

  return (
    <Box sx={{ display: 'grid', gap: 1.5, minWidth: 0 }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(180px, 0.8fr) minmax(0, 1.4fr)', gap: 1.5 }} role="search">
        <TextField
          select
          label={t('frontdesk.agency')}
          value={agency}
          onChange={(e) => setAgency(e.target.value)}
          data-testid="frontdesk-agency"
        >
          <MenuItem value={ALL_AGENCIES}>{t('frontdesk.allAgencies')}</MenuItem>
          {agencies.map((a) => (
            <MenuItem key={a.id} value={a.id}>
              {a.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={t('frontdesk.search')}
          value={query}
          inputRef={inputRef}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              move(1);
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              move(-1);
            } else if (e.key === 'PageDown') {
              e.preventDefault();
              move(8);
            } else if (e.key === 'PageUp') {
              e.preventDefault();
              move(-8);
            } else if (e.key === 'Enter' && !e.ctrlKey && !e.altKey) {
              if (activeService) {
                e.preventDefault();
                e.stopPropagation();
                onSelect(activeService);
              }
            } else if (e.key === 'Escape' && query !== '') {
              e.preventDefault();
              setQuery('');
            }
          }}
          data-testid="frontdesk-search"
          placeholder={t('frontdesk.searchPlaceholder')}
          slotProps={{
            htmlInput: {
              role: 'combobox',
              'aria-expanded': true,
              'aria-controls': 'frontdesk-service-list',
              'aria-autocomplete': 'list',
              'aria-activedescendant': activeService ? `svc-${activeService.id}` : undefined,
              autoComplete: 'off',
              spellCheck: false,
            },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon aria-hidden />
                </InputAdornment>
              ),
              endAdornment: (
                <InputAdornment position="end" sx={{ gap: 0.5 }}>
                  <Kbd>F4</Kbd>
                </InputAdornment>
              ),
            },
          }}
        />
      </Box>
      <Typography role="status" sx={{ color: 'text.secondary', fontSize: '0.9375rem' }} data-testid="frontdesk-service-count">
        {t('frontdesk.serviceCount', { total: formatNumber(filtered.length) })} · {t('frontdesk.pickHint')}
      </Typography>
      <Box
        component="ul"
        ref={listRef}
        id="frontdesk-service-list"
        role="listbox"
        aria-label={t('frontdesk.serviceList')}
        data-testid="frontdesk-service-list"
        sx={{
          listStyle: 'none',
          m: 0,
          p: 0.5,
          border: '1px solid',
          borderColor: 'divider',
          borderRadius: 2,
          height: 300,
          overflowY: 'auto',
          bgcolor: '#FFFFFF',
        }}
      >
        {filtered.length === 0 && (
          <Box component="li" sx={{ p: 2, color: 'text.secondary' }}>
            {t('frontdesk.noService')}
          </Box>
        )}
        {filtered.map((s, i) => {
          const selected = s.id === selectedId;
          const isActive = i === activeIndex;
          return (
            <Box
              component="li"
              key={s.id}
              id={`svc-${s.id}`}
              role="option"
              aria-selected={selected}
              data-service-id={s.id}
              data-testid={`frontdesk-service-${s.id}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setActive(i);
                onSelect(s);
              }}
              sx={{
                display: 'grid',
                gridTemplateColumns: 'minmax(0, 1fr) auto',
                alignItems: 'center',
                gap: 1.5,
                px: 1.5,
                py: 1,
                minHeight: 52,
                borderRadius: 1.5,
                cursor: 'pointer',
                bgcolor: selected ? '#DCEBF9' : isActive ? '#EEF3F8' : 'transparent',
                outline: isActive ? '2px solid #0B4F8A' : 'none',
                outlineOffset: -2,
                '&:hover': { bgcolor: selected ? '#DCEBF9' : '#F3F6F9' },
              }}
            >
              <Box sx={{ minWidth: 0 }}>
                <Typography sx={{ fontWeight: 600, lineHeight: 1.3, display: 'flex', alignItems: 'center', gap: 0.75 }}>
                  {selected && <CheckCircleIcon color="primary" sx={{ fontSize: 20 }} aria-hidden />}
                  {s.name}
                </Typography>
                <Typography sx={{ color: 'text.secondary', fontSize: '0.875rem', lineHeight: 1.3 }}>
                  {s.agencyName} · {s.code}
                  {s.prefix ? ` · ${t('frontdesk.prefix', { prefix: s.prefix })}` : ''}
                </Typography>
              </Box>
              {s.waiting !== null && (
                <Box sx={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  <Typography component="span" sx={{ fontWeight: 700, fontSize: '1.125rem', fontVariantNumeric: 'tabular-nums' }}>
                    {formatNumber(s.waiting)}
                  </Typography>
                  <Typography component="span" sx={{ color: 'text.secondary', fontSize: '0.875rem', ml: 0.5 }}>
                    {t('frontdesk.waitingShort')}
                  </Typography>
                </Box>
              )}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
