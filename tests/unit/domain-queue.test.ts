import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  applyTicketEvent,
  createTicket,
  TICKET_EVENT_TYPES,
  TICKET_STATE_LABELS,
  TICKET_STATES,
  type Ticket,
  type TicketEvent,
  type TicketEventContext,
  type TicketEventType,
  type TicketState,
} from '../../common/domain/queue/ticket-state';
import {
  INITIAL_PRIORITY_STATE,
  pickNext,
  PriorityRuleSchema,
  type PriorityRule,
  type PriorityState,
  type TicketCategory,
  type WaitingTicket,
} from '../../common/domain/queue/priority';
import {
  announcementText,
  formatTicketNumber,
  indonesianNumberWords,
  MALL_UTC_OFFSETS,
  nextTicketSequence,
  offlinePrefix,
  serviceDayOf,
} from '../../common/domain/queue/numbering';

// ---------------------------------------------------------------------------------------------
// Ticket state machine
// ---------------------------------------------------------------------------------------------

const ARRIVED = '2025-03-03T01:00:00.000Z'; // 08:00 WIB
const ctx = (over: Partial<TicketEventContext> = {}): TicketEventContext => ({
  now: '2025-03-03T01:30:00.000Z',
  officerId: 'off-1',
  counterId: 'c1',
  settings: { minRecallsBeforeNoShow: 2 },
  ...over,
});

const base = (): Ticket => createTicket({ id: 't1', number: 'A-017', serviceId: 'svc-ktp', category: 'normal', arrivedAt: ARRIVED });

/** A ticket in any state, held by counter c1 and recalled enough to be marked absent. */
function inState(state: TicketState): Ticket {
  return Object.freeze({
    ...base(),
    state,
    counterId: state === 'waiting' ? null : 'c1',
    officerId: state === 'waiting' ? null : 'off-1',
    calledAt: state === 'waiting' ? null : '2025-03-03T01:10:00.000Z',
    recallCount: state === 'called' ? 2 : 0,
  });
}

const EVENTS: Record<TicketEventType, TicketEvent> = {
  call: { type: 'call' },
  recall: { type: 'recall' },
  start: { type: 'start' },
  no_show: { type: 'no_show' },
  finish: { type: 'finish' },
  transfer: { type: 'transfer', newTicketId: 't2', targetServiceId: 'svc-kk' },
  cancel: { type: 'cancel' },
  park: { type: 'park' },
  reactivate: { type: 'reactivate' },
};

// Written out independently of the implementation's table.
const ALLOWED: Record<TicketState, Partial<Record<TicketEventType, TicketState>>> = {
  waiting: { call: 'called', cancel: 'cancelled' },
  called: { recall: 'called', start: 'serving', no_show: 'no_show', park: 'parked' },
  serving: { finish: 'done', transfer: 'transferred', park: 'parked' },
  done: {},
  no_show: { reactivate: 'waiting' },
  transferred: {},
  cancelled: {},
  parked: { call: 'called', cancel: 'cancelled' },
};

