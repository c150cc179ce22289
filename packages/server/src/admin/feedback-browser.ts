import type { Knex } from 'knex';
import { MAX_BIGINT } from '../chat/cursor.js';
import type { Database } from '../db/connect.js';
import { InvalidRequestError } from '../errors.js';

export interface FeedbackFilters {
  rating?: 'up' | 'down' | undefined;
  tag?: string | undefined;
  mode?: string | undefined;
  siteId?: string | undefined;
  personaId?: string | undefined;
  variantId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

interface FeedbackRow {
  message_id: string;
  session_id: string;
  site_id: string | null;
  rating: 'up' | 'down';
  comment: string | null;
  tags: string[];
  model: string | null;
  mode: string | null;
  persona_id: string | null;
  variant_id: string | null;
  updated_at: Date;
  updated_micros: string;
  reply: string;
  question: string | null;
}

export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** Longest path walked up from a rated reply: deeper conversations are cut to their end. */
const MAX_PATH_MESSAGES = 500;
const SNIPPET_CHARS = 400;
const EXPORT_BATCH = 200;

/** Keyset position: PostgreSQL keeps microseconds, which a Date would round away. */
interface After {
  updatedMicros: string;
  id: string;
}

function encodeFeedbackCursor(after: After): string {
  return Buffer.from(`${after.updatedMicros}|${after.id}`).toString('base64url');
}

function decodeFeedbackCursor(cursor: string): After {
  const match = /^(\d{1,19})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match || BigInt(match[1]!) > MAX_BIGINT) {
    throw new InvalidRequestError('The cursor is not valid.', { field: 'cursor' });
  }
  return { updatedMicros: match[1]!, id: match[2]! };
}

const snippet = (text: string | null) =>
  text === null || text.length <= SNIPPET_CHARS ? text : `${text.slice(0, SNIPPET_CHARS)}…`;

/** Rated replies for the console: filtered, newest first, each with its question; and the JSONL set. */
export class FeedbackBrowser {
  constructor(private readonly db: Database) {}

  private filtered(filters: FeedbackFilters): Knex.QueryBuilder {
    const query = this.db('ai_message_feedback as f')
      .join('ai_chat_messages as a', 'a.id', 'f.message_id')
      .leftJoin('ai_chat_messages as q', 'q.id', 'a.parent_id');
    if (filters.rating) query.where('f.rating', filters.rating);
    if (filters.tag) query.whereRaw('? = ANY(f.tags)', [filters.tag]);
    if (filters.mode) query.where('f.mode', filters.mode);
    if (filters.siteId) query.where('f.site_id', filters.siteId);
    if (filters.personaId) query.where('f.persona_id', filters.personaId);
    if (filters.variantId) query.where('f.variant_id', filters.variantId);
    if (filters.from) query.where('f.updated_at', '>=', filters.from);
    if (filters.to) query.where('f.updated_at', '<', filters.to);
    return query;
  }

  private async rows(
    filters: FeedbackFilters,
    limit: number,
    after?: After,
  ): Promise<FeedbackRow[]> {
    const query = this.filtered(filters)
      .select(
        'f.message_id',
        'f.session_id',
        'f.site_id',
        'f.rating',
        'f.comment',
        'f.tags',
        'f.model',
        'f.mode',
        'f.persona_id',
        'f.variant_id',
        'f.updated_at',
        'a.content as reply',
        'q.content as question',
        this.db.raw('(extract(epoch from f.updated_at) * 1000000)::bigint::text as updated_micros'),
      )
      .orderBy([
        { column: 'f.updated_at', order: 'desc' },
        { column: 'f.message_id', order: 'desc' },
      ])
      .limit(limit);
    if (after) {
      query.whereRaw(
        "(f.updated_at, f.message_id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?::uuid)",
        [after.updatedMicros, after.id],
      );
    }
    return (await query) as FeedbackRow[];
  }

  async page(filters: FeedbackFilters, limit: number, cursor?: string) {
    const rows = await this.rows(
      filters,
      limit + 1,
      cursor ? decodeFeedbackCursor(cursor) : undefined,
    );
    const pageRows = rows.slice(0, limit);
    const last = pageRows.at(-1);
    return {
      data: pageRows.map(({ updated_micros: _key, ...row }) => ({
        ...row,
        updated_at: new Date(row.updated_at).toISOString(),
        reply: snippet(row.reply),
        question: snippet(row.question),
      })),
      next_cursor:
        rows.length > limit && last
          ? encodeFeedbackCursor({ updatedMicros: last.updated_micros, id: last.message_id })
          : null,
    };
  }

  /** The branch from the conversation's start to the rated reply; undefined when it is not rated. */
  async conversation(messageId: string): Promise<ConversationTurn[] | undefined> {
    const rated = await this.db('ai_message_feedback')
      .where({ message_id: messageId })
      .first('message_id');
    if (!rated) return undefined;
    return (await this.paths([messageId])).get(messageId) ?? [];
  }

  /** Each rated reply's branch, root first, in one recursive query. */
  private async paths(messageIds: string[]): Promise<Map<string, ConversationTurn[]>> {
    const { rows } = (await this.db.raw(
      `WITH RECURSIVE path AS (
         SELECT m.id AS rated_id, m.parent_id, m.role, m.content, 0 AS depth
           FROM ai_chat_messages m WHERE m.id = ANY(?::uuid[])
         UNION ALL
         SELECT p.rated_id, m.parent_id, m.role, m.content, p.depth + 1
           FROM path p JOIN ai_chat_messages m ON m.id = p.parent_id
          WHERE p.depth + 1 < ?
       )
       SELECT rated_id, role, content FROM path ORDER BY rated_id, depth DESC`,
      [messageIds, MAX_PATH_MESSAGES],
    )) as { rows: Array<{ rated_id: string; role: 'user' | 'assistant'; content: string }> };
    const paths = new Map<string, ConversationTurn[]>();
    for (const row of rows) {
      let path = paths.get(row.rated_id);
      if (!path) paths.set(row.rated_id, (path = []));
      path.push({ role: row.role, content: row.content });
    }
    return paths;
  }

  /**
   * The rated conversations as JSONL lines, read in batches (keyset), so that a large set streams
   * in constant memory: `{messages, rating, comment, tags, model, persona, variant}`.
   */
  async *exportLines(filters: FeedbackFilters): AsyncGenerator<string> {
    let after: After | undefined;
    for (;;) {
      const rows = await this.rows(filters, EXPORT_BATCH, after);
      if (rows.length === 0) return;
      const paths = await this.paths(rows.map((row) => row.message_id));
      let lines = '';
      for (const row of rows) {
        lines += `${JSON.stringify({
          messages: paths.get(row.message_id) ?? [],
          rating: row.rating,
          comment: row.comment,
          tags: row.tags,
          model: row.model,
          mode: row.mode,
          persona: row.persona_id,
          variant: row.variant_id,
        })}\n`;
      }
      yield lines;
      const last = rows.at(-1)!;
      after = { updatedMicros: last.updated_micros, id: last.message_id };
    }
  }
}
