import AssignmentTurnedInIcon from '@mui/icons-material/AssignmentTurnedIn';
import CampaignIcon from '@mui/icons-material/Campaign';
import CheckIcon from '@mui/icons-material/Check';
import CoffeeIcon from '@mui/icons-material/Coffee';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import PersonOffIcon from '@mui/icons-material/PersonOff';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import RecordVoiceOverIcon from '@mui/icons-material/RecordVoiceOver';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import type { SvgIconComponent } from '@mui/icons-material';
import { Alert, Box, Button, Chip, CircularProgress, Paper, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterState, TicketView } from '../../../../common/ipc/channels/queue';
import { api, call } from '../../api/client';
import { useNotify } from '../../components/Notify';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../hooks/useErrorText';
import { useAppState, useSession } from '../../state/AppState';
import { playChime } from '../board/chime';
import { Kbd, usePageKeys } from '../frontdesk/queue-ui';
import type { NavKey } from '../shell/navigation';
import { PauseDialog, TransferDialog, WalkInDialog, type Option, type TransferTarget } from './CounterDialogs';
import { CurrentVisitor } from './CurrentVisitor';
import { setApplicationHandoff } from './handoff';
import { useCounterState } from './useCounterState';
import { WaitingList } from './WaitingList';
import { usePageShortcuts } from '../../keyboard/page-shortcuts';

export type CounterActionId = 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'transfer' | 'park' | 'pause' | 'walkIn';

/** One key each (shown on the buttons and in renderer/README.md). */
export const COUNTER_KEYS: Record<CounterActionId, string> = {
  callNext: 'F2',
  recall: 'F3',
  start: 'F4',
  finish: 'F5',
  noShow: 'F6',
  transfer: 'F7',
  park: 'F8',
  pause: 'F9',
  walkIn: 'F10',
};
const ORDER: readonly CounterActionId[] = ['callNext', 'recall', 'start', 'finish', 'noShow', 'transfer', 'park', 'pause', 'walkIn'];
const ICONS: Record<CounterActionId, SvgIconComponent> = {
  callNext: CampaignIcon,
  recall: RecordVoiceOverIcon,
  start: PlayArrowIcon,
  finish: CheckIcon,
  noShow: PersonOffIcon,
  transfer: SwapHorizIcon,
  park: PauseCircleIcon,
  pause: CoffeeIcon,
  walkIn: DirectionsWalkIcon,
};

type Dialog = 'transfer' | 'pause' | 'walkIn' | null;

/** Which actions the counter's state allows (the state machine in main has the last word). */
export function enabledActions(s: CounterState): Record<CounterActionId, boolean> {
  const cur = s.current;
  const idle = cur === null && s.paused === null;
  const called = cur?.status === 'called';
  const serving = cur?.status === 'serving';
  return {
    callNext: idle,
    recall: called,
    start: called,
    finish: serving,
    noShow: called && (cur?.recalls ?? 0) >= s.minRecallsBeforeNoShow,
    transfer: serving,
    park: called || serving,
    pause: cur === null, // F9 pauses, or resumes when paused
    walkIn: idle,
  };
}

