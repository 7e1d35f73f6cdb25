/**
 * The application workflow through the real IPC dispatcher (createLoket + dispatch) against the
 * real reference server: a ticket is served, scans are uploaded in chunks, the file is recorded as
 * incomplete ("berkas belum lengkap") and then registered complete with a registration number and
 * a due date from "berkas lengkap"; NIK rules; search; the audited full record; the receipt on the
 * virtual printer; selesai and diambil; two officers on the same application (one on an old copy).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoket, type Loket } from '../../main/app/compose';
import { silentLogger } from '../../node-shared/logger';
import { startServer, type RunningServer } from '../../server/src/main';
import type { ApplicationDetail, SearchResult } from '../../common/applications/application';
import type { ServiceStandard } from '../../common/catalog/standard';
import type { CounterState, TicketView } from '../../common/ipc/channels/queue';
import type { OutboxView } from '../../common/sync/applications';
import { parseRegistrationNumber } from '../../common/domain/applications/registration-number';
import { DEMO_PASSWORD } from '../support/stack';
import { tempDir } from '../support/temp';
import { makePdf, makePng, pngOfSize } from '../support/sample-files';
import { checklist, uploadOk, uploadScan, value } from '../support/applications-fixtures';
import { serverApplications } from '../support/sync-fixtures';

const NIK_F = '3174054507900001'; // Jakarta Selatan, born 5 July 1990, female

describe('applications through IPC against the real server', () => {
  const t = tempDir('loket-apps-ipc-');
  let server: RunningServer;
  let clock = Date.parse('2026-03-02T01:30:00.000Z'); // Monday 08:30 WIB
  const now = () => new Date(clock);
  let desk: Loket;
  let c1: Loket;
  let c2: Loket;
  let kk: ServiceStandard;
  let ticket: TicketView;
  let registered: ApplicationDetail;

  const open = (name: string) =>
    createLoket({ dataDir: path.join(t.dir, name), runtime: 'harness', version: 'test', defaultServerUrl: server.url, tickMs: 0, now, logger: silentLogger, sync: { debounceMs: 3_600_000 } });

  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', sqliteFile: path.join(t.dir, 'server.sqlite'), demo: true, quiet: true, now });
    desk = await open('desk');
    c1 = await open('c1');
    c2 = await open('c2');
    value(await desk.dispatch('auth.signIn', { username: 'resepsionis', password: DEMO_PASSWORD }));
    for (const [l, c] of [
      [c1, 'ct-01'],
      [c2, 'ct-02'],
    ] as const) {
      value(await l.dispatch('auth.signIn', { username: 'petugas.dukcapil', password: DEMO_PASSWORD }));
      value(await l.dispatch('counter.open', { counterId: c }));
    }
    kk = value<ServiceStandard>(await c1.dispatch('catalog.standard', { serviceId: 'sv-dukcapil-kk' }));
  });
  afterAll(async () => {
    for (const l of [desk, c1, c2]) await l?.close();
    await server?.close();
    t.cleanup();
  });

  it('serves a ticket and has the KK standard cached with its requirements', async () => {
    value(await desk.dispatch('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'normal' }));
    value<CounterState>(await c1.dispatch('counter.callNext', {}));
    const serving = value<CounterState>(await c1.dispatch('counter.start', {}));
    if (!serving.current) throw new Error('no ticket');
    ticket = serving.current;
    expect(kk.requirements.map((r) => r.code)).toEqual(['F101', 'KK-LAMA', 'NIKAH', 'SKPWNI', 'SPTJM']);
    expect(value(await c1.dispatch('applications.ticket', { ticketId: ticket.id }))).toMatchObject({ number: ticket.number });
  });

  it('uploads scans in chunks and refuses oversized, mislabelled and hostile uploads', async () => {
    const draft = 'draft-kk-00001';
    const big = await c1.dispatch('documents.beginUpload', { draftId: draft, requirementCode: 'F101', fileName: 'f101.pdf', declaredType: 'application/pdf', size: 11 * 1024 * 1024 });
    expect(big).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issue: 'TOO_LARGE' } } });
    const huge = await c1.dispatch('documents.uploadChunk', { uploadId: '00000000-0000-4000-8000-000000000000', index: 0, data: 'A'.repeat(300_000) });
    expect(huge).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const renamed = await uploadScan(c1, draft, 'F101', 'f101.pdf', 'application/pdf', makePng());
    expect(renamed).toMatchObject({ ok: false, error: { details: { issue: 'CONTENT_MISMATCH' } } });
    const f101 = await uploadOk(c1, draft, 'F101', 'f101.pdf', 'application/pdf', makePdf());
    const kkLama = await uploadOk(c1, draft, 'KK-LAMA', 'kk-lama.png', 'image/png', pngOfSize(700 * 1024)); // several chunks
    expect(kkLama.size).toBeGreaterThan(600 * 1024);
    const dup = await uploadScan(c1, draft, 'NIKAH', 'nikah.png', 'image/png', await readBack(c1, kkLama.id));
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { issue: 'DUPLICATE' } } });
    expect(value<{ items: unknown[] }>(await c1.dispatch('documents.list', { draftId: draft })).items).toHaveLength(2);
    expect(f101.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The front desk never handles scans.
    expect(await desk.dispatch('documents.list', { draftId: draft })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('records an incomplete file with what is missing, then registers the complete one from the same ticket', async () => {
    const base = { serviceId: 'sv-dukcapil-kk', serviceVersion: kk.version, ticketId: ticket.id, notes: null };
    const applicant = { name: 'Siti Aminah', nik: NIK_F, phone: '0812-3456-7890', sex: null, birthDate: null };
    const notValid = await c1.dispatch('applications.register', { ...base, draftId: 'draft-kk-00000', applicant, checklist: checklist(kk, { NIKAH: 'missing' }), complete: true });
    expect(notValid).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issue: 'CHECKLIST_INCOMPLETE' } } });
    const noReason = await c1.dispatch('applications.register', { ...base, draftId: 'draft-kk-00000', applicant, checklist: checklist(kk, { NIKAH: 'invalid' }), complete: false });
    expect(noReason).toMatchObject({ ok: false, error: { details: { issue: 'REASON_REQUIRED' } } });

    const incomplete = value<ApplicationDetail>(
      await c1.dispatch('applications.register', { ...base, draftId: 'draft-kk-00000', applicant, checklist: checklist(kk, { NIKAH: ['invalid', 'Tidak terbaca / buram'] }), complete: false }),
    );
    expect(incomplete).toMatchObject({ status: 'berkas_belum_lengkap', dueAt: null, dueState: 'paused', ticketNumber: ticket.number });
    expect(incomplete.statusReason).toContain('Buku nikah / kutipan akta perkawinan atau akta perceraian (tidak sah: Tidak terbaca / buram)');
    expect(incomplete.registrationNumber).toMatch(/^DUKCAPIL-260302-L01-0001-[0-9A-Z]$/);
    // The "what is missing" slip prints for the applicant.
    expect(value(await c1.dispatch('applications.printReceipt', { id: incomplete.id }))).toMatchObject({ ok: true });

    // NIK rules: an impossible NIK is refused; a sex that differs from the NIK needs confirmation.
    const bad = await c1.dispatch('applications.register', { ...base, draftId: 'draft-kk-00001', applicant: { ...applicant, nik: '3174053207900001' }, checklist: checklist(kk), complete: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'applicant.nik' } } });
    if (!bad.ok) expect(bad.error.messageEn.length).toBeGreaterThan(10);
    const mismatch = await c1.dispatch('applications.register', { ...base, draftId: 'draft-kk-00001', applicant: { ...applicant, sex: 'M' }, checklist: checklist(kk), complete: true });
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { issue: 'CONFIRM_WARNINGS' } } });

    registered = value<ApplicationDetail>(await c1.dispatch('applications.register', { ...base, draftId: 'draft-kk-00001', applicant, checklist: checklist(kk), complete: true }));
    expect(registered).toMatchObject({
      status: 'diverifikasi',
      serviceVersion: 1,
      fee: 0,
      slaWorkingDays: 1,
      applicant: { nik: NIK_F, sex: 'F', birthDate: '1990-07-05', phone: '+6281234567890' },
      dueDate: '2026-03-03',
      dueState: 'due_soon',
      pending: true,
    });
    expect(parseRegistrationNumber(registered.registrationNumber ?? '')).toMatchObject({ ok: true, stationCode: 'L01', seq: 2 });
    expect(registered.documents.map((d) => d.requirementCode).sort()).toEqual(['F101', 'KK-LAMA']);
    expect(registered.history.map((h) => [h.to, h.byName])).toEqual([
      ['diterima', 'Siti Rahmawati'],
      ['diverifikasi', 'Siti Rahmawati'],
    ]);

    // The receipt prints on this installation's virtual printer.
    expect(value(await c1.dispatch('applications.printReceipt', { id: registered.id }))).toMatchObject({ ok: true });
    const texts = fs.readdirSync(path.join(t.dir, 'c1', 'printer')).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(t.dir, 'c1', 'printer', f), 'utf8'));
    expect(texts.some((x) => x.includes(registered.registrationNumber ?? '?'))).toBe(true);
  });

  it('syncs: the server re-validates, holds the record, the due date and the uploaded scans', async () => {
    value(await c1.dispatch('sync.now', {}));
    const rows = await serverApplications(server.db, 'ag-dukcapil');
    const onServer = rows.find((r) => r.id === registered.id);
    expect(onServer).toMatchObject({ status: 'diverifikasi', registrationNumber: registered.registrationNumber, dueDate: '2026-03-03', serviceVersion: 1, version: 1 });
    expect(onServer?.history?.map((h) => h.to)).toEqual(['diterima', 'diverifikasi']);
    for (const d of registered.documents) {
      expect(await server.db('files').where({ sha256: d.sha256 }).first('complete')).toMatchObject({ complete: 1 });
    }
    const pending = value<OutboxView>(await c1.dispatch('sync.pending', {}));
    expect(pending.entries.filter((e) => e.state === 'rejected')).toEqual([]);
  });

  it('searches by registration number (as typed), NIK, name prefix and phone, with the NIK masked; the full record is audited', async () => {
    const regno = registered.registrationNumber ?? '';
    const typed = regno.toLowerCase().replace(/-/g, ' ');
    const byRegno = value<SearchResult>(await c1.dispatch('applications.search', { query: typed }));
    expect(byRegno).toMatchObject({ matchedBy: 'regno', items: [{ id: registered.id, nikMasked: '3174••••••••0001' }] });
    const typo = value<SearchResult>(await c1.dispatch('applications.search', { query: regno.slice(0, -1) + (regno.endsWith('A') ? 'B' : 'A') }));
    expect(typo.hint?.messageEn).toContain('check character');
    expect(value<SearchResult>(await c1.dispatch('applications.search', { query: NIK_F })).items).toHaveLength(2);
    expect(value<SearchResult>(await c1.dispatch('applications.search', { query: 'siti am' })).items).toHaveLength(2);
    expect(value<SearchResult>(await c1.dispatch('applications.search', { query: '+62 812 3456 7890' })).matchedBy).toBe('phone');
    expect(value<SearchResult>(await c1.dispatch('applications.search', { status: 'berkas_belum_lengkap' })).items).toHaveLength(1);
    expect(value<SearchResult>(await c1.dispatch('applications.search', { from: '2026-03-03' })).items).toHaveLength(0);
    const full = value<ApplicationDetail>(await c1.dispatch('applications.open', { id: registered.id }));
    expect(full.applicant.nik).toBe(NIK_F);
    const log = (await c1.db('application_access_log').where({ application_id: registered.id }).select('officer_name', 'purpose')) as { officer_name: string; purpose: string }[];
    expect(log.filter((l) => l.purpose === 'view')).toHaveLength(1);
    expect(log.every((l) => l.officer_name === 'Siti Rahmawati')).toBe(true);
  });

  it('moves through diproses and selesai to diambil; overdue stands out; the server follows', async () => {
    let d = value<ApplicationDetail>(await c1.dispatch('applications.transition', { id: registered.id, to: 'diproses', expectedStatus: 'diverifikasi' }));
    expect(d.nextStatuses).toContain('selesai');
    clock = Date.parse('2026-03-04T02:00:00.000Z'); // Wednesday: past Tuesday 16:00
    // Two days later: the idle lock and the 12-hour server token have run out; the officers sign in again.
    for (const l of [c1, c2]) {
      value(await l.dispatch('auth.signOut', {}));
      value(await l.dispatch('auth.signIn', { username: 'petugas.dukcapil', password: DEMO_PASSWORD }));
    }
    expect(value<SearchResult>(await c1.dispatch('applications.search', { due: 'overdue' })).items.map((i) => [i.id, i.dueState])).toEqual([[registered.id, 'overdue']]);
    d = value<ApplicationDetail>(await c1.dispatch('applications.transition', { id: registered.id, to: 'selesai', expectedStatus: 'diproses' }));
    d = value<ApplicationDetail>(await c1.dispatch('applications.transition', { id: registered.id, to: 'diambil', expectedStatus: 'selesai' }));
    expect(d.status).toBe('diambil');
    expect(d.history.map((h) => h.to)).toEqual(['diterima', 'diverifikasi', 'diproses', 'selesai', 'diambil']);
    expect(await c1.dispatch('applications.transition', { id: registered.id, to: 'ditolak', reason: 'x', expectedStatus: 'diambil' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    value(await c1.dispatch('sync.now', {}));
    const onServer = (await serverApplications(server.db, 'ag-dukcapil')).find((r) => r.id === registered.id);
    expect(onServer?.status).toBe('diambil');
    expect(onServer?.history?.map((h) => h.to)).toEqual(['diterima', 'diverifikasi', 'diproses', 'selesai', 'diambil']);
  });

  it('two officers edit the same application; the one on an old copy is refused and told why', async () => {
    const regno = (await serverApplications(server.db, 'ag-dukcapil')).find((r) => r.status === 'berkas_belum_lengkap');
    if (!regno) throw new Error('no incomplete application');
    value(await c2.dispatch('sync.now', {}));
    const onC2 = value<ApplicationDetail>(await c2.dispatch('applications.open', { id: regno.id }));
    const onC1 = value<ApplicationDetail>(await c1.dispatch('applications.open', { id: regno.id }));
    expect(onC2.version).toBe(onC1.version);
    value(await c1.dispatch('applications.update', { id: regno.id, baseVersion: onC1.version, applicantPhone: '081298765432' }));
    value(await c1.dispatch('sync.now', {}));
    // Counter 2 still has the old copy (not pulled yet) and edits it.
    value(await c2.dispatch('applications.update', { id: regno.id, baseVersion: onC2.version, notes: 'Pemohon akan kembali besok' }));
    value(await c2.dispatch('sync.now', {}));
    const outbox = value<OutboxView>(await c2.dispatch('sync.pending', {}));
    const rejected = outbox.entries.find((e) => e.kind === 'application.update');
    expect(rejected).toMatchObject({ state: 'rejected', reason: { code: 'STALE_COPY' } });
    expect(rejected?.reason?.message).toContain('sudah diubah petugas lain');
    const after = value<ApplicationDetail>(await c2.dispatch('applications.open', { id: regno.id }));
    expect(after).toMatchObject({ notes: null, applicant: { phone: '+6281298765432' } });
    // A status change on a stale screen is refused locally.
    expect(await c2.dispatch('applications.transition', { id: regno.id, to: 'diverifikasi', expectedStatus: 'diterima' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { issue: 'STALE_COPY' } },
    });
  });

  it('limits the full record to the owning agency', async () => {
    value(await c1.dispatch('auth.signOut', {}));
    value(await c1.dispatch('auth.signIn', { username: 'petugas.imigrasi', password: DEMO_PASSWORD }));
    expect(await c1.dispatch('applications.open', { id: registered.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(value<SearchResult>(await c1.dispatch('applications.search', { query: NIK_F })).items).toEqual([]);
    expect(await c1.dispatch('documents.read', { id: (await c1.db('documents').first('id')).id, offset: 0 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

async function readBack(loket: Loket, id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const r = value<{ data: string; total: number }>(await loket.dispatch('documents.read', { id, offset }));
    const b = Buffer.from(r.data, 'base64');
    parts.push(b);
    offset += b.length;
    if (offset >= r.total || b.length === 0) return Buffer.concat(parts);
  }
}
