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

const AgencyParamsSchema = z.object({ agencyId: id }).strict();

export interface AgencyCountersResponse {
  agency: Agency;
  counters: Counter[];
}

export function registerCatalogRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db, guard } = ctx;

  app.get(`${API_PREFIX}/catalog`, { onRequest: guard.authenticate }, async () => CatalogSchema.parse(await loadCatalog(db)));

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
