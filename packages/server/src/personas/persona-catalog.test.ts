import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../db/connect.js';
import { connectDatabase } from '../db/connect.js';
import { openUnitDatabase } from '../../test/support/chat-units.js';
import { fallbackPrompt } from '../llm/system-prompts.js';
import { PersonaCatalog } from './persona-catalog.js';
import { seedConfiguredModes } from './seed-modes.js';

let db: Database;
beforeAll(async () => {
  db = await openUnitDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

test('before its first read, the catalog answers with the built-in prompts', () => {
  const catalog = new PersonaCatalog(db);
  const choice = catalog.choose({ siteId: undefined, mode: 'writing', userId: randomUUID() });
  expect(choice).toMatchObject({ personaId: null, system: fallbackPrompt('writing') });
});

test('a change made elsewhere (another instance) is read within the refresh interval', async () => {
  const here = new PersonaCatalog(db);
  await here.load();
  here.start(20);
  try {
    await db('ai_personas')
      .where({ mode: 'strategy' })
      .update({ system_prompt: 'Edited elsewhere.' });
    await expect
      .poll(() => here.choose({ siteId: undefined, mode: 'strategy', userId: 'u' }).system)
      .toBe('Edited elsewhere.');
  } finally {
    here.stop();
  }
});

test('CHAT_MODES become personas once; a later start keeps the operator’s edit', async () => {
  await seedConfiguredModes(db, { podcast: 'Focus on podcast episodes.' });
  const [seeded] = await db('ai_personas').where({ mode: 'podcast' });
  expect(seeded).toMatchObject({ site_id: null, name: 'Podcast', built_in: false });
  expect(seeded.system_prompt).toMatch(/^You are Repruv AI.+Focus on podcast episodes\.$/s);

  await db('ai_personas').where({ mode: 'podcast' }).update({ system_prompt: 'The operator’s.' });
  await seedConfiguredModes(db, { podcast: 'Focus on podcast episodes.' });
  const rows = await db('ai_personas').where({ mode: 'podcast' });
  expect(rows).toHaveLength(1);
  expect(rows[0].system_prompt).toBe('The operator’s.');
});

test('a failed read rejects that load only; the next one reads again', async () => {
  const broken = connectDatabase({ url: 'postgres://nobody@127.0.0.1:1/none', pgliteDir: '' });
  const catalog = new PersonaCatalog(broken);
  await expect(catalog.load()).rejects.toThrow();
  await expect(catalog.load()).rejects.toThrow(); // read again, not the first failure replayed
  await broken.destroy();
  const working = new PersonaCatalog(db);
  await Promise.all([working.load(), working.load()]);
  expect(working.modesFor(undefined)).toContain('general');
});
