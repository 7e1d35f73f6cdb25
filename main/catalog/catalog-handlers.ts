/** Handlers of common/ipc/channels/catalog.ts (spread into main/app/handlers.ts). */
import type { catalogChannels } from '../../common/ipc/channels/catalog';
import { LoketError } from '../../common/ipc/result';
import type { Handlers } from '../ipc/dispatch';
import type { CatalogService } from './catalog-service';

export type CatalogHandlers = Pick<Handlers, keyof typeof catalogChannels>;

export function createCatalogHandlers(d: { catalog: CatalogService; token: () => string | null }): CatalogHandlers {
  return {
    'catalog.standards': async () => ({ standards: await d.catalog.standards.latest(), calendarVersion: (await d.catalog.standards.calendar()).version }),
    'catalog.standard': async ({ serviceId, version }) => {
      const found = version === undefined ? await d.catalog.standards.get(serviceId) : await d.catalog.standards.getOrFetch(serviceId, version, d.token());
      if (!found) throw new LoketError('NOT_FOUND', 'Standar layanan belum tersedia di komputer ini. Sinkronkan lalu coba lagi.', 'The service standard is not on this computer yet. Sync and try again.');
      return found;
    },
    'catalog.saveStandard': ({ serviceId, baseVersion, standard }) => d.catalog.standards.save(d.token(), serviceId, baseVersion, standard),
  };
}
