import type { Db } from '../db/open';
import type { Settings } from '../../common/ipc/contract';
import type { Locale } from '../../common/ipc/models';

const DEFAULTS: Settings = { locale: 'id', serverUrl: null, idleLockMinutes: 10 };

/** Installation settings kept as key/value rows; unknown or corrupt values fall back to defaults. */
export class SettingsStore {
  constructor(
    private readonly db: Db,
    private readonly fallbackServerUrl: string | null,
  ) {}

  async get(): Promise<Settings> {
    const rows = await this.db<{ key: string; value: string }>('settings').select('key', 'value');
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
    await this.db.transaction(async (trx) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        await trx('settings')
          .insert({ key, value: value === null ? '' : String(value) })
          .onConflict('key')
          .merge();
      }
    });
    return this.get();
  }
}
