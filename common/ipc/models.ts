import { z } from 'zod';
import { RoleSchema } from '../domain/roles';
import { id } from './limits';

export const OfficerSchema = z.object({
  id,
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
});
export type Officer = z.infer<typeof OfficerSchema>;

export const SessionSchema = z.object({
  officer: OfficerSchema,
  /** 'server' when the central server verified the password, 'offline' for the cached verifier. */
  mode: z.enum(['server', 'offline']),
  signedInAt: z.string(),
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
  counterId: z.string().nullable(),
  counterName: z.string().nullable(),
  /** The services the officer serves at this counter today; null = all of the agency's. */
  counterServiceIds: z.array(z.string()).nullable(),
});
export type Session = z.infer<typeof SessionSchema>;

export const ConnectionStateSchema = z.enum(['online', 'offline', 'syncing', 'error']);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const StatusSchema = z.object({
  connection: ConnectionStateSchema,
  serverUrl: z.string().nullable(),
  pendingChanges: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  officerName: z.string().nullable(),
  counterName: z.string().nullable(),
});
export type Status = z.infer<typeof StatusSchema>;

export const LocaleSchema = z.enum(['id', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const AgencySchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  /** ISO weekdays the unit serves (1 = Monday … 7 = Sunday); absent → Monday–Friday. Used for due dates. */
  serviceWeekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
});
export type Agency = z.infer<typeof AgencySchema>;

export const CounterSchema = z.object({ id, agencyId: id, name: z.string(), number: z.number().int() });
export type Counter = z.infer<typeof CounterSchema>;

export const ServiceSchema = z.object({ id, agencyId: id, code: z.string(), name: z.string() });
export type Service = z.infer<typeof ServiceSchema>;

export const CatalogSchema = z.object({
  mallName: z.string(),
  agencies: z.array(AgencySchema),
  services: z.array(ServiceSchema),
  counters: z.array(CounterSchema),
});
export type Catalog = z.infer<typeof CatalogSchema>;
