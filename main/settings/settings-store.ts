import type { Db } from '../db/open';
import type { Settings } from '../../common/ipc/contract';
import type { Locale } from '../../common/ipc/models';

const DEFAULTS: Settings = { locale: 'id', serverUrl: null, idleLockMinutes: 10 };

const KEYS = ['locale', 'serverUrl', 'idleLockMinutes'] as const;

/**
 * Installation settings kept as key/value rows; unknown or corrupt values fall back to defaults.
 * Read on every server request (its URL) and every session check, so the parsed value is kept
 * in memory: this store is the only writer of these keys.
 */
export class SettingsStore {
  private cached: Promise<Settings> | null = null;

  constructor(
    private readonly db: Db,
    private readonly fallbackServerUrl: string | null,
  ) {}

  get(): Promise<Settings> {
    if (!this.cached) {
      this.cached = this.load();
      this.cached.catch(() => {
        this.cached = null;
      });
    }
    return this.cached;
  }

  private async load(): Promise<Settings> {
    const rows = await this.db<{ key: string; value: string }>('settings').whereIn('key', [...KEYS]).select('key', 'value');
    const map = new Map(rows.map((r) => [r.key, r.value]));
    const locale = map.get('locale');
    const idle = Number(map.get('idleLockMinutes'));
    return {
      locale: locale === 'en' || locale === 'id' ? (locale as Locale) : DEFAULTS.locale,
      serverUrl: map.has('serverUrl') ? (map.get('serverUrl') || null) : this.fallbackServerUrl,
      idleLockMinutes: Number.isInteger(idle) && idle > 0 ? idle : DEFAULTS.idleLockMinutes,
    };
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    this.cached = null;
    await this.db.transaction(async (trx) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        await trx('settings')
          .insert({ key, value: value === null ? '' : String(value) })
          .onConflict('key')
          .merge();
      }
    });
    this.cached = null;
    return this.get();
  }
}
