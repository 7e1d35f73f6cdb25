/**
 * The SKM survey (PermenPANRB No. 14 Tahun 2017) on this installation: the kiosk form, the
 * anonymous answers (stored with the service and the DAY only, see 005_supervisor), their sync
 * as 'survey.submit' intents written in the same transaction as the row, and the IKM report
 * per service, agency and the whole mall with the Krejcie–Morgan minimum sample.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { computeIkm, minimumSample, type IkmResult, type SkmAnswers } from '../../common/domain/skm/skm';
import { SKM_ELEMENT_IDS, type SkmElementId } from '../../common/domain/skm/elements';
import { localDateOf } from '../../common/domain/calendar/local-date';
import { LoketError } from '../../common/ipc/result';
import {
  SKM_ENTITY,
  SkmRecordSchema,
  SurveySubmitIntentSchema,
  type IkmRow,
  type SkmRecord,
  type SkmReport,
  type SurveyForm,
  type SurveySubmitInput,
  type SurveySubmitIntent,
} from '../../common/ipc/channels/supervisor';
import { bulkUpsert, selectIn } from '../sync/bulk';
import type { ClientEntity, PendingIntent } from '../sync/entities';
import { enqueue } from '../sync/outbox';

const TABLE = 'skm_responses';
const COLUMNS = ['id', 'agency_id', 'service_id', 'service_day', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'suggestion', 'sex', 'age_group', 'education', 'occupation', 'version'] as const;

export interface SkmRow {
  id: string;
  agency_id: string;
  service_id: string;
  service_day: string;
  u1: number | null;
  u2: number | null;
  u3: number | null;
  u4: number | null;
  u5: number | null;
  u6: number | null;
  u7: number | null;
  u8: number | null;
  u9: number | null;
  suggestion: string | null;
}

const toValues = (r: SkmRecord): unknown[] => [
  r.id,
  r.agencyId,
  r.serviceId,
  r.day,
  ...SKM_ELEMENT_IDS.map((e) => r.answers[e]),
  r.suggestion,
  r.sex,
  r.ageGroup,
  r.education,
  r.occupation,
  r.version,
];

export function answersOf(row: SkmRow): SkmAnswers {
  const out: SkmAnswers = {};
  SKM_ELEMENT_IDS.forEach((e, i) => {
    const v = row[`u${i + 1}` as keyof SkmRow];
    if (v === 1 || v === 2 || v === 3 || v === 4) out[e] = v;
  });
  return out;
}

async function applyLocal(trx: Knex.Transaction, intent: PendingIntent): Promise<void> {
  if (intent.kind !== 'survey.submit') return;
  const p = SurveySubmitIntentSchema.safeParse(intent.payload);
  if (!p.success) return;
  if (await trx(TABLE).where({ id: p.data.id }).first('id')) return;
  await bulkUpsert(trx, TABLE, COLUMNS, [toValues({ ...p.data, version: 0 })]);
}

/** The sync engine's view of survey answers (pushes 'survey.submit', pulls the mall's answers). */
const skmEntityImpl = {
  name: SKM_ENTITY,
  kinds: ['survey.submit'],
  parse(data) {
    const r = SkmRecordSchema.safeParse(data);
    return r.success && r.data.version > 0 ? r.data : null;
  },
  async upsert(trx, records) {
    await bulkUpsert(trx, TABLE, COLUMNS, (records as SkmRecord[]).map(toValues));
  },
  async remove(trx, ids) {
    await selectIn(ids, async (chunk) => {
      await trx(TABLE).whereIn('id', chunk).delete();
      return [];
    });
  },
  async versions(trx, ids) {
    const rows = await selectIn(ids, (chunk) => trx(TABLE).whereIn('id', chunk).select('id', 'version') as Promise<{ id: string; version: number }[]>);
    return new Map(rows.map((r) => [r.id, Number(r.version)]));
  },
  async confirmed(trx) {
    return ((await trx(TABLE).where('version', '>', 0).select('id', 'version')) as { id: string; version: number }[]).map((r) => ({ id: r.id, version: Number(r.version) }));
  },
  targetOf(kind, payload) {
    return kind === 'survey.submit' && typeof payload.id === 'string' ? payload.id : null;
  },
  applyLocal: (trx, intent) => applyLocal(trx, intent),
  async removeLocalOnly(trx, id) {
    await trx(TABLE).where({ id, version: 0 }).delete();
  },
} satisfies Omit<ClientEntity, 'kinds'> & { kinds: readonly string[] };
export const skmClientEntity: ClientEntity = skmEntityImpl;

export interface SurveyDeps {
  db: Knex;
  now: () => Date;
  /** Mall UTC offset in minutes (the service day of an answer). */
  utcOffsetMinutes: () => Promise<number>;
  /** The counter's services (default service of its kiosk), when a counter is open. */
  counterServiceIds?: () => Promise<readonly string[]>;
  /** Called after a committed answer (kicks the sync engine). */
  onWrite: () => void;
}

const elementsOf = (r: IkmResult): IkmRow['elements'] =>
  Object.fromEntries(SKM_ELEMENT_IDS.map((e) => [e, r.elements[e].nrr])) as Record<SkmElementId, number | null>;

export class SurveyService {
  constructor(private readonly d: SurveyDeps) {}

  private async mallName(): Promise<string> {
    const row = (await this.d.db('settings').where({ key: 'mallName' }).first('value')) as { value: string } | undefined;
    return row?.value ?? 'Mal Pelayanan Publik';
  }

