/**
 * Per-unit service days (agencies.service_days, migration 006): the demo Samsat serves Monday–
 * Saturday, Dukcapil Monday–Friday. A file complete on a Friday with an SLA of 1 working day is due
 * on Saturday at Samsat and on Monday at Dukcapil — computed the same by the counter (from the
 * catalog it cached) and by the server (which recomputes it when the intent arrives).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoket, type Loket } from '../../main/app/compose';
import { silentLogger } from '../../node-shared/logger';
import { startServer, type RunningServer } from '../../server/src/main';
import type { ApplicationDetail } from '../../common/applications/application';
import type { ServiceStandard } from '../../common/catalog/standard';
import type { Catalog } from '../../common/ipc/models';
import { DEMO_PASSWORD } from '../support/stack';
import { tempDir } from '../support/temp';
import { checklist, value } from '../support/applications-fixtures';
import { serverApplications } from '../support/sync-fixtures';

describe('per-unit service days in due dates (counter and server agree)', () => {
  const t = tempDir('loket-apps-days-');
  const clock = Date.parse('2026-02-27T01:30:00.000Z'); // Friday 08:30 WIB
  const now = () => new Date(clock);
  let server: RunningServer;
  let samsat: Loket;
  let dukcapil: Loket;

  const open = (name: string) =>
    createLoket({ dataDir: path.join(t.dir, name), runtime: 'harness', version: 'test', defaultServerUrl: server.url, tickMs: 0, now, logger: silentLogger, sync: { debounceMs: 3_600_000 } });

  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', sqliteFile: path.join(t.dir, 'server.sqlite'), demo: true, quiet: true, now });
    samsat = await open('samsat');
    dukcapil = await open('dukcapil');
    value(await samsat.dispatch('auth.signIn', { username: 'petugas.samsat', password: DEMO_PASSWORD }));
    value(await dukcapil.dispatch('auth.signIn', { username: 'petugas.dukcapil', password: DEMO_PASSWORD }));
  });
  afterAll(async () => {
    for (const l of [samsat, dukcapil]) await l?.close();
    await server?.close();
    t.cleanup();
  });

  it('carries each agency’s service days in the cached catalog', async () => {
    const catalog = value<Catalog>(await samsat.dispatch('catalog.get', {}));
    const days = Object.fromEntries(catalog.agencies.map((a) => [a.code, a.serviceWeekdays]));
    expect(days).toMatchObject({ SAMSAT: [1, 2, 3, 4, 5, 6], DUKCAPIL: [1, 2, 3, 4, 5], IMIGRASI: [1, 2, 3, 4, 5] });
  });

  const registerComplete = async (loket: Loket, serviceId: string, nik: string): Promise<ApplicationDetail> => {
    const standard = value<ServiceStandard>(await loket.dispatch('catalog.standard', { serviceId }));
    expect(standard.completionTime).toEqual({ value: 1, unit: 'working_days' });
    const applicant = { name: 'Budi Santoso', nik, phone: null, sex: null, birthDate: null };
    return value<ApplicationDetail>(
      await loket.dispatch('applications.register', { serviceId, serviceVersion: standard.version, ticketId: null, notes: null, draftId: `draft-${serviceId}`, applicant, checklist: checklist(standard), complete: true }),
    );
  };

  it('Samsat (Monday–Saturday): complete on Friday, 1 working day → due Saturday, on both sides', async () => {
    const app = await registerComplete(samsat, 'sv-samsat-bbn', '3174051203850002');
    expect(app).toMatchObject({ status: 'diverifikasi', slaWorkingDays: 1, dueDate: '2026-02-28', dueAt: '2026-02-28T09:00:00.000Z' });
    value(await samsat.dispatch('sync.now', {}));
    const onServer = (await serverApplications(server.db, 'ag-samsat')).find((r) => r.id === app.id);
    expect(onServer).toMatchObject({ dueDate: '2026-02-28', dueAt: '2026-02-28T09:00:00.000Z' });
  });

  it('Dukcapil (Monday–Friday): complete on Friday, 1 working day → due Monday, on both sides', async () => {
    const app = await registerComplete(dukcapil, 'sv-dukcapil-kk', '3174054507900001');
    expect(app).toMatchObject({ status: 'diverifikasi', slaWorkingDays: 1, dueDate: '2026-03-02', dueAt: '2026-03-02T09:00:00.000Z' });
    value(await dukcapil.dispatch('sync.now', {}));
    const onServer = (await serverApplications(server.db, 'ag-dukcapil')).find((r) => r.id === app.id);
    expect(onServer).toMatchObject({ dueDate: '2026-03-02', dueAt: '2026-03-02T09:00:00.000Z' });
  });
});
