import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connect.js';

/** A session still without a question this long after it opened is filed as having none. */
const EMPTY_AFTER_MS = 86_400_000;
/**
 * How alike (pg_trgm's similarity of trigrams) a question and a group's first question must be:
 * a rewording ("… in 2026?", "Quick question: …") scores 0.74-0.86; the same frame on another
 * subject ("grow" / "monetize my YouTube channel") 0.6-0.7, and stays apart.
 */
export const SIMILARITY = 0.72;
/** The most of a question kept: enough to read, and trigrams of a page would match anything. */
const QUESTION_CHARS = 300;

interface FirstQuestion {
  session_id: string;
  site_id: string | null;
  /** Null: the session has no message yet (and is a day old). */
  content: string | null;
  created_at: Date | null;
}

/** What two askings of one question share: case, spacing and the closing punctuation aside. */
export function normalizeQuestion(content: string): string {
  return content
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?!.…]+$/u, '')
    .slice(0, QUESTION_CHARS);
}

/**
 * Files the first question of sessions not filed yet (oldest first, at most `limit` a run) under
 * the group of its most similar earlier question, or a new group of its own; a session still empty
 * a day after it opened is marked as filed with none. Part of the rollup job's transaction
 * (usage-rollups.ts); returns how many sessions it filed, so a caller catching up knows whether
 * more are waiting.
 */
export async function groupNewQuestions(trx: Database, now: Date, limit: number): Promise<number> {
  const { rows } = (await trx.raw(
    `SELECT s.id AS session_id, s.site_id, s.created_at AS opened_at, q.content, q.created_at
       FROM ai_chat_sessions s
       LEFT JOIN LATERAL (
         SELECT content, created_at FROM ai_chat_messages m
          WHERE m.session_id = s.id AND m.role = 'user' AND m.parent_id IS NULL
          ORDER BY m.seq LIMIT 1) q ON true
      WHERE s.question_filed_at IS NULL
        AND (q.content IS NOT NULL OR s.created_at < ?::timestamptz)
      ORDER BY s.created_at
      LIMIT ?`,
    [new Date(now.getTime() - EMPTY_AFTER_MS), limit],
  )) as { rows: Array<FirstQuestion & { opened_at: Date }> };

  await trx.raw(`SET LOCAL pg_trgm.similarity_threshold = ${SIMILARITY}`);
  const groupOf = new Map<string, string>();
  const filed: Array<Record<string, unknown>> = [];
  for (const question of rows) {
    const normalized = question.content === null ? '' : normalizeQuestion(question.content);
    if (!normalized) continue;
    let groupId = groupOf.get(normalized);
    if (!groupId) {
      groupId = (await nearestGroup(trx, normalized)) ?? (await newGroup(trx, normalized));
      groupOf.set(normalized, groupId);
    }
    filed.push({
      session_id: question.session_id,
      group_id: groupId,
      site_id: question.site_id,
      asked_at: new Date(question.created_at!).toISOString(),
      question: question.content!.replace(/\s+/g, ' ').trim().slice(0, QUESTION_CHARS),
    });
  }
  if (filed.length > 0) {
    await trx.raw(
      `INSERT INTO session_questions (session_id, group_id, site_id, day, question, asked_at)
       SELECT r.session_id, r.group_id, r.site_id, (r.asked_at AT TIME ZONE 'UTC')::date,
              r.question, r.asked_at
         FROM jsonb_to_recordset(?::jsonb)
              AS r(session_id uuid, group_id uuid, site_id uuid, question text, asked_at timestamptz)
       ON CONFLICT (session_id) DO NOTHING`,
      [JSON.stringify(filed)],
    );
  }
  if (rows.length > 0) {
    await trx.raw(
      'UPDATE ai_chat_sessions SET question_filed_at = now() WHERE id = ANY(?::uuid[])',
      [rows.map((row) => row.session_id)],
    );
  }
  return rows.length;
}

async function nearestGroup(trx: Database, normalized: string): Promise<string | undefined> {
  const { rows } = (await trx.raw(
    `SELECT id FROM question_groups WHERE representative % ?
      ORDER BY representative <-> ? LIMIT 1`,
    [normalized, normalized],
  )) as { rows: Array<{ id: string }> };
  return rows[0]?.id;
}

async function newGroup(trx: Database, normalized: string): Promise<string> {
  const id = randomUUID();
  await trx('question_groups').insert({ id, representative: normalized });
  return id;
}