describe('ticket state machine: every transition', () => {
  const cases = TICKET_STATES.flatMap((s) => TICKET_EVENT_TYPES.map((e) => [s, e] as const));
  it('covers 8 states × 9 events', () => expect(cases).toHaveLength(72));

  it.each(cases)('%s + %s', (state, event) => {
    const r = applyTicketEvent(inState(state), EVENTS[event], ctx());
    const to = ALLOWED[state][event];
    if (to === undefined) {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.details).toMatchObject({ reason: 'INVALID_TRANSITION', state, action: event, ticketNumber: 'A-017' });
      expect(r.error.message).toMatch(/^Antrian A-017 .+; tidak dapat .+\.( .+)?$/);
      expect(r.error.messageEn).toMatch(/^Ticket A-017 .+; it cannot .+\.( .+)?$/);
    } else {
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.ticket.state).toBe(to);
      expect(r.history).toMatchObject({ ticketId: 't1', event, from: state, to, at: ctx().now, officerId: 'off-1', counterId: 'c1' });
    }
  });

  it('allowedEvents lists what the buttons may offer', () => {
    for (const s of TICKET_STATES) expect(allowedEvents(s).sort()).toEqual(Object.keys(ALLOWED[s]).sort());
  });

  it('names the state and the action in both languages', () => {
    const r = applyTicketEvent(inState('done'), { type: 'call' }, ctx());
    expect(r).toMatchObject({
      ok: false,
      error: { message: 'Antrian A-017 sudah selesai; tidak dapat dipanggil lagi.', messageEn: 'Ticket A-017 is already finished; it cannot be called again.' },
    });
    const c = applyTicketEvent(inState('cancelled'), { type: 'finish' }, ctx());
    expect(c).toMatchObject({ ok: false, error: { message: 'Antrian A-017 sudah dibatalkan; tidak dapat diselesaikan.' } });
    const n = applyTicketEvent(inState('no_show'), { type: 'call' }, ctx());
    expect(n).toMatchObject({ ok: false, error: { message: 'Antrian A-017 tercatat tidak hadir; tidak dapat dipanggil. Aktifkan kembali terlebih dahulu.' } });
  });

  it('exports a label for every state in both languages', () => {
    for (const s of TICKET_STATES) {
      expect(TICKET_STATE_LABELS[s].id.length).toBeGreaterThan(0);
      expect(TICKET_STATE_LABELS[s].en.length).toBeGreaterThan(0);
    }
    expect(TICKET_STATE_LABELS.parked).toEqual({ id: 'Ditunda', en: 'On hold' });
  });

  it('never mutates the input ticket', () => {
    const t = inState('waiting'); // frozen: a mutation would throw in strict mode
    const r = applyTicketEvent(t, { type: 'call' }, ctx());
    expect(r.ok).toBe(true);
    expect(t.state).toBe('waiting');
  });
});

