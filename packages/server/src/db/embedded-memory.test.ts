import { expect, test } from 'vitest';
import { connectDatabase } from './connect.js';

test("PGlite runs with buffers sized for a process it shares, not PostgreSQL's server defaults", async () => {
  const db = connectDatabase({ pgliteDir: 'memory://' });
  try {
    const setting = async (name: string) =>
      (
        (await db.raw(`SELECT current_setting('${name}') AS value`)) as {
          rows: { value: string }[];
        }
      ).rows[0]!.value;
    expect(await setting('shared_buffers')).toBe('16MB');
    expect(await setting('maintenance_work_mem')).toBe('16MB');
    expect(await setting('temp_buffers')).toBe('1MB');
    // PGlite's own start-up settings are kept beside them.
    expect(await setting('search_path')).toBe('public');
  } finally {
    await db.destroy();
  }
});
