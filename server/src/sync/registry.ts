/** The entities and intents the server syncs. Add an entity module here to sync it. */
import type { z } from 'zod';
import { applicationCreate, applicationEntity, applicationSetStatus } from '../applications/applications';
import type { EntityDef, EntityRecord, IntentHandler } from './intents';
import { applicationRegister, applicationUpdate } from '../applications/workflow';
import { skmEntity, surveySubmit } from '../survey/survey';
import { ticketEntity } from '../queue/sync-entity';
import { counterPauseEntity, counterSessionEntity } from '../queue/counter-activity';

export const ENTITIES: ReadonlyMap<string, EntityDef<EntityRecord>> = new Map<string, EntityDef<EntityRecord>>([
  [applicationEntity.name, applicationEntity as unknown as EntityDef<EntityRecord>],
  [skmEntity.name, skmEntity as unknown as EntityDef<EntityRecord>],
  // Queue tickets: written by the queue itself (server/src/queue/change-log.ts), scope = agency.
  [ticketEntity.name, ticketEntity as unknown as EntityDef<EntityRecord>],
  // Counter sessions and pauses: written by the queue (server/src/queue/counter-activity.ts), scope = supervisors only.
  [counterSessionEntity.name, counterSessionEntity as unknown as EntityDef<EntityRecord>],
  [counterPauseEntity.name, counterPauseEntity as unknown as EntityDef<EntityRecord>],
]);

export const INTENTS: ReadonlyMap<string, IntentHandler<z.ZodType>> = new Map<string, IntentHandler<z.ZodType>>(
  [applicationCreate, applicationSetStatus, applicationRegister, applicationUpdate, surveySubmit].map((h) => [h.kind, h as unknown as IntentHandler<z.ZodType>]),
);

export const ENTITY_NAMES: readonly string[] = [...ENTITIES.keys()];

/** The entities whose digest the last pull page carries. */
export const DIGEST_ENTITY_NAMES: readonly string[] = [...ENTITIES.values()].filter((e) => e.digest !== false).map((e) => e.name);
