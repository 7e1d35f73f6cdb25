/**
 * The sync engine's view of counter sessions and pauses (entities `counter_session`,
 * `counter_pause`; server/src/queue/counter-activity.ts): pulled only by installations that read
 * every agency (supervisor, admin, front desk) and written straight into the dashboard's
 * supervisor_counter_sessions / _pauses in the pull's transaction. No local intents, no digest.
 * The local version is derived (1 open, 2 closed), so a late copy never reopens a closed row.
 */
import type { Knex } from 'knex';
import {
  COUNTER_PAUSE_ENTITY,
  COUNTER_SESSION_ENTITY,
  CounterPauseRecordSchema,
  CounterSessionRecordSchema,
  type CounterPauseRecord,
  type CounterSessionRecord,
} from '../../common/server-api/counter-activity';
import { selectIn } from '../sync/bulk';
import type { ClientEntity, ConfirmedRecord } from '../sync/entities';

interface Table {
  name: string;
  entity: string;
  /** The column whose NULL means "still open". */
  openColumn: string;
  parse(data: unknown): ConfirmedRecord | null;
  row(r: ConfirmedRecord): Record<string, unknown>;
}

const sessions: Table = {
  name: 'supervisor_counter_sessions',
  entity: COUNTER_SESSION_ENTITY,
  openColumn: 'closed_at',
  parse: (data) => {
    const r = CounterSessionRecordSchema.safeParse(data);
    return r.success ? r.data : null;
  },
  row: (rec) => {
    const s = rec as CounterSessionRecord;
    return { id: s.id, counter_id: s.counterId, officer_id: s.officerId, officer_name: s.officerName, opened_at: s.openedAt, closed_at: s.closedAt };
  },
};

const pauses: Table = {
  name: 'supervisor_counter_pauses',
  entity: COUNTER_PAUSE_ENTITY,
  openColumn: 'ended_at',
  parse: (data) => {
    const r = CounterPauseRecordSchema.safeParse(data);
    return r.success ? r.data : null;
  },
  row: (rec) => {
    const p = rec as CounterPauseRecord;
    return { id: p.id, counter_id: p.counterId, officer_id: p.officerId, reason: p.reason, started_at: p.startedAt, ended_at: p.endedAt };
  },
};

function clientEntity(t: Table): ClientEntity {
  const versionSql = `CASE WHEN ${t.openColumn} IS NULL THEN 1 ELSE 2 END AS version`;
  return {
    name: t.entity,
    kinds: [],
    digest: false,
    parse: t.parse,
    async upsert(trx, records) {
      for (let i = 0; i < records.length; i += 100) {
        await trx(t.name)
          .insert(records.slice(i, i + 100).map(t.row))
          .onConflict('id')
          .merge();
      }
    },
    async remove(trx, ids) {
      await selectIn(ids, async (chunk) => {
        await trx(t.name).whereIn('id', chunk).delete();
        return [];
      });
    },
    async versions(trx, ids) {
      const rows = await selectIn(ids, (chunk) => trx(t.name).whereIn('id', chunk).select('id', trx.raw(versionSql)) as Promise<{ id: string; version: number }[]>);
      return new Map(rows.map((r) => [r.id, Number(r.version)]));
    },
    async confirmed(trx: Knex.Transaction) {
      const rows = (await trx(t.name).select('id', trx.raw(versionSql))) as { id: string; version: number }[];
      return rows.map((r) => ({ id: r.id, version: Number(r.version) }));
    },
    targetOf: () => null,
    applyLocal: async () => undefined,
    removeLocalOnly: async () => undefined,
  };
}

export const counterSessionClientEntity = clientEntity(sessions);
export const counterPauseClientEntity = clientEntity(pauses);
