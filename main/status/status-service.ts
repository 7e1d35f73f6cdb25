/**
 * Connection state for the status bar: probed against the server's /health on a
 * timer and on demand ("Sinkronkan sekarang"); changes are pushed as events.
 */
import type { Db } from '../db/open';
import type { ConnectionState, Status } from '../../common/ipc/models';
import { HealthSchema } from '../../common/server-api/auth';
import { isLoketError } from '../../common/ipc/result';
import type { ServerClient } from '../server-link/server-client';
import type { EventBus } from '../ipc/event-bus';
import type { SettingsStore } from '../settings/settings-store';

export interface StatusSources {
  officerName: () => string | null;
  counterName: () => string | null;
}

export class StatusService {
  private connection: ConnectionState = 'offline';
  private firstCheck: Promise<void> | null = null;
  private lastSyncAt: string | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly server: ServerClient,
    private readonly settings: SettingsStore,
    private readonly events: EventBus,
    private readonly sources: StatusSources,
    private readonly now: () => Date,
  ) {}

  async get(): Promise<Status> {
    // The first answer waits for the first health check, so a screen never shows a stale "offline".
    if (this.firstCheck) await this.firstCheck;
    const row = await this.db('outbox').where({ state: 'pending' }).count<{ n: number }[]>({ n: '*' }).first();
    return {
      connection: this.connection,
      serverUrl: (await this.settings.get()).serverUrl,
      pendingChanges: Number(row?.n ?? 0),
      lastSyncAt: this.lastSyncAt,
      lastError: this.lastError,
      officerName: this.sources.officerName(),
      counterName: this.sources.counterName(),
    };
  }

  /** Checks the server and publishes the state if it changed (or always when forced). */
  async probe(force = false): Promise<Status> {
    const before = this.connection;
    const check = this.checkHealth();
    this.firstCheck ??= check;
    await check;
    const status = await this.get();
    if (force || before !== this.connection) this.events.emit('status.changed', status);
    return status;
  }

  private async checkHealth(): Promise<void> {
    try {
      await this.server.request(HealthSchema, 'GET', '/health');
      this.connection = 'online';
      this.lastError = null;
    } catch (e) {
      this.connection = 'offline';
      this.lastError = isLoketError(e) ? e.messageId : 'Galat tidak dikenal';
    }
  }

  markSynced(): void {
    this.lastSyncAt = this.now().toISOString();
  }

  async publish(): Promise<Status> {
    const status = await this.get();
    this.events.emit('status.changed', status);
    return status;
  }
}
