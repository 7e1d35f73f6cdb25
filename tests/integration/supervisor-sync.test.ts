/**
 * The supervisor's dashboard from what sync actually delivers (no simulation): a Dukcapil
 * officer opens counter ct-01, pauses and resumes, registers an application complete and
 * finishes it; a visitor answers the SKM survey on that counter's kiosk. After syncing, the
 * supervisor's installation shows the session, the pause by reason, the application's SLA
 * figures and the survey answer; an officer of another agency receives none of the counter
 * activity nor the answer. On the server the answer is kept without sender or time of day.
 * Real SQLite files for the installations, a real server on 127.0.0.1 on SQLite and PostgreSQL.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Loket } from '../../main/app/compose';
import type { ApplicationDetail } from '../../common/applications/application';
import type { ServiceStandard } from '../../common/catalog/standard';
import type { Dashboard, SkmReport } from '../../common/ipc/channels/supervisor';
import { localDateOf } from '../../common/domain/calendar/local-date';
import { startServer, type RunningServer } from '../../server/src/main';
import { findOfficerByUsername } from '../../server/src/auth/officers';
import { snapshotJson } from '../../server/src/sync/pull';
import { createTestDatabase, type Backend, type TestDatabase } from './server-helpers';
import { call, DUKCAPIL, KK_SERVICE, openCounter, signIn } from '../support/sync-fixtures';
import { checklist } from '../support/applications-fixtures';
import { tempDir } from '../support/temp';

const WIB = 420;

describe.each<Backend>(['sqlite', 'postgres'])('supervisor figures through sync, server on %s', (backend) => {
  const t = tempDir('loket-supervisor-sync-');
  let tdb: TestDatabase;
  let server: RunningServer;
  let counter: Loket;
  let sup: Loket;
  let other: Loket;

  beforeAll(async () => {
    tdb = await createTestDatabase(backend);
    server = await startServer({ ...tdb.selection, port: 0, host: '127.0.0.1', demo: true, quiet: true });
    counter = await openCounter(path.join(t.dir, 'counter'), server.url);
    sup = await openCounter(path.join(t.dir, 'supervisor'), server.url);
    other = await openCounter(path.join(t.dir, 'imigrasi'), server.url);
    await signIn(counter, 'petugas.dukcapil');
    await signIn(sup, 'supervisor');
    await signIn(other, 'petugas.imigrasi');
  });

  afterAll(async () => {
    for (const l of [counter, sup, other]) await l?.close();
    await server?.close();
    await tdb?.drop();
    t.cleanup();
  });

  it('a counter’s session, pause and application appear in the supervisor dashboard after sync', async () => {
    await call(counter, 'counter.open', { counterId: 'ct-01' });
    await call(counter, 'counter.pause', { reason: 'sholat' });
    await new Promise((r) => setTimeout(r, 30)); // a pause that lasts
    await call(counter, 'counter.resume');
    const standard = await call<ServiceStandard>(counter, 'catalog.standard', { serviceId: KK_SERVICE });
    const applicant = { name: 'Budi Santoso', nik: '3174054507900001', phone: null, sex: null, birthDate: null };
    const app = await call<ApplicationDetail>(counter, 'applications.register', {
      serviceId: KK_SERVICE,
      serviceVersion: standard.version,
      ticketId: null,
      notes: null,
      draftId: 'draft-sup-00001',
      applicant,
      checklist: checklist(standard),
      complete: true,
    });
    expect(app.status).toBe('diverifikasi');
    await call(counter, 'applications.setStatus', { id: app.id, to: 'diproses' });
    await call(counter, 'applications.setStatus', { id: app.id, to: 'selesai' });
    await call(counter, 'sync.now');

    const serverSession = (await server.db('counter_sessions').where({ counter_id: 'ct-01' }).first()) as { id: string; opened_at: string; officer_id: string };
    const serverPause = (await server.db('counter_pauses').where({ counter_id: 'ct-01' }).first()) as { id: string; started_at: string; ended_at: string | null };
    expect(serverPause.ended_at).not.toBeNull();
    // The change log carries them in the supervisors' scope only.
    const logged = (await server.db('changes').whereIn('entity', ['counter_session', 'counter_pause']).select('entity', 'scope')) as { entity: string; scope: string }[];
    expect(new Set(logged.map((c) => c.scope))).toEqual(new Set(['~supervisor']));

    await call(sup, 'sync.now');
    await call(other, 'sync.now');

    expect(await sup.db('supervisor_counter_sessions').where({ id: serverSession.id }).first()).toMatchObject({
      counter_id: 'ct-01',
      officer_id: serverSession.officer_id,
      officer_name: 'Siti Rahmawati',
      opened_at: serverSession.opened_at,
    });
    expect(await sup.db('supervisor_counter_pauses').where({ id: serverPause.id }).first()).toMatchObject({ reason: 'sholat', started_at: serverPause.started_at, ended_at: serverPause.ended_at });
    expect(await sup.db('supervisor_applications').where({ id: app.id }).first()).toMatchObject({ agency_id: DUKCAPIL, service_id: KK_SERVICE, status: 'selesai' });
    // Another agency's officer: no counter activity.
    expect(await other.db('supervisor_counter_sessions').count({ n: '*' }).first()).toMatchObject({ n: 0 });
    expect(await other.db('supervisor_counter_pauses').count({ n: '*' }).first()).toMatchObject({ n: 0 });

    const day = localDateOf(new Date(serverSession.opened_at), WIB);
    const dash = await call<Dashboard>(sup, 'supervisor.dashboard', { from: day, to: day });
    const officer = dash.officers.find((o) => o.officerId === serverSession.officer_id);
    expect(officer).toMatchObject({ name: 'Siti Rahmawati' });
    expect(officer!.openMinutes).toBeGreaterThan(0);
    expect(officer!.pausedMinutes).toBeGreaterThan(0);
    expect(officer!.pauses.sholat).toBe(officer!.pausedMinutes);
    expect(dash.applications).toMatchObject({ received: 1, completed: 1, completedWithinSla: 1, overdue: 0 });
    const agencyDash = await call<Dashboard>(sup, 'supervisor.dashboard', { from: day, to: day, scope: { agencyId: 'ag-imigrasi' } });
    expect(agencyDash.applications.received).toBe(0);
    expect(agencyDash.officers).toEqual([]);

    // Taken back: the application is picked up (diambil) — still one completion, closed once.
    await call(counter, 'applications.setStatus', { id: app.id, to: 'diambil' });
    await call(counter, 'sync.now');
    const status = await call<{ lastError: string | null }>(sup, 'sync.now');
    expect(status.lastError).toBeNull();
    expect(await sup.db('supervisor_applications').where({ id: app.id }).first()).toMatchObject({ status: 'diambil' });
    expect((await call<Dashboard>(sup, 'supervisor.dashboard', { from: day, to: day })).applications).toMatchObject({ received: 1, completed: 1, completedWithinSla: 1 });
  });

  it('a pause that call-next ends (the grouped claim path) reaches the supervisor ended', async () => {
    await call(counter, 'counter.pause', { reason: 'istirahat' });
    await new Promise((r) => setTimeout(r, 30));
    await call(counter, 'counter.callNext');
    await call(counter, 'sync.now');
    const serverPause = (await server.db('counter_pauses').where({ counter_id: 'ct-01', reason: 'istirahat' }).first()) as { id: string; ended_at: string | null };
    expect(serverPause.ended_at).not.toBeNull();
    await call(sup, 'sync.now');
    expect(await sup.db('supervisor_counter_pauses').where({ id: serverPause.id }).first()).toMatchObject({ reason: 'istirahat', ended_at: serverPause.ended_at });
  });

  it('the front desk reads every agency but not the officers’ sessions and pauses (pull and snapshot)', async () => {
    const api = async (pathname: string, token: string) => {
      const res = await fetch(new URL(pathname, server.url), { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const login = async (username: string) => {
      const res = await fetch(new URL('/api/v1/auth/login', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Loket-Demo-2026!' }) });
      return ((await res.json()) as { token: string }).token;
    };
    const entitiesPulled = async (token: string) => {
      const page = (await api('/api/v1/sync/pull?after=0&limit=5000', token)) as { changes: { entity: string }[] };
      return new Set(page.changes.map((c) => c.entity));
    };
    const desk = await login('resepsionis');
    const supervisor = await login('supervisor');
    expect(await entitiesPulled(supervisor)).toContain('counter_pause');
    const deskEntities = await entitiesPulled(desk);
    expect(deskEntities).toContain('application'); // every agency's data
    expect(deskEntities).not.toContain('counter_pause');
    expect(deskEntities).not.toContain('counter_session');
    // Snapshots (the repair path) filter the same way.
    const snapshotRows = async (username: string) => {
      const officer = await findOfficerByUsername(server.db, username);
      const json = await snapshotJson(server.db, officer!, 'counter_pause', '', 100);
      return (JSON.parse(json!) as { rows: unknown[] }).rows.length;
    };
    expect(await snapshotRows('resepsionis')).toBe(0);
    expect(await snapshotRows('supervisor')).toBeGreaterThan(0);
  });

  it('an SKM answer goes kiosk → outbox → server → supervisor, anonymous on the server too', async () => {
    // The counter can ask for the kiosk window (the Electron shell opens #survey on the second screen; here there is none).
    expect(await call(counter, 'window.openSurvey', {})).toEqual({ opened: false, displays: 1 });
    const answers = { U1: 4, U2: 3, U3: 4, U4: 4, U5: 3, U6: 4, U7: 4, U8: 3, U9: 4 };
    await call(counter, 'survey.submit', { serviceId: KK_SERVICE, answers, suggestion: 'Antrean cepat', profile: { sex: 'female', ageGroup: '30_39' } });
    const pending = (await counter.db('outbox').where({ kind: 'survey.submit' }).first()) as { created_at: string; payload_json: string };
    expect(pending.created_at).toMatch(/T00:00:00\.000Z$/);
    await call(counter, 'sync.now');
    expect(await counter.db('outbox').where({ kind: 'survey.submit' }).first()).toBeUndefined(); // accepted by the server

    const rows = (await server.db('skm_responses').select()) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(Object.keys(row).sort()).toEqual(
      ['id', 'agency_id', 'service_id', 'service_day', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'suggestion', 'sex', 'age_group', 'education', 'occupation', 'version'].sort(),
    );
    expect(row).toMatchObject({ agency_id: DUKCAPIL, service_id: KK_SERVICE, suggestion: 'Antrean cepat', sex: 'female', age_group: '30_39' });
    // Nothing on the server names the sender or dates the answer within its day.
    const applied = (await server.db('sync_applied').where({ kind: 'survey.submit' })) as { officer_id: string; installation_id: string; created_at: string }[];
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ officer_id: '', installation_id: '' });
    expect(applied[0]!.created_at).toMatch(/T00:00:00\.000Z$/);
    const change = (await server.db('changes').where({ entity: 'skm_response', entity_id: row.id }).first()) as { created_at: string; data: string };
    expect(change.created_at).toMatch(/T00:00:00\.000Z$/);
    const officer = (await server.db('officers').where({ username: 'petugas.dukcapil' }).first()) as { id: string; name: string };
    for (const text of [change.data, JSON.stringify(row)]) {
      expect(text).not.toContain(officer.id);
      expect(text).not.toContain(officer.name);
      expect(text).not.toContain('ct-01');
    }
    // The officer's other pushes keep their sender (only anonymous entities lose it).
    expect(await server.db('sync_applied').where({ kind: 'application.register', officer_id: officer.id }).first()).toBeDefined();

    await call(sup, 'sync.now');
    await call(other, 'sync.now');
    expect(await sup.db('skm_responses').where({ id: row.id }).first()).toMatchObject({ service_id: KK_SERVICE, u1: 4, u9: 4, version: 1 });
    expect(await other.db('skm_responses').where({ id: row.id }).first()).toBeUndefined();
    const day = String(row.service_day);
    const report = await call<SkmReport>(sup, 'supervisor.skm', { from: day, to: day });
    const kk = report.rows.find((r) => r.level === 'service' && r.id === KK_SERVICE);
    expect(kk?.respondents).toBe(1);
    expect(report.suggestions).toEqual([{ serviceName: expect.any(String), day, text: 'Antrean cepat' }]);
  });
});
