/**
 * A document file whose upload fails does not stop the sync run: the changes that do not
 * need it are pushed, the change that names it (and later ones for the same record) wait,
 * the failure is counted and shown, and the next run uploads the file and sends the rest.
 * Real server on 127.0.0.1 (SQLite), real counter SQLite file, the real SyncEngine.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationCreateIntent } from '../../common/sync/applications';
import { openDatabase, type Db } from '../../main/db/open';
import { applicationClientEntity, applyLocal } from '../../main/applications/applications';
import { SyncEngine } from '../../main/sync/engine';
import { enqueueFile } from '../../main/sync/files';
import { enqueue } from '../../main/sync/outbox';
import { SyncTransport } from '../../main/sync/transport';
import { silentLogger } from '../../node-shared/logger';
import { startServer, type RunningServer } from '../../server/src/main';
import { DUKCAPIL, KK_SERVICE, serverLogin } from '../support/sync-fixtures';
import { tempDir } from '../support/temp';

describe('a failing document upload', () => {
  const t = tempDir('loket-sync-file-');
  let server: RunningServer;
  let db: Db;
  let engine: SyncEngine;

  beforeAll(async () => {
    server = await startServer({ sqliteFile: path.join(t.dir, 'server.sqlite'), port: 0, host: '127.0.0.1', demo: true, quiet: true });
    const token = await serverLogin(server.url, 'petugas.dukcapil');
    db = await openDatabase(path.join(t.dir, 'counter.sqlite'));
    engine = new SyncEngine({
      db,
      transport: new SyncTransport({ baseUrl: async () => server.url }),
      token: () => token,
      installationId: 'file-failure',
      log: silentLogger,
      entities: [applicationClientEntity],
      intervalMs: 0,
      backoffBaseMs: 60_000,
    });
  });

  afterAll(async () => {
    await engine?.stop();
    await db?.destroy();
    await server?.close();
    t.cleanup();
  });

  const create = async (applicantName: string, notes: string | null, file?: { path: string; sha256: string; size: number }): Promise<string> => {
    const at = new Date().toISOString();
    const intent: ApplicationCreateIntent = { id: randomUUID(), agencyId: DUKCAPIL, serviceId: KK_SERVICE, applicantName, applicantNik: null, notes, at };
    await db.transaction(async (trx) => {
      if (file) await enqueueFile(trx, file, at);
      const entryId = await enqueue(trx, 'application.create', intent, at);
      await applyLocal(trx, { id: entryId, kind: 'application.create', payload: intent }, 'of-petugas-dukcapil');
    });
    return intent.id;
  };

  it('pushes the other changes, holds the one naming the file, and sends it once the file uploads', async () => {
    const content = Buffer.from('scan of a family card, page 1');
    const sha256 = createHash('sha256').update(content).digest('hex');
    // The scan is not readable yet (e.g. a removable drive): its upload fails.
    const scan = path.join(t.dir, 'scan.bin');
    const before = await create('Siti Aminah', null);
    const needsFile = await create('Agus Santoso', `scan ${sha256}`, { path: scan, sha256, size: content.length });
    const after = await create('Dewi Lestari', null);

    const first = await engine.syncNow();
    expect(first.ok).toBe(false);
    expect(first.error?.code).toBe('FILE_UPLOAD_FAILED');
    expect(first.pushed).toBe(2);
    const onServer = async () => ((await server.db('applications').whereIn('id', [before, needsFile, after]).pluck('id')) as string[]).sort();
    expect(await onServer()).toEqual([before, after].sort());
    // Visible: the status says why, the held change says what it waits for, the file counts its attempt.
    expect((await engine.snapshot()).state).toBe('error');
    expect((await engine.snapshot()).pending).toBe(1);
    const held = (await engine.outbox()).find((e) => e.entityId === needsFile);
    expect(held).toMatchObject({ state: 'pending', reason: { code: 'FILE_UPLOAD_PENDING' } });
    expect(await db('file_uploads').where({ sha256 }).first('state', 'attempts')).toEqual({ state: 'pending', attempts: 1 });

    // The file becomes readable: the next run uploads it, then sends the change that names it.
    fs.writeFileSync(scan, content);
    const second = await engine.syncNow();
    expect(second).toMatchObject({ ok: true, pushed: 1, error: null });
    expect(await onServer()).toEqual([before, needsFile, after].sort());
    expect(Boolean((await server.db('files').where({ sha256 }).first('complete') as { complete: unknown }).complete)).toBe(true);
    expect(await db('file_uploads').count({ n: '*' }).first()).toEqual({ n: 0 });
    expect((await engine.snapshot()).state).toBe('idle');
  });
});
