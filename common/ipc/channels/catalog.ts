/**
 * Service standard channels (spread into common/ipc/contract.ts): the counter's cached copy of
 * the server's versioned standards; supervisors and admins save a new version on the server.
 */
import { z } from 'zod';
import { ServiceStandardInputSchema, ServiceStandardSchema } from '../../catalog/standard';
import { id } from '../limits';
import type { Access } from '../contract-types';

const empty = z.object({}).strict();
const editors: Access = ['supervisor', 'admin'];

export const catalogChannels = {
  /** The latest standard of every service, and the holiday calendar version in use. */
  'catalog.standards': {
    input: empty,
    output: z.object({ standards: z.array(ServiceStandardSchema), calendarVersion: z.string() }),
    access: 'session',
  },
  /** One service's standard; `version` for the one an application was filed under. */
  'catalog.standard': {
    input: z.object({ serviceId: id, version: z.number().int().min(1).max(1_000_000).optional() }).strict(),
    output: ServiceStandardSchema,
    access: 'session',
  },
  'catalog.saveStandard': {
    input: z.object({ serviceId: id, baseVersion: z.number().int().min(0).max(1_000_000), standard: ServiceStandardInputSchema }).strict(),
    output: ServiceStandardSchema,
    access: editors,
  },
} as const;
