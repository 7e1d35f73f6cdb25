/** Queue settings of the mall (settings table) and per-service queue configuration. */
import type { Knex } from 'knex';
import { PriorityRuleSchema, type PriorityRule } from '../../../common/domain/queue/priority';
import { MALL_UTC_OFFSETS } from '../../../common/domain/queue/numbering';
import type { QueueConfig, QueueServiceConfig } from '../../../common/server-api/queue';
import type { ServiceRow, SettingRow } from '../db/rows';
import type { QueueServiceRow } from './rows';

export const QUEUE_SETTING_KEYS = {
  allowCallOutOfOrder: 'queue.allow_call_out_of_order',
  minRecallsBeforeNoShow: 'queue.min_recalls_before_no_show',
  priorityRule: 'queue.priority_rule',
} as const;

const DEFAULT_RULE: PriorityRule = [
  { kind: 'ratio', priority: 2, normal: 1 },
  { kind: 'max_wait', normalMaxWaitMinutes: 45 },
];

/** Indonesia's zones by IANA name; anything unknown is read as WIB. */
export function utcOffsetForTimezone(tz: string | null): number {
  switch (tz) {
    case 'Asia/Makassar':
      return MALL_UTC_OFFSETS.WITA;
    case 'Asia/Jayapura':
      return MALL_UTC_OFFSETS.WIT;
    default:
      return MALL_UTC_OFFSETS.WIB;
  }
}

export interface QueueSettings {
  utcOffsetMinutes: number;
  allowCallOutOfOrder: boolean;
  minRecallsBeforeNoShow: number;
  priorityRule: PriorityRule;
}

export async function loadQueueSettings(db: Knex): Promise<QueueSettings> {
  const rows = await db<SettingRow>('settings').whereIn('key', [...Object.values(QUEUE_SETTING_KEYS), 'timezone']);
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const min = Number(map.get(QUEUE_SETTING_KEYS.minRecallsBeforeNoShow));
  let rule: PriorityRule = DEFAULT_RULE;
  try {
    const parsed = PriorityRuleSchema.safeParse(JSON.parse(map.get(QUEUE_SETTING_KEYS.priorityRule) ?? 'null'));
    if (parsed.success) rule = parsed.data;
  } catch {
    rule = DEFAULT_RULE;
  }
  return {
    utcOffsetMinutes: utcOffsetForTimezone(map.get('timezone') ?? null),
    allowCallOutOfOrder: map.get(QUEUE_SETTING_KEYS.allowCallOutOfOrder) === 'true',
    minRecallsBeforeNoShow: Number.isInteger(min) && min >= 0 && min <= 10 ? min : 2,
    priorityRule: rule,
  };
}

/** A service without a queue row gets the first letter of its agency code as prefix. */
export async function loadServiceConfigs(db: Knex): Promise<QueueServiceConfig[]> {
  const rows = (await db<ServiceRow>('services as s')
    .leftJoin('queue_services as q', 'q.service_id', 's.id')
    .join('agencies as a', 'a.id', 's.agency_id')
    .select('s.id as service_id', 's.agency_id', 'a.code as agency_code', 'q.prefix', 'q.daily_quota', 'q.open_from', 'q.open_until')
    .orderBy('s.id')) as unknown as (Partial<QueueServiceRow> & { service_id: string; agency_id: string; agency_code: string })[];
  return rows.map((r) => ({
    serviceId: r.service_id,
    agencyId: r.agency_id,
    prefix: r.prefix ?? fallbackPrefix(r.agency_code),
    dailyQuota: r.daily_quota === null || r.daily_quota === undefined ? null : Number(r.daily_quota),
    openFrom: r.open_from ?? null,
    openUntil: r.open_until ?? null,
  }));
}

export function fallbackPrefix(agencyCode: string): string {
  const letter = agencyCode.toUpperCase().replace(/[^A-Z]/g, '').charAt(0);
  return letter || 'A';
}

export async function loadServiceConfig(db: Knex, serviceId: string): Promise<QueueServiceConfig | null> {
  const row = (await db('services as s')
    .leftJoin('queue_services as q', 'q.service_id', 's.id')
    .join('agencies as a', 'a.id', 's.agency_id')
    .where('s.id', serviceId)
    .first('s.id as service_id', 's.agency_id', 'a.code as agency_code', 'q.prefix', 'q.daily_quota', 'q.open_from', 'q.open_until')) as
    | (Partial<QueueServiceRow> & { service_id: string; agency_id: string; agency_code: string })
    | undefined;
  if (!row) return null;
  return {
    serviceId: row.service_id,
    agencyId: row.agency_id,
    prefix: row.prefix ?? fallbackPrefix(row.agency_code),
    dailyQuota: row.daily_quota === null || row.daily_quota === undefined ? null : Number(row.daily_quota),
    openFrom: row.open_from ?? null,
    openUntil: row.open_until ?? null,
  };
}

export async function loadQueueConfig(db: Knex): Promise<QueueConfig> {
  const [settings, services] = await Promise.all([loadQueueSettings(db), loadServiceConfigs(db)]);
  return { ...settings, priorityRule: [...('kind' in settings.priorityRule ? [settings.priorityRule] : settings.priorityRule)], services };
}

/** 'HH:MM' of an instant in the mall's zone. */
export function localClock(iso: string, offsetMinutes: number): string {
  return new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(11, 16);
}

/** The UTC instant at which a service day starts in the mall's zone. */
export function dayStartIso(serviceDay: string, offsetMinutes: number): string {
  return new Date(Date.parse(`${serviceDay}T00:00:00.000Z`) - offsetMinutes * 60_000).toISOString();
}
