/** The mall catalog for counters, and per-agency reads (agency-scoped). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_PREFIX } from '../../../common/server-api/auth';
import { CatalogSchema, type Agency, type Counter } from '../../../common/ipc/models';
import { id } from '../../../common/ipc/limits';
import type { ServerContext } from '../http/context';
import { notFound } from '../http/errors';
import { parseInput } from '../http/validate';
import { findAgencyById, listCounters, loadCatalog } from './catalog-repo';
import { loadStandardsResponse, saveCalendar, saveStandard, standardVersion } from './standards-repo';
import { PutStandardRequestSchema, ServiceStandardSchema, StandardsResponseSchema } from '../../../common/catalog/standard';
import { HolidayCalendarSchema } from '../../../common/domain/calendar/working-days';
import { requireOfficer } from '../auth/guard';

const AgencyParamsSchema = z.object({ agencyId: id }).strict();
const ServiceParamsSchema = z.object({ serviceId: id }).strict();
const VersionParamsSchema = z.object({ serviceId: id, version: z.coerce.number().int().min(1).max(1_000_000) }).strict();

export interface AgencyCountersResponse {
  agency: Agency;
  counters: Counter[];
}

export function registerCatalogRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db, guard } = ctx;

  app.get(`${API_PREFIX}/catalog`, { onRequest: guard.authenticate }, async () => CatalogSchema.parse(await loadCatalog(db)));

  // Service standards: every signed-in role reads them; supervisors and admins edit (a new version each time).
  app.get(`${API_PREFIX}/catalog/standards`, { onRequest: guard.authenticate }, async () => StandardsResponseSchema.parse(await loadStandardsResponse(db)));

  app.get(`${API_PREFIX}/catalog/standards/:serviceId/versions/:version`, { onRequest: guard.authenticate }, async (request) => {
    const { serviceId, version } = parseInput(VersionParamsSchema, request.params, 'params');
    const found = await standardVersion(db, serviceId, version);
    if (!found) throw notFound('Versi standar layanan tidak ditemukan.', 'Service standard version not found.');
    return ServiceStandardSchema.parse(found);
  });

  // POST a new version (an edit never changes an existing version).
  app.post(
    `${API_PREFIX}/catalog/standards/:serviceId/versions`,
    { onRequest: guard.authenticate, preHandler: guard.requireRoles('supervisor', 'admin') },
    async (request) => {
      const officer = requireOfficer(request);
      const { serviceId } = parseInput(ServiceParamsSchema, request.params, 'params');
      const body = parseInput(PutStandardRequestSchema, request.body);
      const saved = await saveStandard(db, { serviceId, baseVersion: body.baseVersion, standard: body.standard, officerId: officer.id, at: ctx.now().toISOString() });
      ctx.logger.info('service standard saved', { serviceId, version: saved.version, officerId: officer.id });
      return ServiceStandardSchema.parse(saved);
    },
  );

  app.post(`${API_PREFIX}/catalog/holidays`, { onRequest: guard.authenticate, preHandler: guard.requireRoles('supervisor', 'admin') }, async (request) => {
    const officer = requireOfficer(request);
    const calendar = parseInput(HolidayCalendarSchema, request.body);
    return saveCalendar(db, calendar, officer.id, ctx.now().toISOString());
  });

  app.get(
    `${API_PREFIX}/agencies/:agencyId/counters`,
    // Scope is checked before existence, so other agencies' ids are not probed.
    { onRequest: guard.authenticate, preHandler: guard.requireAgencyParam('agencyId', 'read') },
    async (request): Promise<AgencyCountersResponse> => {
      const { agencyId } = parseInput(AgencyParamsSchema, request.params, 'params');
      const agency = await findAgencyById(db, agencyId);
      if (!agency) throw notFound('Instansi tidak ditemukan.', 'Agency not found.');
      return { agency, counters: await listCounters(db, agencyId) };
    },
  );
}
