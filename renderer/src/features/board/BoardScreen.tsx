import FullscreenIcon from '@mui/icons-material/Fullscreen';
import VolumeOffIcon from '@mui/icons-material/VolumeOff';
import VolumeUpIcon from '@mui/icons-material/VolumeUp';
import { Box, Button, Typography } from '@mui/material';
import { keyframes } from '@mui/material/styles';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../../../common/ipc/channels/queue';
import type { EventPayload } from '../../../../common/ipc/contract';
import { api, call, useEvent } from '../../api/client';
import { formatLongDate, formatNumber, formatTime } from '../../i18n/format';
import { stateLabel, useLocale, useNow } from '../frontdesk/queue-ui';
import { announce, type AnnounceMode } from './announcer';
import { audioContext } from './chime';

export const BOARD_REFRESH_MS = 10_000;
const HIGHLIGHT_MS = 12_000;

type Called = EventPayload<'queue.called'> & { at: number; mode: AnnounceMode | null };

const pulse = keyframes`
  0%, 100% { transform: scale(1); box-shadow: 0 0 0 0 rgba(255, 200, 61, 0.0); }
  50% { transform: scale(1.03); box-shadow: 0 0 0 18px rgba(255, 200, 61, 0.35); }
`;

const BG = '#071B33';
const PANEL = '#0E2C50';
const ACCENT = '#FFC83D';

function soundReady(): boolean {
  return audioContext()?.state === 'running';
}

/**
 * Papan antrian for the hall's TV (route index.html#board): the latest call huge,
 * the number being served at each counter, the last calls and waiting counts.
 * Refreshed from board.get on 'queue.changed' / 'queue.called' and every 10 s;
 * each 'queue.called' chimes and is announced in Indonesian (announcer.ts).
 */
