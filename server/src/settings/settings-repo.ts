/** Mall-wide settings (key/value). */
import type { Knex } from 'knex';
import type { SettingRow } from '../db/rows';

export const SETTING_KEYS = { mallName: 'mall_name', timezone: 'timezone' } as const;
export const DEFAULT_MALL_NAME = 'Mal Pelayanan Publik';
export const DEFAULT_TIMEZONE = 'Asia/Jakarta';

export async function getSetting(db: Knex, key: string): Promise<string | null> {
  const row = await db<SettingRow>('settings').where({ key }).first();
  return row?.value ?? null;
}

export async function setSetting(db: Knex, key: string, value: string): Promise<void> {
  await db<SettingRow>('settings').insert({ key, value }).onConflict('key').merge(['value']);
}

export async function getMallName(db: Knex): Promise<string> {
  return (await getSetting(db, SETTING_KEYS.mallName)) ?? DEFAULT_MALL_NAME;
}