  async form(): Promise<SurveyForm> {
    const rows = (await this.d
      .db('services as s')
      .join('agencies as a', 'a.id', 's.agency_id')
      .select('s.id', 's.name', 's.agency_id', 'a.name as agency_name')
      .orderBy([{ column: 'a.name' }, { column: 's.name' }])) as { id: string; name: string; agency_id: string; agency_name: string }[];
    const counterServices = (await this.d.counterServiceIds?.()) ?? [];
    const def = counterServices.find((id) => rows.some((r) => r.id === id)) ?? null;
    return {
      mallName: await this.mallName(),
      services: rows.map((r) => ({ id: r.id, name: r.name, agencyId: r.agency_id, agencyName: r.agency_name })),
      defaultServiceId: def,
    };
  }

  /** Stores one anonymous answer and its sync intent in one transaction. */
  async submit(input: SurveySubmitInput): Promise<{ saved: true }> {
    const service = (await this.d.db('services').where({ id: input.serviceId }).first('agency_id')) as { agency_id: string } | undefined;
    if (!service) throw new LoketError('NOT_FOUND', 'Layanan tidak ditemukan.', 'Service not found.', { field: 'serviceId' });
    const day = localDateOf(this.d.now(), await this.d.utcOffsetMinutes());
    const suggestion = input.suggestion?.trim() ? input.suggestion.trim() : null;
    const intent: SurveySubmitIntent = {
      id: randomUUID(),
      agencyId: service.agency_id,
      serviceId: input.serviceId,
      day,
      answers: Object.fromEntries(SKM_ELEMENT_IDS.map((e) => [e, input.answers[e] ?? null])) as SurveySubmitIntent['answers'],
      suggestion,
      sex: input.profile?.sex ?? null,
      ageGroup: input.profile?.ageGroup ?? null,
      education: input.profile?.education ?? null,
      occupation: input.profile?.occupation ?? null,
    };
    await this.d.db.transaction(async (trx) => {
      // The outbox entry carries the day, not the time: the pending-changes list must not
      // reveal when (so after which visitor) an answer was given.
      const entryId = await enqueue(trx, 'survey.submit', intent, `${day}T00:00:00.000Z`);
      await applyLocal(trx, { id: entryId, kind: 'survey.submit', payload: intent });
    });
    this.d.onWrite();
    return { saved: true };
  }

  /** IKM per service, agency and the whole mall for a date range (service days). */
  async report(from: string, to: string): Promise<SkmReport> {
    const db = this.d.db;
    const [rows, served, services, agencies] = await Promise.all([
      db(TABLE).whereBetween('service_day', [from, to]).select('agency_id', 'service_id', 'service_day', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'suggestion') as Promise<SkmRow[]>,
      db('supervisor_ticket_facts').whereBetween('service_day', [from, to]).where('status', 'done').select('service_id').count({ n: '*' }).groupBy('service_id') as Promise<
        { service_id: string; n: number }[]
      >,
      db('services').select('id', 'name', 'agency_id') as Promise<{ id: string; name: string; agency_id: string }[]>,
      db('agencies').select('id', 'name') as Promise<{ id: string; name: string }[]>,
    ]);
    const serviceInfo = new Map(services.map((s) => [s.id, s]));
    const population = new Map(served.map((r) => [r.service_id, Number(r.n)]));
    const byService = new Map<string, { answers: SkmAnswers }[]>();
    const byAgency = new Map<string, { answers: SkmAnswers }[]>();
    const all: { answers: SkmAnswers }[] = [];
    for (const r of rows) {
      const resp = { answers: answersOf(r) };
      all.push(resp);
      const sl = byService.get(r.service_id) ?? [];
      sl.push(resp);
      byService.set(r.service_id, sl);
      const list = byAgency.get(r.agency_id) ?? [];
      list.push(resp);
      byAgency.set(r.agency_id, list);
    }
    const row = (level: IkmRow['level'], id: string, name: string, agencyId: string | null, resp: { answers: SkmAnswers }[], pop: number): IkmRow => {
      const r = computeIkm(resp);
      return {
        level,
        id,
        name,
        agencyId,
        respondents: r.respondents,
        population: pop,
        minimumSample: minimumSample(pop),
        elements: elementsOf(r),
        ikm: r.ikm,
        grade: r.grade?.grade ?? null,
        missingElements: r.missingElements,
      };
    };
    const agencyPop = new Map<string, number>();
    for (const [sid, n] of population) {
      const a = serviceInfo.get(sid)?.agency_id;
      if (a) agencyPop.set(a, (agencyPop.get(a) ?? 0) + n);
    }
    const out: IkmRow[] = [row('mall', 'mall', await this.mallName(), null, all, [...population.values()].reduce((s, n) => s + n, 0))];
    for (const a of agencies) {
      if (!byAgency.has(a.id) && !agencyPop.has(a.id)) continue;
      out.push(row('agency', a.id, a.name, a.id, byAgency.get(a.id) ?? [], agencyPop.get(a.id) ?? 0));
    }
    for (const s of services) {
      if (!byService.has(s.id) && !population.has(s.id)) continue;
      out.push(row('service', s.id, s.name, s.agency_id, byService.get(s.id) ?? [], population.get(s.id) ?? 0));
    }
    const suggestions = rows
      .filter((r) => r.suggestion)
      .map((r) => ({ serviceName: serviceInfo.get(r.service_id)?.name ?? r.service_id, day: r.service_day, text: r.suggestion ?? '' }))
      // By day and text, never by insertion order (which would follow the visitors' order).
      .sort((a, b) => b.day.localeCompare(a.day) || a.text.localeCompare(b.text))
      .slice(0, 500);
    return { mallName: await this.mallName(), from, to, rows: out, suggestions };
  }
}