export function BoardScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(1000);
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState(false);
  const [latest, setLatest] = useState<Called | null>(null);
  const [sound, setSound] = useState(soundReady);
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    try {
      const value = await call(api().board.get({}));
      if (mine !== request.current) return;
      setBoard(value);
      setError(false);
    } catch {
      if (mine === request.current) setError(true);
    }
  }, []);

  useEffect(() => {
    document.title = t('board.title');
    void reload();
    const timer = window.setInterval(() => void reload(), BOARD_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload, t]);

  useEvent('queue.changed', () => void reload());
  useEvent('queue.called', (payload) => {
    void reload();
    // The call is committed before the event, but the served/waiting figures may follow a moment later.
    window.setTimeout(() => void reload(), 1500);
    void announce(payload.announcement, {
      sound: soundReady(),
      onStart: () => setLatest({ ...payload, at: Date.now(), mode: null }),
    }).then((mode) => setLatest((cur) => (cur && cur.ticketNumber === payload.ticketNumber && cur.counterNumber === payload.counterNumber ? { ...cur, mode } : cur)));
  });

  const enableSound = async () => {
    try {
      await audioContext()?.resume();
    } catch {
      /* stays muted; the text is on screen */
    }
    setSound(soundReady());
  };

  const fromBoard = board?.lastCalls[0];
  const shown = latest ?? (fromBoard ? { ticketNumber: fromBoard.ticketNumber, counterName: fromBoard.counterName, counterNumber: fromBoard.counterNumber, announcement: '', at: Date.parse(fromBoard.at), mode: null } : null);
  const fresh = latest !== null && now - latest.at < HIGHLIGHT_MS;
  const lastCalls = (board?.lastCalls ?? []).filter((c, i) => !(i === 0 && shown && c.ticketNumber === shown.ticketNumber)).slice(0, 6);
  const waiting = (board?.waiting ?? []).filter((w) => w.waiting > 0).sort((a, b) => b.waiting - a.waiting);

  return (
    <Box
      data-testid="board-screen"
      lang="id"
      sx={{
        position: 'fixed',
        inset: 0,
        bgcolor: BG,
        color: '#FFFFFF',
        display: 'grid',
        gridTemplateRows: 'auto minmax(0, 1fr) auto',
        overflow: 'hidden',
        fontSize: 'clamp(16px, 1.6vw, 40px)',
      }}
    >
      <Box component="header" sx={{ display: 'flex', alignItems: 'center', gap: '1.5vw', px: '2.5vw', py: '1.2vh', bgcolor: '#0B4F8A' }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography component="h1" sx={{ fontSize: 'clamp(22px, 2.4vw, 64px)', fontWeight: 800, lineHeight: 1.1, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} data-testid="board-mall">
            {board?.mallName ?? t('app.mallGeneric')}
          </Typography>
          <Typography sx={{ fontSize: 'clamp(14px, 1.3vw, 34px)', opacity: 0.9 }}>{t('board.subtitle')}</Typography>
        </Box>
        {!sound && (
          <Button onClick={() => void enableSound()} startIcon={<VolumeOffIcon />} variant="contained" color="warning" data-testid="board-sound" sx={{ fontSize: 'clamp(14px, 1vw, 24px)' }} autoFocus>
            {t('board.enableSound')}
          </Button>
        )}
        {sound && <VolumeUpIcon aria-label={t('board.soundOn')} sx={{ fontSize: 'clamp(20px, 2vw, 48px)', opacity: 0.8 }} />}
        {!document.fullscreenElement && (
          <Button onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)} startIcon={<FullscreenIcon />} variant="outlined" color="inherit" sx={{ fontSize: 'clamp(14px, 1vw, 24px)', borderColor: 'rgba(255,255,255,0.5)' }}>
            {t('board.fullscreen')}
          </Button>
        )}
        <Box sx={{ textAlign: 'right' }}>
          <Typography sx={{ fontSize: 'clamp(26px, 3.2vw, 88px)', fontWeight: 800, lineHeight: 1, fontVariantNumeric: 'tabular-nums' }} data-testid="board-clock">
            {formatTime(new Date(now), locale)}
          </Typography>
          <Typography sx={{ fontSize: 'clamp(13px, 1.1vw, 30px)', opacity: 0.9, whiteSpace: 'nowrap' }}>{formatLongDate(new Date(now), locale)}</Typography>
        </Box>
      </Box>

      <Box component="main" sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1.25fr) minmax(0, 1fr)', gap: '1.5vw', p: '1.5vw', minHeight: 0 }}>
        <Box sx={{ display: 'grid', gridTemplateRows: 'minmax(0, 1.25fr) minmax(0, 1fr)', gap: '1.5vw', minHeight: 0 }}>
          <Box
            data-testid="board-latest"
            data-mode={shown?.mode ?? ''}
            data-number={shown?.ticketNumber ?? ''}
            data-fresh={String(fresh)}
            role="status"
            aria-live="assertive"
            sx={{
              borderRadius: '1.2vw',
              bgcolor: fresh ? '#13407A' : PANEL,
              border: `0.35vw solid ${fresh ? ACCENT : 'transparent'}`,
              display: 'grid',
              placeItems: 'center',
              alignContent: 'center',
              textAlign: 'center',
              p: '1vw',
              minHeight: 0,
              animation: fresh ? `${pulse} 1.2s ease-in-out 4` : 'none',
              '@media (prefers-reduced-motion: reduce)': { animation: 'none' },
            }}
          >
            {shown ? (
              <>
                <Typography sx={{ fontSize: 'clamp(18px, 2vw, 56px)', fontWeight: 600, opacity: 0.9 }}>{t('board.nowCalling')}</Typography>
                <Typography sx={{ fontSize: 'min(17vh, 11vw)', fontWeight: 900, lineHeight: 1, color: ACCENT, fontVariantNumeric: 'tabular-nums', letterSpacing: '0.03em' }} data-testid="board-latest-number">
                  {shown.ticketNumber}
                </Typography>
                <Typography sx={{ fontSize: 'min(6.5vh, 3.6vw)', fontWeight: 800, lineHeight: 1.15, textWrap: 'balance' }} data-testid="board-latest-counter">
                  {t('board.goTo', { counter: shown.counterName })}
                </Typography>
              </>
            ) : (
              <Typography sx={{ fontSize: 'clamp(20px, 2.4vw, 64px)', opacity: 0.85 }}>{error ? t('board.unavailable') : t('board.noCalls')}</Typography>
            )}
          </Box>

          <Box component="section" aria-label={t('board.serving')} sx={{ minHeight: 0, display: 'grid', gridTemplateRows: 'auto minmax(0, 1fr)' }}>
            <Typography component="h2" sx={{ fontSize: 'clamp(16px, 1.6vw, 44px)', fontWeight: 700, mb: '0.6vh', opacity: 0.9 }}>
              {t('board.serving')}
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(max(150px, 13vw), 1fr))', gap: '0.8vw', alignContent: 'start', overflow: 'hidden' }} data-testid="board-serving">
              {(board?.serving ?? []).length === 0 && <Typography sx={{ opacity: 0.8, gridColumn: '1 / -1' }}>{t('board.noneServing')}</Typography>}
              {(board?.serving ?? []).map((s) => (
                <Box key={`${s.counterNumber}-${s.counterName}`} data-testid={`board-serving-${s.counterNumber}`} sx={{ bgcolor: PANEL, borderRadius: '0.8vw', p: '0.8vw', borderLeft: `0.4vw solid ${s.status === 'serving' ? '#4DA198' : ACCENT}` }}>
                  <Typography sx={{ fontSize: 'clamp(14px, 1.3vw, 36px)', fontWeight: 700, opacity: 0.9, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{s.counterName}</Typography>
                  <Typography sx={{ fontSize: 'min(6vh, 3.4vw)', fontWeight: 900, lineHeight: 1.05, fontVariantNumeric: 'tabular-nums' }}>{s.ticketNumber}</Typography>
                  <Typography sx={{ fontSize: 'clamp(12px, 1vw, 28px)', opacity: 0.85 }}>{stateLabel(s.status, 'id')}</Typography>
                </Box>
              ))}
            </Box>
          </Box>
        </Box>

        <Box sx={{ display: 'grid', gridTemplateRows: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '1.5vw', minHeight: 0 }}>
          <Box component="section" aria-label={t('board.lastCalls')} sx={{ bgcolor: PANEL, borderRadius: '1.2vw', p: '1vw', minHeight: 0, overflow: 'hidden' }} data-testid="board-last-calls">
            <Typography component="h2" sx={{ fontSize: 'clamp(16px, 1.6vw, 44px)', fontWeight: 700, mb: '0.6vh', opacity: 0.9 }}>
              {t('board.lastCalls')}
            </Typography>
            {lastCalls.length === 0 && <Typography sx={{ opacity: 0.8 }}>—</Typography>}
            {lastCalls.map((c) => (
              <Box key={`${c.ticketNumber}-${c.at}`} sx={{ display: 'flex', alignItems: 'baseline', gap: '1vw', py: '0.5vh', borderBottom: '1px solid rgba(255,255,255,0.15)' }}>
                <Typography sx={{ fontSize: 'min(5vh, 2.8vw)', fontWeight: 800, fontVariantNumeric: 'tabular-nums', minWidth: '7ch' }}>{c.ticketNumber}</Typography>
                <Typography sx={{ fontSize: 'min(3.6vh, 2vw)', flexGrow: 1, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{c.counterName}</Typography>
                <Typography sx={{ fontSize: 'min(2.8vh, 1.5vw)', opacity: 0.8, fontVariantNumeric: 'tabular-nums' }}>{formatTime(c.at, locale)}</Typography>
              </Box>
            ))}
          </Box>
          <Box component="section" aria-label={t('board.waiting')} sx={{ bgcolor: PANEL, borderRadius: '1.2vw', p: '1vw', minHeight: 0, overflow: 'hidden' }} data-testid="board-waiting">
            <Typography component="h2" sx={{ fontSize: 'clamp(16px, 1.6vw, 44px)', fontWeight: 700, mb: '0.6vh', opacity: 0.9 }}>
              {t('board.waiting')}
            </Typography>
            {waiting.length === 0 && <Typography sx={{ opacity: 0.8 }}>{t('board.nobodyWaiting')}</Typography>}
            {waiting.map((w) => (
              <Box key={`${w.agencyName}-${w.serviceName}`} sx={{ display: 'flex', alignItems: 'baseline', gap: '1vw', py: '0.4vh', borderBottom: '1px solid rgba(255,255,255,0.15)' }}>
                <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                  <Typography sx={{ fontSize: 'min(3.2vh, 1.7vw)', fontWeight: 600, lineHeight: 1.2, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{w.serviceName}</Typography>
                  <Typography sx={{ fontSize: 'min(2.4vh, 1.2vw)', opacity: 0.8, lineHeight: 1.2 }}>{w.agencyName}</Typography>
                </Box>
                <Typography sx={{ fontSize: 'min(4.4vh, 2.4vw)', fontWeight: 800, fontVariantNumeric: 'tabular-nums' }}>{formatNumber(w.waiting)}</Typography>
              </Box>
            ))}
          </Box>
        </Box>
      </Box>

      {latest?.mode === 'text' && latest.announcement !== '' && fresh && (
        <Box role="alert" data-testid="board-announcement-text" sx={{ bgcolor: ACCENT, color: BG, px: '2.5vw', py: '1.2vh', fontSize: 'min(4.5vh, 2.6vw)', fontWeight: 800, textAlign: 'center' }}>
          {latest.announcement}
        </Box>
      )}
    </Box>
  );
}
