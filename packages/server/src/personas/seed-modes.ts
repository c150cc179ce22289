import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connect.js';
import { NO_SITE_SQL } from '../db/no-site.js';
import { promptWithGuidance } from '../llm/system-prompts.js';

/**
 * CHAT_MODES become global personas the first time a server starts with them; from then on they
 * are the operator's to edit in the console, and a later start leaves them as edited.
 */
export async function seedConfiguredModes(
  db: Database,
  modes: Record<string, string>,
): Promise<void> {
  const rows = Object.entries(modes).map(([mode, guidance]) => ({
    id: randomUUID(),
    mode,
    name: mode.charAt(0).toUpperCase() + mode.slice(1),
    description: guidance.slice(0, 200),
    system_prompt: promptWithGuidance(guidance),
  }));
  if (rows.length === 0) return;
  await db.raw(
    `INSERT INTO ai_personas (id, mode, name, description, system_prompt)
     SELECT * FROM jsonb_to_recordset(?::jsonb)
       AS r(id uuid, mode text, name text, description text, system_prompt text)
     ON CONFLICT ((coalesce(site_id, ${NO_SITE_SQL})), mode) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}
