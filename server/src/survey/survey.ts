/**
 * The server side of the SKM survey: anonymous answers arrive as 'survey.submit' intents and
 * are kept with the service, its agency and the DAY only (no officer, counter, ticket,
 * applicant or time of day), then pulled by the supervisors' installations.
 */
import { SKM_ELEMENT_IDS } from '../../../common/domain/skm/elements';
import { SKM_ENTITY, SurveySubmitIntentSchema, type SkmRecord } from '../../../common/ipc/channels/supervisor';
import type { EntityDef, IntentHandler } from '../sync/intents';

export const SKM_COLUMNS = ['id', 'agency_id', 'service_id', 'service_day', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'suggestion', 'sex', 'age_group', 'education', 'occupation', 'version'] as const;

type Answer = 1 | 2 | 3 | 4 | null;
const answer = (v: unknown): Answer => {
  const n = Number(v);
  return v === null || v === undefined ? null : n === 1 || n === 2 || n === 3 || n === 4 ? n : null;
};
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export const skmEntity: EntityDef<SkmRecord> = {
  name: SKM_ENTITY,
  table: 'skm_responses',
  columns: SKM_COLUMNS,
  toRow: (r) => [r.id, r.agencyId, r.serviceId, r.day, ...SKM_ELEMENT_IDS.map((e) => r.answers[e]), r.suggestion, r.sex, r.ageGroup, r.education, r.occupation, r.version],
  fromRow: (row) => ({
    id: String(row.id),
    agencyId: String(row.agency_id),
    serviceId: String(row.service_id),
    day: String(row.service_day),
    answers: Object.fromEntries(SKM_ELEMENT_IDS.map((e, i) => [e, answer(row[`u${i + 1}`])])) as SkmRecord['answers'],
    suggestion: text(row.suggestion),
    sex: text(row.sex),
    ageGroup: text(row.age_group),
    education: text(row.education),
    occupation: text(row.occupation),
    version: Number(row.version),
  }),
  scopeOf: (r) => r.agencyId,
  scopeColumn: 'agency_id',
  versionOf: (r) => r.version,
  // The push keeps no officer, installation or time of day for an answer (server/src/sync/push.ts).
  anonymous: true,
};

const reject = (code: string, message: string, messageEn: string) => ({ ok: false as const, code, message, messageEn });

/** Any signed-in installation may submit (the kiosk runs under the counter's session); answers are never edited. */
export const surveySubmit: IntentHandler<typeof SurveySubmitIntentSchema> = {
  kind: 'survey.submit',
  schema: SurveySubmitIntentSchema,
  target: (p) => ({ entity: SKM_ENTITY, id: p.id }),
  apply(ctx, p) {
    const service = ctx.services.get(p.serviceId);
    if (!service) return reject('UNKNOWN_SERVICE', 'Layanan tidak ditemukan di server.', 'The service does not exist on the server.');
    if (service.agencyId !== p.agencyId) return reject('SERVICE_AGENCY_MISMATCH', 'Layanan ini bukan milik instansi tersebut.', 'The service does not belong to that agency.');
    if (!SKM_ELEMENT_IDS.some((e) => p.answers[e] !== null)) return reject('VALIDATION', 'Survei tanpa jawaban.', 'A survey without answers.');
    if (ctx.get(SKM_ENTITY, p.id)) return reject('ALREADY_EXISTS', 'Jawaban survei ini sudah ada di server.', 'This survey answer already exists on the server.');
    return { ok: true, put: { ...p, version: 1 } };
  },
};