/** Antrian Loket: the officer's workplace — current visitor, one key per action, waiting list. */
export function CounterPage({ onNavigate, onChangeCounter }: { onNavigate: (page: NavKey) => void; onChangeCounter: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const { catalog } = useAppState();
  const notify = useNotify();
  const errorText = useErrorText();
  const { state, loadError, reload, apply } = useCounterState();
  const [busy, setBusy] = useState<CounterActionId | 'other' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [finished, setFinished] = useState<TicketView | null>(null);
  const [alertAt, setAlertAt] = useState<number | null>(null);
  const [noteDraft, setNoteDraft] = useState('');
  const nextStepRef = useRef<HTMLButtonElement>(null);
  const prevQueued = useRef<number | null>(null);
  const queuedAction = useRef<CounterActionId | null>(null);

  // Idle counter alert: the queue went from empty to non-empty.
  const queued = state ? state.waiting.length : null;
  const idle = state !== null && state.current === null && state.paused === null;
  useEffect(() => {
    if (queued === null) return;
    const before = prevQueued.current;
    prevQueued.current = queued;
    if (before === 0 && queued > 0 && idle) {
      // The banner below is the visible notification (it follows the UI language); the chime is audible.
      setAlertAt(Date.now());
      void playChime('alert');
    }
    if (queued === 0 || !idle) setAlertAt(null);
  }, [queued, idle]);

  // After Finish, the next step (document check) has the focus: Enter goes on.
  useEffect(() => {
    if (finished) nextStepRef.current?.focus();
  }, [finished]);

  const run = async (id: CounterActionId | 'other', action: () => Promise<CounterState>, after?: (s: CounterState) => void) => {
    if (busy) return;
    setBusy(id);
    setActionError(null);
    try {
      const next = await action();
      apply(next);
      after?.(next);
    } catch (e) {
      setActionError(e);
      void reload();
      throw e;
    } finally {
      setBusy(null);
    }
  };
  const fire = (id: CounterActionId | 'other', action: () => Promise<CounterState>, after?: (s: CounterState) => void) => {
    run(id, action, after).catch(() => undefined);
  };

  const enabled = state ? enabledActions(state) : null;

  const doAction = (id: CounterActionId) => {
    if (!state || !enabled) return;
    if (busy !== null) {
      // A key pressed while the previous action is in flight runs right after it (one slot), not lost.
      queuedAction.current = id;
      return;
    }
    if (id === 'pause' && state.paused) {
      fire('pause', () => call(api().counter.resume({})), () => notify('success', t('counterQueue.resumed')));
      return;
    }
    if (!enabled[id]) {
      if (id === 'noShow' && state.current?.status === 'called') notify('info', t('counterQueue.noShowNeedsRecalls', { n: state.minRecallsBeforeNoShow }));
      return;
    }
    switch (id) {
      case 'callNext':
        setFinished(null);
        fire('callNext', () => call(api().counter.callNext({})));
        return;
      case 'recall':
        fire('recall', () => call(api().counter.recall({})));
        return;
      case 'start':
        fire('start', () => call(api().counter.start({})));
        return;
      case 'finish': {
        const ticket = state.current;
        const draft = noteDraft.trim();
        const note = ticket && draft !== '' && draft !== (ticket.note ?? '') ? draft : undefined;
        fire('finish', () => call(api().counter.finish(note ? { note } : {})), () => {
          if (ticket) setFinished(ticket);
        });
        return;
      }
      case 'noShow':
        fire('noShow', () => call(api().counter.noShow({})));
        return;
      case 'park':
        fire('park', () => call(api().counter.park({})), () => notify('success', t('counterQueue.parked')));
        return;
      case 'transfer':
      case 'pause':
      case 'walkIn':
        setDialog(id);
        return;
    }
  };

  useEffect(() => {
    if (busy !== null || queuedAction.current === null) return;
    const id = queuedAction.current;
    queuedAction.current = null;
    doAction(id);
  });

  usePageShortcuts(
    ORDER.map((id) => ({
      id,
      combos: [[COUNTER_KEYS[id]]],
      label: id === 'pause' ? `${t('counterQueue.actions.pause')} / ${t('counterQueue.actions.resume')}` : t(`counterQueue.actions.${id}`),
    })),
  );

  usePageKeys(({ key }) => {
    const id = ORDER.find((a) => COUNTER_KEYS[a] === key);
    if (!id) return false;
    doAction(id);
    return true;
  }, state !== null && dialog === null);

  const agencyName = useMemo(() => new Map((catalog?.agencies ?? []).map((a) => [a.id, a.name])), [catalog]);
  const serviceOptions = useMemo<Option[]>(
    () =>
      (catalog?.services ?? [])
        .map((s) => ({ id: s.id, label: `${s.name} (${s.code})`, group: agencyName.get(s.agencyId) ?? '' }))
        .sort((a, b) => a.group.localeCompare(b.group, 'id') || a.label.localeCompare(b.label, 'id')),
    [catalog, agencyName],
  );
  const counterOptions = useMemo<Option[]>(
    () =>
      (catalog?.counters ?? [])
        .filter((c) => c.id !== session.counterId)
        .map((c) => ({ id: c.id, label: c.name.includes(String(c.number)) ? c.name : `${c.name} (${t('counterQueue.counterNumber', { n: c.number })})`, group: agencyName.get(c.agencyId) ?? '' }))
        .sort((a, b) => (a.group === b.group ? a.label.localeCompare(b.label, 'id') : a.group.localeCompare(b.group, 'id'))),
    [catalog, agencyName, session.counterId, t],
  );
  const walkInServices = useMemo(() => {
    const own = serviceOptions.filter((o) => state?.serviceIds.includes(o.id));
    return own.length > 0 ? [...own, ...serviceOptions.filter((o) => !own.includes(o))] : serviceOptions;
  }, [serviceOptions, state?.serviceIds]);

  const transfer = async (target: TransferTarget) => {
    const number = state?.current?.number ?? '';
    await run('transfer', () => call(api().counter.transfer(target)));
    setDialog(null);
    notify('success', t('counterQueue.transferred', { number }));
  };

  // The SKM kiosk faces the visitor (a second screen); the officer's window never shows the answers.
  const openSurvey = async () => {
    try {
      const r = await call(api().window.openSurvey({}));
      notify(r.opened ? 'success' : 'info', t(r.opened ? 'counterQueue.surveyOpened' : 'counterQueue.surveyNoWindow'));
    } catch (e) {
      notify('error', errorText(e));
    }
  };

  const goToApplications = () => {
    if (!finished) return;
    setApplicationHandoff({ ticketId: finished.id, ticketNumber: finished.number, serviceId: finished.serviceId, serviceName: finished.serviceName, at: new Date().toISOString() });
    onNavigate('applications');
  };

  const title = (
    <PageHeader
      title={t('nav.counter-queue.label')}
      actions={
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          {state?.paused && <Chip color="warning" icon={<CoffeeIcon />} label={t('counterQueue.pausedChip', { reason: t(`counterQueue.pauseReasons.${state.paused.reason}`) })} data-testid="counter-paused" />}
          <Chip variant="outlined" label={state?.counterName ?? session.counterName ?? t('counterQueue.noCounter')} data-testid="counter-name" sx={{ fontWeight: 700, fontSize: '1rem', height: 40 }} />
          <Button variant="outlined" onClick={() => void openSurvey()} data-testid="counter-open-survey">
            {t('counterQueue.openSurvey')}
          </Button>
          <Button variant="outlined" onClick={onChangeCounter} data-testid="counter-change">
            {t('counterQueue.changeCounter')}
          </Button>
        </Box>
      }
    />
  );

  if (!state) {
    return (
      <Box data-testid="counter-page">
        {title}
        {loadError ? (
          <Alert severity="warning" data-testid="counter-load-error" action={<Button color="inherit" onClick={() => void reload()}>{t('common.retry')}</Button>}>
            {errorText(loadError)}
          </Alert>
        ) : (
          <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center' }}>
            <CircularProgress size={24} aria-hidden />
            <Typography>{t('common.loading')}</Typography>
          </Box>
        )}
      </Box>
    );
  }

  const primary: CounterActionId | null = state.current?.status === 'called' ? 'start' : state.current?.status === 'serving' ? 'finish' : idle ? 'callNext' : null;

  return (
    <Box data-testid="counter-page" data-counter={state.counterId} sx={{ maxWidth: 1400 }}>
      {title}
      {alertAt !== null && (
        <Alert
          severity="info"
          icon={<NotificationsActiveIcon />}
          sx={{ mb: 2, fontSize: '1.0625rem', fontWeight: 600 }}
          data-testid="counter-alert"
          action={
            <Button color="inherit" variant="outlined" onClick={() => doAction('callNext')}>
              {t('counterQueue.actions.callNext')}&nbsp;<Kbd>F2</Kbd>
            </Button>
          }
        >
          {t('counterQueue.alertNew', { n: state.waiting.length })}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1.45fr) minmax(320px, 1fr)' }, gap: 2, alignItems: 'start' }}>
        <Box sx={{ display: 'grid', gap: 2, minWidth: 0 }}>
          {!(finished && state.current === null) && (
            <CurrentVisitor
              state={state}
              noteDraft={noteDraft}
              setNoteDraft={setNoteDraft}
              onSaveNote={async (text) => {
                await run('other', () => call(api().counter.note({ text })))
                  .then(() => notify('success', t('counterQueue.noteSaved')))
                  .catch(() => undefined);
              }}
            />
          )}
          {finished && state.current === null && (
            <Paper variant="outlined" data-testid="counter-next-step" sx={{ p: 2, borderRadius: 3, bgcolor: '#EAF5EE', borderColor: 'success.main', display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
              <Box sx={{ flex: '1 1 240px' }}>
                <Typography sx={{ fontWeight: 700 }}>{t('counterQueue.finishedTitle', { number: finished.number })}</Typography>
                <Typography sx={{ color: 'text.secondary' }}>{t('counterQueue.nextStepHint')}</Typography>
              </Box>
              <Button ref={nextStepRef} variant="contained" color="success" startIcon={<AssignmentTurnedInIcon />} onClick={goToApplications} data-testid="counter-next-step-button" sx={{ minHeight: 52 }}>
                {t('counterQueue.nextStep')}
              </Button>
            </Paper>
          )}
          {actionError !== null && (
            <Alert severity="error" onClose={() => setActionError(null)} data-testid="counter-action-error">
              {errorText(actionError)}
            </Alert>
          )}
          <Box role="toolbar" aria-label={t('counterQueue.actionsLabel')} sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 1 }}>
            {ORDER.map((id) => {
              const Icon = id === 'pause' && state.paused ? PlayCircleIcon : ICONS[id];
              const label = id === 'pause' && state.paused ? t('counterQueue.actions.resume') : t(`counterQueue.actions.${id}`);
              const isEnabled = id === 'pause' ? state.paused !== null || enabled?.pause === true : enabled?.[id] === true;
              const isPrimary = id === primary;
              return (
                <Button
                  key={id}
                  variant={isPrimary ? 'contained' : 'outlined'}
                  color={id === 'noShow' ? 'error' : id === 'pause' ? 'warning' : 'primary'}
                  disabled={!isEnabled || busy !== null}
                  onClick={() => doAction(id)}
                  aria-keyshortcuts={COUNTER_KEYS[id]}
                  data-testid={`counter-action-${id}`}
                  startIcon={busy === id ? <CircularProgress size={20} color="inherit" aria-hidden /> : <Icon />}
                  sx={{ minHeight: 64, justifyContent: 'flex-start', textAlign: 'left', lineHeight: 1.2, px: 1.5, gap: 0.5 }}
                >
                  <Box component="span" sx={{ flexGrow: 1, minWidth: 0 }}>
                    {label}
                    {id === 'noShow' && !enabled?.noShow && state.current?.status === 'called' && (
                      <Box component="span" sx={{ display: 'block', fontSize: '0.8125rem', fontWeight: 400 }}>
                        {t('counterQueue.noShowAfter', { n: state.minRecallsBeforeNoShow })}
                      </Box>
                    )}
                  </Box>
                  <Box component="span" sx={{ flexShrink: 0 }}>
                    <Kbd dark={isPrimary}>{COUNTER_KEYS[id]}</Kbd>
                  </Box>
                </Button>
              );
            })}
          </Box>
        </Box>
        <WaitingList
          state={state}
          canCall={idle}
          busy={busy !== null}
          onCall={(tk) => {
            setFinished(null);
            fire('other', () => call(api().counter.callTicket({ ticketId: tk.id })));
          }}
          onReactivate={(tk) => fire('other', () => call(api().counter.reactivate({ ticketId: tk.id })), () => notify('success', t('counterQueue.reactivated', { number: tk.number })))}
        />
      </Box>

      <TransferDialog
        open={dialog === 'transfer'}
        ticketNumber={state.current?.number ?? ''}
        services={serviceOptions}
        counters={counterOptions}
        onClose={() => setDialog(null)}
        onSubmit={transfer}
      />
      <PauseDialog
        open={dialog === 'pause'}
        onClose={() => setDialog(null)}
        onSubmit={async (reason, note) => {
          await run('pause', () => call(api().counter.pause(note ? { reason, note } : { reason })));
          setDialog(null);
        }}
      />
      <WalkInDialog
        open={dialog === 'walkIn'}
        services={walkInServices}
        defaultServiceId={state.serviceIds[0] ?? null}
        onClose={() => setDialog(null)}
        onSubmit={async (serviceId, note) => {
          setFinished(null);
          await run('walkIn', () => call(api().counter.walkIn(note ? { serviceId, note } : { serviceId })));
          setDialog(null);
        }}
      />
    </Box>
  );
}