describe('ticket lifecycle and timestamps', () => {
  const run = (t: Ticket, e: TicketEvent, now: string, over: Partial<TicketEventContext> = {}): Ticket => {
    const r = applyTicketEvent(t, e, ctx({ now, ...over }));
    if (!r.ok) throw new Error(r.error.messageEn);
    return r.ticket;
  };

  it('keeps the four timestamps; recall neither moves calledAt nor starts service', () => {
    let t = run(base(), { type: 'call' }, '2025-03-03T01:10:00Z');
    expect(t).toMatchObject({ state: 'called', calledAt: '2025-03-03T01:10:00Z', counterId: 'c1', officerId: 'off-1', recallCount: 0 });
    t = run(t, { type: 'recall' }, '2025-03-03T01:11:00Z');
    t = run(t, { type: 'recall' }, '2025-03-03T01:12:00Z');
    expect(t).toMatchObject({ state: 'called', calledAt: '2025-03-03T01:10:00Z', recallCount: 2 });
    t = run(t, { type: 'start' }, '2025-03-03T01:13:00Z');
    t = run(t, { type: 'finish' }, '2025-03-03T01:25:00Z');
    expect(t).toMatchObject({
      state: 'done',
      arrivedAt: ARRIVED,
      calledAt: '2025-03-03T01:10:00Z',
      servingStartedAt: '2025-03-03T01:13:00Z',
      finishedAt: '2025-03-03T01:25:00Z',
    });
  });

  it('refuses no-show before the configured number of recalls', () => {
    let t = run(base(), { type: 'call' }, '2025-03-03T01:10:00Z');
    const early = applyTicketEvent(t, { type: 'no_show' }, ctx());
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'RECALLS_REQUIRED', recallCount: 0, minRecalls: 2 } } });
    t = run(t, { type: 'recall' }, '2025-03-03T01:11:00Z');
    const stillEarly = applyTicketEvent(t, { type: 'no_show' }, ctx());
    expect(stillEarly.ok).toBe(false);
    if (!stillEarly.ok) {
      expect(stillEarly.error.message).toContain('minimal 2 kali');
      expect(stillEarly.error.messageEn).toContain('at least 2 recall');
    }
    t = run(t, { type: 'recall' }, '2025-03-03T01:12:00Z');
    expect(run(t, { type: 'no_show' }, '2025-03-03T01:13:00Z').state).toBe('no_show');
  });

  it('lets a mall allow no-show right after the first call', () => {
    const t = run(base(), { type: 'call' }, '2025-03-03T01:10:00Z');
    expect(run(t, { type: 'no_show' }, '2025-03-03T01:11:00Z', { settings: { minRecallsBeforeNoShow: 0 } }).state).toBe('no_show');
  });

  it('reactivates a late visitor with the original arrival and fresh recalls', () => {
    const t = applyTicketEvent(inState('called'), { type: 'no_show' }, ctx());
    if (!t.ok) throw new Error('setup');
    const back = run(t.ticket, { type: 'reactivate' }, '2025-03-03T02:00:00Z', { counterId: 'c9' });
    expect(back).toMatchObject({ state: 'waiting', arrivedAt: ARRIVED, recallCount: 0 });
    const again = run(back, { type: 'call' }, '2025-03-03T02:01:00Z');
    expect(again.calledAt).toBe('2025-03-03T01:10:00.000Z'); // first call kept for the waiting figure
  });

  it('park returns the ticket to the queue, keeping arrival and routing it back to the counter', () => {
    const parked = run(inState('serving'), { type: 'park', note: 'fotokopi KK' }, '2025-03-03T01:40:00Z');
    expect(parked).toMatchObject({ state: 'parked', arrivedAt: ARRIVED, targetCounterId: 'c1' });
    const recalled = run(parked, { type: 'call' }, '2025-03-03T01:50:00Z');
    expect(recalled.state).toBe('called');
    const cancelled = run(parked, { type: 'cancel' }, '2025-03-03T01:50:00Z');
    expect(cancelled.state).toBe('cancelled');
  });

  it('only the counter holding the ticket may act on it', () => {
    for (const e of ['recall', 'start', 'no_show', 'park'] as const) {
      const r = applyTicketEvent(inState('called'), EVENTS[e], ctx({ counterId: 'c2' }));
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'OTHER_COUNTER' } } });
    }
    const f = applyTicketEvent(inState('serving'), { type: 'finish' }, ctx({ counterId: 'c2' }));
    expect(f).toMatchObject({ ok: false, error: { message: 'Antrian A-017 sedang ditangani loket lain; tidak dapat diselesaikan dari loket ini.' } });
    // Queue actions are open to any counter or the front desk.
    expect(applyTicketEvent(inState('waiting'), { type: 'call' }, ctx({ counterId: 'c2' })).ok).toBe(true);
    expect(applyTicketEvent(inState('waiting'), { type: 'cancel' }, ctx({ counterId: 'frontdesk' })).ok).toBe(true);
  });

  it('refuses a time without a zone, bad settings and malformed events', () => {
    expect(applyTicketEvent(inState('waiting'), { type: 'call' }, ctx({ now: '2025-03-03 08:00' }))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { reason: 'INVALID_TIME' } },
    });
    expect(applyTicketEvent(inState('waiting'), { type: 'call' }, ctx({ now: '2025-03-03T08:00:00' })).ok).toBe(false);
    expect(applyTicketEvent(inState('waiting'), { type: 'call' }, ctx({ settings: { minRecallsBeforeNoShow: -1 } }))).toMatchObject({
      ok: false,
      error: { details: { reason: 'INVALID_SETTINGS' } },
    });
    const bad = { type: 'transfer', newTicketId: 't2' } as unknown as TicketEvent;
    expect(applyTicketEvent(inState('serving'), bad, ctx())).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: 'INVALID_EVENT' } } });
    const r = applyTicketEvent(inState('waiting'), { type: 'call' }, ctx({ now: 'nonsense' }));
    if (!r.ok) {
      expect(r.error.message).not.toBe('');
      expect(r.error.messageEn).not.toBe('');
    }
  });
});

