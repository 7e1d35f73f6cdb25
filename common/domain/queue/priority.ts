import { z } from 'zod';
import { parseInstant } from './numbering';

/**
 * Priority service (UU 25/2009, README §5): vulnerable groups are served first. The law names
 * disaster victims too, so they are a category alongside the four usual ones.
 */
export const PRIORITY_CATEGORIES = ['lansia', 'disabilitas', 'ibu_hamil', 'anak', 'korban_bencana'] as const;
export type PriorityCategory = (typeof PRIORITY_CATEGORIES)[number];
export const TICKET_CATEGORIES = ['normal', ...PRIORITY_CATEGORIES] as const;
export const TicketCategorySchema = z.enum(TICKET_CATEGORIES);
export type TicketCategory = z.infer<typeof TicketCategorySchema>;

export const TICKET_CATEGORY_LABELS: Record<TicketCategory, { id: string; en: string }> = {
  normal: { id: 'Umum', en: 'General' },
  lansia: { id: 'Lansia', en: 'Elderly' },
  disabilitas: { id: 'Penyandang disabilitas', en: 'Person with disability' },
  ibu_hamil: { id: 'Ibu hamil', en: 'Pregnant woman' },
  anak: { id: 'Anak', en: 'Child' },
  korban_bencana: { id: 'Korban bencana', en: 'Disaster victim' },
};

export const isPriority = (category: TicketCategory): boolean => category !== 'normal';

/**
 * The ordering rule is local practice, so it is configuration. Options combine:
 * - ratio { priority: P, normal: N }: once P priority tickets were called in a row, the next N
 *   calls go to the normal queue if anyone is waiting there. Priority never gets more than P of
 *   every P+N calls while both queues are non-empty, so the normal queue cannot starve.
 * - max_wait { normalMaxWaitMinutes: X }: a normal ticket that has waited longer than X minutes
 *   is called ahead of every priority ticket that arrived after it. Older priority tickets still
 *   go first, so a backlog of overdue normals cannot starve priority visitors either.
 * With no option, priority is strict (starvation possible); the schema requires at least one.
 */
export const PriorityRuleOptionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ratio'), priority: z.int().min(1).max(100), normal: z.int().min(1).max(100) }),
  z.strictObject({ kind: z.literal('max_wait'), normalMaxWaitMinutes: z.number().positive().max(24 * 60) }),
]);
export type PriorityRuleOption = z.infer<typeof PriorityRuleOptionSchema>;

export const PriorityRuleSchema = z
  .array(PriorityRuleOptionSchema)
  .min(1)
  .max(2)
  .refine((opts) => new Set(opts.map((o) => o.kind)).size === opts.length, { message: 'each kind at most once' });
export type PriorityRule = PriorityRuleOption | readonly PriorityRuleOption[];

export interface WaitingTicket {
  id: string;
  category: TicketCategory;
  /** Original arrival: a transferred or parked ticket keeps it, and with it its place. */
  arrivedAt: string;
}

export interface PriorityState {
  /** Priority tickets called since the normal queue last had its turn. */
  priorityStreak: number;
  /** Normal tickets called in the current normal turn (ratio with normal > 1). */
  normalStreak?: number;
}

export const INITIAL_PRIORITY_STATE: PriorityState = { priorityStreak: 0, normalStreak: 0 };

/** Why this ticket: the counter screen can explain an out-of-order call. */
export type PickReason = 'priority' | 'normal' | 'normal_turn' | 'normal_max_wait';

export interface Pick<T extends WaitingTicket> {
  ticket: T;
  nextState: PriorityState;
  reason: PickReason;
}

interface Dated<T> {
  t: T;
  at: number;
}

function arrival(t: WaitingTicket): number {
  const ms = parseInstant(t.arrivedAt);
  if (ms === null) throw new RangeError(`Ticket ${t.id} has an invalid arrivedAt: ${t.arrivedAt}`);
  return ms;
}

/** FIFO by arrival; equal instants by id so counter and server pick the same ticket. */
function oldest<T extends WaitingTicket>(list: readonly Dated<T>[]): Dated<T> | undefined {
  let best: Dated<T> | undefined;
  for (const d of list) {
    if (!best || d.at < best.at || (d.at === best.at && d.t.id < best.t.id)) best = d;
  }
  return best;
}

function options(rule: PriorityRule): readonly PriorityRuleOption[] {
  return 'kind' in rule ? [rule] : rule;
}

/**
 * Chooses the next ticket to call, or null when nobody waits. Order of checks:
 * 1. ratio: the normal queue's turn (streak reached P) → oldest normal;
 * 2. max_wait: an overdue normal older than the oldest priority ticket → that normal;
 * 3. oldest priority ticket; 4. oldest normal ticket.
 */
export function pickNext<T extends WaitingTicket>(
  waiting: readonly T[],
  state: PriorityState,
  rule: PriorityRule,
  now: string,
): Pick<T> | null {
  const opts = options(rule);
  const ratio = opts.find((o) => o.kind === 'ratio');
  const maxWait = opts.find((o) => o.kind === 'max_wait');
  if (ratio && (!Number.isInteger(ratio.priority) || ratio.priority < 1 || !Number.isInteger(ratio.normal) || ratio.normal < 1)) {
    throw new RangeError('Ratio rule needs whole numbers ≥ 1');
  }
  if (maxWait && !(maxWait.normalMaxWaitMinutes > 0)) throw new RangeError('normalMaxWaitMinutes must be > 0');

  const dated = waiting.map((t) => ({ t, at: arrival(t) }));
  const oldestPriority = oldest(dated.filter((d) => isPriority(d.t.category)));
  const oldestNormal = oldest(dated.filter((d) => !isPriority(d.t.category)));
  if (!oldestPriority && !oldestNormal) return null;

  const priorityStreak = Math.max(0, state.priorityStreak);
  const normalStreak = Math.max(0, state.normalStreak ?? 0);
  const normalTurn = ratio !== undefined && priorityStreak >= ratio.priority;

  const pickNormal = (d: Dated<T>, reason: PickReason): Pick<T> => {
    if (ratio && normalTurn) {
      // The turn lasts N normal calls, then a new cycle starts.
      const served = normalStreak + 1;
      const nextState = served >= ratio.normal ? { priorityStreak: 0, normalStreak: 0 } : { priorityStreak, normalStreak: served };
      return { ticket: d.t, nextState, reason };
    }
    return { ticket: d.t, nextState: { priorityStreak: 0, normalStreak: 0 }, reason };
  };

  if (oldestNormal && normalTurn) return pickNormal(oldestNormal, 'normal_turn');

  if (oldestNormal && maxWait) {
    const nowMs = parseInstant(now);
    if (nowMs === null) throw new RangeError(`Not an ISO instant with a zone: ${now}`);
    const overdue = nowMs - oldestNormal.at > maxWait.normalMaxWaitMinutes * 60_000;
    if (overdue && (!oldestPriority || oldestNormal.at < oldestPriority.at)) return pickNormal(oldestNormal, 'normal_max_wait');
  }

  if (oldestPriority) {
    return { ticket: oldestPriority.t, nextState: { priorityStreak: priorityStreak + 1, normalStreak }, reason: 'priority' };
  }
  // Only normals wait: serving one means the normal queue is not being starved; reset.
  return oldestNormal ? pickNormal(oldestNormal, 'normal') : null;
}
