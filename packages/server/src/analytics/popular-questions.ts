import type { Database } from '../db/connect.js';
import type { components } from '../generated/openapi.js';
import { csvText } from './csv.js';

export type PopularQuestion = components['schemas']['PopularQuestion'];

const EXAMPLES = 3;

/** The first questions most asked in a range of UTC days, grouped by similarity (question-grouping.ts). */
export class PopularQuestions {
  constructor(private readonly db: Database) {}

  async top(from: string, to: string, siteId: string | null, limit: number) {
    const site = siteId ? 'AND site_id = ?' : '';
    const bindings = siteId ? [from, to, siteId] : [from, to];
    const { rows } = (await this.db.raw(
      `WITH asked AS (
         SELECT group_id, question, asked_at FROM session_questions
          WHERE day BETWEEN ?::date AND ?::date ${site}
       ), groups AS (
         SELECT group_id, count(*) AS sessions, max(asked_at) AS last_asked_at,
                sum(count(*)) OVER () AS total
           FROM asked GROUP BY group_id
       ), top AS (
         SELECT * FROM groups ORDER BY sessions DESC, last_asked_at DESC LIMIT ?
       ), wordings AS (
         SELECT a.group_id, lower(a.question) AS key, min(a.question) AS question, count(*) AS n,
                row_number() OVER (PARTITION BY a.group_id ORDER BY count(*) DESC, lower(a.question)) AS rank
           FROM asked a JOIN top t ON t.group_id = a.group_id
          GROUP BY a.group_id, lower(a.question)
       )
       SELECT t.group_id, t.sessions, t.total, t.last_asked_at,
              array_agg(w.question ORDER BY w.rank) AS examples
         FROM top t JOIN wordings w ON w.group_id = t.group_id AND w.rank <= ${EXAMPLES}
        GROUP BY t.group_id, t.sessions, t.total, t.last_asked_at
        ORDER BY t.sessions DESC, t.last_asked_at DESC`,
      [...bindings, limit],
    )) as { rows: Array<Record<string, unknown>> };
    // No group in the range: no question either.
    const totalSessions = Number(rows[0]?.total ?? 0);
    const data: PopularQuestion[] = rows.map((row) => {
      const examples = row.examples as string[];
      return {
        group_id: String(row.group_id),
        question: examples[0]!,
        sessions: Number(row.sessions),
        share: Math.round((Number(row.sessions) / totalSessions) * 10_000) / 10_000,
        examples,
        last_asked_at: new Date(row.last_asked_at as Date).toISOString(),
      };
    });
    return { total_sessions: totalSessions, data };
  }
}

export function questionsCsv(questions: PopularQuestion[]): string {
  return csvText(
    ['rank', 'question', 'sessions', 'share', 'examples', 'last_asked_at'],
    questions.map((q, i) => [
      i + 1,
      q.question,
      q.sessions,
      q.share,
      q.examples.join(' | '),
      q.last_asked_at,
    ]),
  );
}
