/** Read models: front-desk overview, display board, and the public queue status (no personal data). */
import type { Knex } from 'knex';
import { serviceDayOf } from '../../../common/domain/queue/numbering';
import type { BoardResponse, OverviewResponse, PublicQueueStatus } from '../../../common/server-api/queue';
import { getMallName } from '../settings/settings-repo';
import { dayStartIso, loadQueueSettings, loadServiceConfigs } from './config';

interface WaitingAgg {
  service_id: string;
  waiting: number | string;
  priority_waiting: number | string;
  oldest: string | null;
}

async function waitingByService(db: Knex, day: string): Promise<Map<string, WaitingAgg>> {
  const rows = (await db('tickets')
    .where({ service_day: day, status: 'waiting' })
    .groupBy('service_id')
    .select('service_id', db.raw('count(*) as waiting'), db.raw("sum(case when category <> 'normal' then 1 else 0 end) as priority_waiting"), db.raw('min(arrived_at) as oldest'))) as WaitingAgg[];
  return new Map(rows.map((r) => [r.service_id, r]));
}

export async function loadOverview(db: Knex, nowIso: string): Promise<OverviewResponse> {
  const settings = await loadQueueSettings(db);
  const day = serviceDayOf(nowIso, settings.utcOffsetMinutes);
  const [configs, agg] = await Promise.all([loadServiceConfigs(db), waitingByService(db, day)]);
  return {
    serviceDay: day,
    at: nowIso,
    services: configs.map((c) => {
      const a = agg.get(c.serviceId);
      return {
        serviceId: c.serviceId,
        agencyId: c.agencyId,
        prefix: c.prefix,
        waiting: Number(a?.waiting ?? 0),
        priorityWaiting: Number(a?.priority_waiting ?? 0),
        oldestArrivedAt: a?.oldest ?? null,
      };
    }),
  };
}

interface CallRow {
  display_number: string;
  counter_name: string;
  counter_number: number | string;
  at: string;
  service_id: string;
}

async function lastCalls(db: Knex, day: string, offset: number, limit: number): Promise<CallRow[]> {
  return (await db('ticket_events as e')
    .join('tickets as t', 't.id', 'e.ticket_id')
    .join('counters as c', 'c.id', 'e.counter_id')
    .whereIn('e.event', ['call', 'recall'])
    .where('e.at', '>=', dayStartIso(day, offset))
    .orderBy([{ column: 'e.at', order: 'desc' }, { column: 'e.id', order: 'desc' }])
    .limit(limit)
    .select('t.display_number', 'c.name as counter_name', 'c.number as counter_number', 'e.at', 't.service_id')) as CallRow[];
}

export async function loadBoard(db: Knex, nowIso: string): Promise<BoardResponse> {
  const settings = await loadQueueSettings(db);
  const day = serviceDayOf(nowIso, settings.utcOffsetMinutes);
  const [mallName, serving, calls, agg, services] = await Promise.all([
    getMallName(db),
    db('tickets as t')
      .join('counters as c', 'c.id', 't.counter_id')
      .where('t.service_day', day)
      .whereIn('t.status', ['called', 'serving'])
      .orderBy('c.number')
      .select('c.id as counter_id', 'c.name as counter_name', 'c.number as counter_number', 't.display_number', 't.status') as Promise<
      { counter_id: string; counter_name: string; counter_number: number | string; display_number: string; status: 'called' | 'serving' }[]
    >,
    lastCalls(db, day, settings.utcOffsetMinutes, 10),
    waitingByService(db, day),
    db('services as s').join('agencies as a', 'a.id', 's.agency_id').orderBy(['a.name', 's.name']).select('s.id', 's.name', 'a.name as agency_name') as Promise<
      { id: string; name: string; agency_name: string }[]
    >,
  ]);
  return {
    mallName,
    serving: serving.map((s) => ({ counterId: s.counter_id, counterName: s.counter_name, counterNumber: Number(s.counter_number), ticketNumber: s.display_number, status: s.status })),
    lastCalls: calls.map((c) => ({ ticketNumber: c.display_number, counterName: c.counter_name, counterNumber: Number(c.counter_number), at: c.at })),
    waiting: services.map((s) => ({ serviceId: s.id, agencyName: s.agency_name, serviceName: s.name, waiting: Number(agg.get(s.id)?.waiting ?? 0) })),
  };
}

/** Counts and numbers only: a ticket row has no name, NIK or phone, and none is selected here. */
export async function loadPublicStatus(db: Knex, nowIso: string): Promise<PublicQueueStatus> {
  const settings = await loadQueueSettings(db);
  const day = serviceDayOf(nowIso, settings.utcOffsetMinutes);
  const [mallName, configs, agg, calls, names, lastPerService] = await Promise.all([
    getMallName(db),
    loadServiceConfigs(db),
    waitingByService(db, day),
    lastCalls(db, day, settings.utcOffsetMinutes, 10),
    db('services as s').join('agencies as a', 'a.id', 's.agency_id').select('s.id', 's.name', 'a.name as agency_name') as Promise<{ id: string; name: string; agency_name: string }[]>,
    db('tickets')
      .where({ service_day: day })
      .whereNotNull('called_at')
      .groupBy('service_id')
      .select('service_id', db.raw('max(called_at) as last_at')) as Promise<{ service_id: string; last_at: string }[]>,
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const lastNumber = new Map<string, string>();
  if (lastPerService.length) {
    const rows = (await db('tickets')
      .where({ service_day: day })
      .where((w) => {
        for (const l of lastPerService) w.orWhere((x) => x.where({ service_id: l.service_id, called_at: l.last_at }));
      })
      .select('service_id', 'display_number')) as { service_id: string; display_number: string }[];
    for (const r of rows) lastNumber.set(r.service_id, r.display_number);
  }
  return {
    mallName,
    serviceDay: day,
    at: nowIso,
    services: configs.map((c) => ({
      agencyName: nameOf.get(c.serviceId)?.agency_name ?? '',
      serviceName: nameOf.get(c.serviceId)?.name ?? '',
      prefix: c.prefix,
      waiting: Number(agg.get(c.serviceId)?.waiting ?? 0),
      lastCalled: lastNumber.get(c.serviceId) ?? null,
    })),
    lastCalls: calls.map((c) => ({ ticketNumber: c.display_number, counterName: c.counter_name, at: c.at })),
  };
}
