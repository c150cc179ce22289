import type { Database } from './connect.js';

/** One value the server keeps for itself in `server_settings` (undefined: none yet). */
export async function readSetting(db: Database, key: string): Promise<string | undefined> {
  const row = (await db('server_settings').where({ key }).first()) as { value: string } | undefined;
  return row?.value;
}

/** Sets (or replaces) one of the server's own values. */
export async function writeSetting(db: Database, key: string, value: string): Promise<void> {
  await db('server_settings').insert({ key, value }).onConflict('key').merge();
}