describe('transfer', () => {
  const serving = (): Ticket => ({ ...inState('serving'), category: 'lansia', servingStartedAt: '2025-03-03T01:12:00.000Z' });

  it('closes the original and creates a linked waiting ticket with the original arrival', () => {
    const r = applyTicketEvent(serving(), { type: 'transfer', newTicketId: 't2', targetServiceId: 'svc-kk', targetCounterId: 'c7' }, ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ticket).toMatchObject({ id: 't1', state: 'transferred', finishedAt: ctx().now });
    expect(r.newTicket).toEqual({
      id: 't2',
      number: 'A-017',
      serviceId: 'svc-kk',
      category: 'lansia',
      state: 'waiting',
      counterId: null,
      officerId: null,
      targetCounterId: 'c7',
      arrivedAt: ARRIVED,
      calledAt: null,
      servingStartedAt: null,
      finishedAt: null,
      recallCount: 0,
      originTicketId: 't1',
    });
    expect(r.history).toMatchObject({ event: 'transfer', from: 'serving', to: 'transferred', newTicketId: 't2' });
  });

  it('may give the new ticket the target queue number', () => {
    const r = applyTicketEvent(serving(), { type: 'transfer', newTicketId: 't2', targetServiceId: 'svc-kk', number: 'B-004' }, ctx());
    expect(r.ok && r.newTicket?.number).toBe('B-004');
  });

  it('keeps its place in the target queue (ordered by original arrival)', () => {
    const r = applyTicketEvent(serving(), { type: 'transfer', newTicketId: 't2', targetServiceId: 'svc-kk' }, ctx());
    if (!r.ok || !r.newTicket) throw new Error('setup');
    const targetQueue: WaitingTicket[] = [
      { id: 'k1', category: 'lansia', arrivedAt: '2025-03-03T01:20:00.000Z' }, // arrived after the visitor
      r.newTicket,
    ];
    expect(pickNext(targetQueue, INITIAL_PRIORITY_STATE, { kind: 'ratio', priority: 2, normal: 1 }, ctx().now)?.ticket.id).toBe('t2');
  });

  it('refuses a transfer to its own queue and a reused id', () => {
    expect(applyTicketEvent(serving(), { type: 'transfer', newTicketId: 't2', targetServiceId: 'svc-ktp' }, ctx())).toMatchObject({
      ok: false,
      error: { details: { reason: 'TRANSFER_TO_SAME_QUEUE' } },
    });
    expect(applyTicketEvent(serving(), { type: 'transfer', newTicketId: 't2', targetServiceId: 'svc-ktp', targetCounterId: 'c1' }, ctx()).ok).toBe(false);
    // Same service, another counter: a real hand-over.
    expect(applyTicketEvent(serving(), { type: 'transfer', newTicketId: 't2', targetServiceId: 'svc-ktp', targetCounterId: 'c4' }, ctx()).ok).toBe(true);
    expect(applyTicketEvent(serving(), { type: 'transfer', newTicketId: 't1', targetServiceId: 'svc-kk' }, ctx())).toMatchObject({
      ok: false,
      error: { details: { reason: 'TRANSFER_ID_REUSED' } },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Priority
// ---------------------------------------------------------------------------------------------

const at = (minute: number): string => new Date(Date.UTC(2025, 2, 3, 1, 0) + minute * 60_000).toISOString();
const w = (id: string, category: TicketCategory, minute: number): WaitingTicket => ({ id, category, arrivedAt: at(minute) });

describe('pickNext', () => {
  const ratio21: PriorityRule = { kind: 'ratio', priority: 2, normal: 1 };

  it('returns null when nobody waits', () => {
    expect(pickNext([], INITIAL_PRIORITY_STATE, ratio21, at(0))).toBeNull();
  });

  it('orders each class by arrival, not by list order; ties by id', () => {
    const list = [w('n2', 'normal', 5), w('n1', 'normal', 1), w('p2', 'anak', 9), w('p1', 'ibu_hamil', 3)];
    expect(pickNext(list, INITIAL_PRIORITY_STATE, ratio21, at(10))).toMatchObject({ ticket: { id: 'p1' }, reason: 'priority' });
    const normals = [w('n2', 'normal', 5), w('n1', 'normal', 1)];
    expect(pickNext(normals, INITIAL_PRIORITY_STATE, ratio21, at(10))?.ticket.id).toBe('n1');
    const tie = [w('b', 'normal', 1), w('a', 'normal', 1)];
    expect(pickNext(tie, INITIAL_PRIORITY_STATE, ratio21, at(10))?.ticket.id).toBe('a');
  });

  it('treats every priority category as one class (FIFO among them)', () => {
    const list = [w('dis', 'disabilitas', 4), w('lan', 'lansia', 2), w('bnc', 'korban_bencana', 3)];
    expect(pickNext(list, INITIAL_PRIORITY_STATE, ratio21, at(5))?.ticket.id).toBe('lan');
  });

  it('ratio 2:1 never starves the normal queue under a constant stream of priority arrivals', () => {
    let waiting: WaitingTicket[] = Array.from({ length: 60 }, (_, i) => w(`n${i}`, 'normal', i));
    let state: PriorityState = INITIAL_PRIORITY_STATE;
    const picked: TicketCategory[] = [];
    for (let i = 0; i < 100; i++) {
      waiting.push(w(`p${i}`, 'lansia', 100 + i)); // a new priority visitor before every call
      const r = pickNext(waiting, state, ratio21, at(200 + i));
      if (!r) throw new Error('nobody picked');
      picked.push(r.ticket.category);
      state = r.nextState;
      waiting = waiting.filter((t) => t.id !== r.ticket.id);
    }
    const normals = picked.filter((c) => c === 'normal').length;
    expect(normals).toBe(33);
    expect(picked.slice(0, 6).map((c) => (c === 'normal' ? 'N' : 'P')).join('')).toBe('PPNPPN');
    // Never three priority calls in a row while normals wait.
    const seq = picked.map((c) => (c === 'normal' ? 'N' : 'P')).join('');
    expect(seq).not.toContain('PPP');
  });

  it('ratio 1:2 gives the normal queue two calls per cycle', () => {
    let waiting = [...Array.from({ length: 10 }, (_, i) => w(`n${i}`, 'normal', i)), ...Array.from({ length: 10 }, (_, i) => w(`p${i}`, 'anak', i))];
    let state: PriorityState = INITIAL_PRIORITY_STATE;
    let seq = '';
    for (let i = 0; i < 9; i++) {
      const r = pickNext(waiting, state, { kind: 'ratio', priority: 1, normal: 2 }, at(60));
      if (!r) throw new Error('nobody picked');
      seq += r.ticket.category === 'normal' ? 'N' : 'P';
      state = r.nextState;
      waiting = waiting.filter((t) => t.id !== r.ticket.id);
    }
    expect(seq).toBe('PNNPNNPNN');
  });

  it('keeps serving priority when no normal waits, then owes the normal queue its turn', () => {
    const state: PriorityState = { priorityStreak: 5, normalStreak: 0 };
    const r1 = pickNext([w('p1', 'lansia', 0)], state, ratio21, at(1));
    expect(r1?.nextState.priorityStreak).toBe(6);
    const r2 = pickNext([w('p2', 'lansia', 0), w('n1', 'normal', 2)], r1?.nextState ?? state, ratio21, at(3));
    expect(r2).toMatchObject({ ticket: { id: 'n1' }, reason: 'normal_turn', nextState: { priorityStreak: 0, normalStreak: 0 } });
  });

  it('resets the streak when only normals wait', () => {
    const r = pickNext([w('n1', 'normal', 0)], { priorityStreak: 1 }, ratio21, at(1));
    expect(r).toMatchObject({ ticket: { id: 'n1' }, reason: 'normal', nextState: { priorityStreak: 0 } });
  });

  it('max_wait: a normal waiting longer than X jumps ahead of later priority arrivals', () => {
    const rule: PriorityRule = { kind: 'max_wait', normalMaxWaitMinutes: 30 };
    const list = [w('n1', 'normal', 0), w('p1', 'lansia', 10)];
    expect(pickNext(list, INITIAL_PRIORITY_STATE, rule, at(30))?.ticket.id).toBe('p1'); // exactly 30: not longer
    expect(pickNext(list, INITIAL_PRIORITY_STATE, rule, at(31))).toMatchObject({ ticket: { id: 'n1' }, reason: 'normal_max_wait' });
    // A priority visitor who arrived even earlier still goes first.
    const older = [w('n1', 'normal', 0), w('p0', 'lansia', -5)];
    expect(pickNext(older, INITIAL_PRIORITY_STATE, rule, at(31))?.ticket.id).toBe('p0');
    // Without the rule the normal would keep waiting.
    expect(pickNext(list, INITIAL_PRIORITY_STATE, { kind: 'ratio', priority: 5, normal: 1 }, at(31))?.ticket.id).toBe('p1');
  });

  it('ratio and max_wait together', () => {
    const rule: PriorityRule = [
      { kind: 'ratio', priority: 3, normal: 1 },
      { kind: 'max_wait', normalMaxWaitMinutes: 20 },
    ];
    const list = [w('n1', 'normal', 0), w('p1', 'lansia', 5), w('p2', 'lansia', 6)];
    // Streak 0: ratio alone would call p1, but n1 has waited 25 min.
    expect(pickNext(list, INITIAL_PRIORITY_STATE, rule, at(25))).toMatchObject({ ticket: { id: 'n1' }, reason: 'normal_max_wait', nextState: { priorityStreak: 0 } });
    // Not overdue: priority first, until the ratio owes the normal queue.
    expect(pickNext(list, INITIAL_PRIORITY_STATE, rule, at(10))?.ticket.id).toBe('p1');
    expect(pickNext(list, { priorityStreak: 3 }, rule, at(10))).toMatchObject({ ticket: { id: 'n1' }, reason: 'normal_turn' });
  });

  it('validates the rule', () => {
    expect(() => pickNext([w('p', 'anak', 0)], INITIAL_PRIORITY_STATE, { kind: 'ratio', priority: 0, normal: 1 }, at(1))).toThrow(RangeError);
    expect(() => pickNext([w('p', 'anak', 0)], INITIAL_PRIORITY_STATE, { kind: 'max_wait', normalMaxWaitMinutes: 30 }, 'later')).not.toThrow(); // no normal waiting: time unused
    expect(() => pickNext([w('n', 'normal', 0)], INITIAL_PRIORITY_STATE, { kind: 'max_wait', normalMaxWaitMinutes: 30 }, 'later')).toThrow(RangeError);
    expect(PriorityRuleSchema.safeParse([{ kind: 'ratio', priority: 2, normal: 1 }, { kind: 'max_wait', normalMaxWaitMinutes: 30 }]).success).toBe(true);
    expect(PriorityRuleSchema.safeParse([]).success).toBe(false);
    expect(PriorityRuleSchema.safeParse([{ kind: 'ratio', priority: 2, normal: 1 }, { kind: 'ratio', priority: 3, normal: 1 }]).success).toBe(false);
    expect(PriorityRuleSchema.safeParse([{ kind: 'ratio', priority: 1.5, normal: 1 }]).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Numbering and announcements
// ---------------------------------------------------------------------------------------------

describe('ticket numbers', () => {
  it('formats a prefix and 3 digits, growing to 4 after 999', () => {
    expect(formatTicketNumber('A', 17)).toBe('A-017');
    expect(formatTicketNumber('A', 1)).toBe('A-001');
    expect(formatTicketNumber('B', 999)).toBe('B-999');
    expect(formatTicketNumber('B', 1000)).toBe('B-1000');
    expect(() => formatTicketNumber('a', 1)).toThrow(RangeError);
    expect(() => formatTicketNumber('A', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('A', 1.5)).toThrow(RangeError);
  });

  it('gives offline stations their own prefix', () => {
    expect(offlinePrefix('A', 'Z')).toBe('AZ');
    expect(formatTicketNumber(offlinePrefix('A', 'Z'), 1)).toBe('AZ-001');
    expect(() => offlinePrefix('A', 'ZZ')).toThrow(RangeError);
    expect(() => offlinePrefix('A', '1')).toThrow(RangeError);
  });

  it('computes the service day in the mall zone, not the machine zone', () => {
    // 23:59:59 WIB on 1 March, then midnight WIB = 17:00 UTC the same UTC day.
    expect(serviceDayOf('2025-03-01T16:59:59Z', MALL_UTC_OFFSETS.WIB)).toBe('2025-03-01');
    expect(serviceDayOf('2025-03-01T17:00:00Z', MALL_UTC_OFFSETS.WIB)).toBe('2025-03-02');
    expect(serviceDayOf('2025-03-01T17:00:00Z', 0)).toBe('2025-03-01');
    expect(serviceDayOf('2025-03-01T16:00:00Z', MALL_UTC_OFFSETS.WITA)).toBe('2025-03-02');
    expect(serviceDayOf('2025-03-01T15:00:00Z', MALL_UTC_OFFSETS.WIT)).toBe('2025-03-02');
    expect(serviceDayOf('2025-03-02T00:30:00+07:00', MALL_UTC_OFFSETS.WIB)).toBe('2025-03-02');
    expect(serviceDayOf('2024-12-31T17:00:00Z', MALL_UTC_OFFSETS.WIB)).toBe('2025-01-01');
    expect(() => serviceDayOf('2025-03-01T17:00:00', 420)).toThrow(RangeError);
    expect(() => serviceDayOf('2025-03-01T17:00:00Z', 7)).not.toThrow();
    expect(() => serviceDayOf('2025-03-01T17:00:00Z', 900)).toThrow(RangeError);
  });

  it('restarts the sequence at midnight WIB even though the UTC day has not changed', () => {
    const before = nextTicketSequence({ serviceDay: '2025-03-01', sequence: 41 }, '2025-03-01T16:58:00Z', 420);
    expect(before).toEqual({ serviceDay: '2025-03-01', sequence: 42 });
    const after = nextTicketSequence(before, '2025-03-01T17:01:00Z', 420);
    expect(after).toEqual({ serviceDay: '2025-03-02', sequence: 1 });
    // A server mistakenly on UTC would have continued the series.
    expect(nextTicketSequence(before, '2025-03-01T17:01:00Z', 0)).toEqual({ serviceDay: '2025-03-01', sequence: 43 });
    expect(nextTicketSequence(null, '2025-03-01T01:00:00Z', 420)).toEqual({ serviceDay: '2025-03-01', sequence: 1 });
  });
});

describe('announcements', () => {
  it('reads the digits one by one and the counter in words', () => {
    expect(announcementText('A-017', 3)).toBe('Nomor antrian A, nol, satu, tujuh, silakan menuju loket tiga');
    expect(announcementText('A-017', 12)).toBe('Nomor antrian A, nol, satu, tujuh, silakan menuju loket dua belas');
    expect(announcementText('B-100', 20)).toBe('Nomor antrian B, satu, nol, nol, silakan menuju loket dua puluh');
    expect(announcementText('C-009', 111)).toBe('Nomor antrian C, nol, nol, sembilan, silakan menuju loket seratus sebelas');
    expect(announcementText('AZ-001', 1)).toBe('Nomor antrian A, Z, nol, nol, satu, silakan menuju loket satu');
    expect(announcementText('A-1000', 5)).toBe('Nomor antrian A, satu, nol, nol, nol, silakan menuju loket lima');
    expect(() => announcementText('A17', 3)).toThrow(RangeError);
    expect(() => announcementText('A-017', 0)).toThrow(RangeError);
  });

  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [115, 'seratus lima belas'],
    [200, 'dua ratus'],
    [345, 'tiga ratus empat puluh lima'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
  ])('%i → %s', (n, words) => expect(indonesianNumberWords(n)).toBe(words));

  it('refuses numbers outside 0–999', () => {
    expect(() => indonesianNumberWords(1000)).toThrow(RangeError);
    expect(() => indonesianNumberWords(-1)).toThrow(RangeError);
    expect(() => indonesianNumberWords(2.5)).toThrow(RangeError);
  });
});
