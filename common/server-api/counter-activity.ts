/**
 * Counter sessions and pauses as the server syncs them to supervisors' installations (entities
 * `counter_session`, `counter_pause`, scope SUPERVISOR_SCOPE, which only supervisors and admins
 * pull; the front desk reads every agency but not this): the officer productivity figures of
 * the supervisor's dashboard. A pause's free-text note stays on the server. Versions: 1 while
 * open, 2 once closed/ended.
 */
import { z } from 'zod';
import { QueuePauseReasonSchema } from './queue';

export const COUNTER_SESSION_ENTITY = 'counter_session';
export const COUNTER_PAUSE_ENTITY = 'counter_pause';
/** A change-log scope no agency id can equal: officers (agency-scoped) never pull it. */
export const SUPERVISOR_SCOPE = '~supervisor';

const instant = z.string().min(10).max(40);

export const CounterSessionRecordSchema = z.object({
  id: z.string().min(1).max(64),
  counterId: z.string().min(1).max(64),
  officerId: z.string().min(1).max(64),
  officerName: z.string().max(200).nullable(),
  openedAt: instant,
  closedAt: instant.nullable(),
  version: z.number().int().positive(),
});
export type CounterSessionRecord = z.infer<typeof CounterSessionRecordSchema>;

export const CounterPauseRecordSchema = z.object({
  id: z.string().min(1).max(64),
  counterId: z.string().min(1).max(64),
  officerId: z.string().min(1).max(64),
  reason: QueuePauseReasonSchema,
  startedAt: instant,
  endedAt: instant.nullable(),
  version: z.number().int().positive(),
});
export type CounterPauseRecord = z.infer<typeof CounterPauseRecordSchema>;
