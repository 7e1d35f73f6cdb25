/**
 * The live channel: a counter listening on GET /api/v1/sync/live pulls another counter's
 * change at once, without "Sync now" and without its (hour-long) timer; the stream is
 * authenticated.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Loket } from '../../main/app/compose';
import type { ApplicationView } from '../../common/sync/applications';
import { startServer, type RunningServer } from '../../server/src/main';
import { call, KK_SERVICE, openCounter, signIn } from '../support/sync-fixtures';
import { tempDir } from '../support/temp';

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('sync live channel', () => {
  const t = tempDir('loket-sync-live-');
  let server: RunningServer;
  let writer: Loket;
  let listener: Loket;

  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', sqliteFile: path.join(t.dir, 'server.sqlite'), demo: true, quiet: true });
    writer = await openCounter(path.join(t.dir, 'writer'), server.url);
    listener = await openCounter(path.join(t.dir, 'listener'), server.url, { intervalMs: 3_600_000, debounceMs: 20, live: true });
    await signIn(writer, 'petugas.dukcapil');
    await signIn(listener, 'petugas.dukcapil');
  });

  afterAll(async () => {
    await writer?.close();
    await listener?.close();
    await server?.close();
    t.cleanup();
  });

  it('refuses a stream without a valid token', async () => {
    const r = await fetch(new URL('/api/v1/sync/live', server.url), { headers: { accept: 'text/event-stream' } });
    expect(r.status).toBe(401);
    const q = await fetch(new URL('/api/v1/sync/live?x=1', server.url), { headers: { authorization: 'Bearer nope' } });
    expect(q.status).toBe(401);
  });

  it('delivers another counter’s change at once', async () => {
    await eventually(async () => listener.sync.liveConnected);
    const app = await call<ApplicationView>(writer, 'applications.create', { serviceId: KK_SERVICE, applicantName: 'Wulan Sari' });
    await writer.sync.syncNow();
    await eventually(async () => !!(await listener.db('applications').where({ id: app.id, version: 1 }).first()));
  });

  it('delivers a ticket issued at the front desk at once (queue writes notify the live channel)', async () => {
    const frontdesk = await openCounter(path.join(t.dir, 'frontdesk'), server.url);
    try {
      await signIn(frontdesk, 'resepsionis');
      await eventually(async () => listener.sync.liveConnected);
      const issued = await call<{ ticket: { id: string; number: string } }>(frontdesk, 'queue.issue', { serviceId: KK_SERVICE, category: 'normal' });
      await eventually(async () => !!(await listener.db('queue_tickets').where({ id: issued.ticket.id }).first()));
    } finally {
      await frontdesk.close();
    }
  });
});
