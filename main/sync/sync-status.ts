/**
 * The status bar's view with sync folded in: the health probe says whether the server
 * answers; the engine says whether we are syncing, failing, or signed in offline, how many
 * changes wait, and when the last sync succeeded (persisted across restarts).
 */
import type { Status } from '../../common/ipc/models';
import { StatusService } from '../status/status-service';
import type { SyncSnapshot } from './engine';

export class SyncAwareStatus extends StatusService {
  private sync: (() => Promise<SyncSnapshot>) | null = null;
  private locale: () => Promise<'id' | 'en'> = async () => 'id';

  attach(snapshot: () => Promise<SyncSnapshot>, locale?: () => Promise<'id' | 'en'>): void {
    this.sync = snapshot;
    if (locale) this.locale = locale;
  }

  override async get(): Promise<Status> {
    const base = await super.get();
    if (!this.sync) return base;
    const s = await this.sync();
    let connection = base.connection;
    if (s.state === 'syncing') connection = 'syncing';
    else if (s.ran && s.state === 'error') connection = 'error';
    else if (s.ran && s.state === 'offline') connection = 'offline';
    const en = (await this.locale()) === 'en';
    const error = s.lastError ? (en ? s.lastError.messageEn : s.lastError.message) : null;
    return {
      ...base,
      connection,
      pendingChanges: s.pending,
      lastSyncAt: s.lastSyncAt ?? base.lastSyncAt,
      lastError: error ?? (connection === 'offline' ? base.lastError : null),
    };
  }
}
