import { fillAttachments } from '../attachments/message-attachments.js';
import { toMessageDto, toSessionDto, type MessageDto, type SessionDto } from '../chat/dto.js';
import {
  fromFactsRow,
  messagesWithFacts,
  type MessageFactsRow,
} from '../chat/tree/message-facts.js';
import type { Database } from '../db/connect.js';
import type { ChatMessage, ChatSession } from '../db/models/index.js';
import { InvalidRequestError } from '../errors.js';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor.js';
import { findsNothing, parseSearchQuery } from './search-query.js';
import { searchStatement, type SearchFilters } from './search-sql.js';
import { makeSnippet } from './snippet.js';

export interface SearchRequest extends Omit<SearchFilters, 'after'> {
  q: string;
  cursor?: string | undefined;
}

export interface SearchHitDto {
  session: SessionDto;
  message: MessageDto | null;
  snippet: string;
  highlights: [number, number][];
}

export interface SearchPage {
  data: SearchHitDto[];
  next_cursor: string | null;
}

interface HitRow extends ChatSession {
  hit_message_id: string | null;
  hit_score: number;
}

/** SPEC "Finding and keeping conversations": one user's sessions by their titles and messages. */
export class SearchService {
  constructor(private readonly db: Database) {}

  async search(request: SearchRequest): Promise<SearchPage> {
    const query = parseSearchQuery(request.q);
    if (request.from && request.to && request.from > request.to) {
      throw new InvalidRequestError('from must not be after to.', { field: 'from' });
    }
    const after = request.cursor ? decodeSearchCursor(request.cursor) : undefined;
    if (findsNothing(query)) return { data: [], next_cursor: null };

    const { sql, bindings } = searchStatement(query, { ...request, after });
    const result = (await this.db.raw(sql, bindings)) as { rows: HitRow[] };
    const rows = result.rows.slice(0, request.limit);
    const messages = await this.messagesById(rows.flatMap((row) => row.hit_message_id ?? []));
    const data = rows.map((row): SearchHitDto => {
      const message = row.hit_message_id ? messages.get(row.hit_message_id) : undefined;
      const { snippet, highlights } = makeSnippet(message?.content ?? row.title, query);
      return {
        session: toSessionDto(row),
        message: message ? toMessageDto(message) : null,
        snippet,
        highlights,
      };
    });
    const last = rows.at(-1);
    const hasMore = result.rows.length > request.limit;
    return {
      data,
      next_cursor:
        hasMore && last
          ? encodeSearchCursor({ score: last.hit_score, activitySeq: String(last.activity_seq) })
          : null,
    };
  }

  private async messagesById(ids: string[]): Promise<Map<string, ChatMessage>> {
    if (!ids.length) return new Map();
    const rows = (await messagesWithFacts(this.db).whereIn('m.id', ids)) as MessageFactsRow[];
    const messages = rows.map(fromFactsRow);
    await fillAttachments(this.db, messages);
    return new Map(messages.map((message) => [message.id, message]));
  }
}
