import { fillAttachments } from '../../attachments/message-attachments.js';
import type { Database } from '../../db/connect.js';
import { InvalidRequestError, NotFoundError } from '../../errors.js';
import type { StoredTurn } from '../../llm/context-builder.js';
import { toMessageDto, type MessageDto } from '../dto.js';
import {
  BRANCH_HISTORY_SQL,
  CURRENT_BRANCH_PAGE_SQL,
  LEAF_PAGE_SQL,
  PAGE_BEFORE_SQL,
} from './branch-sql.js';
import { fromFactsRow, type MessageFactsRow } from './message-facts.js';
import { runNamed } from '../../db/named-statements.js';

export interface MessagePage {
  data: MessageDto[];
  has_more: boolean;
}

export interface PageRequest {
  limit: number;
  before?: string | undefined;
  leaf?: string | undefined;
}

/** A stored turn of a branch, as Claude's context is built from it. */
export interface BranchTurn extends StoredTurn {
  id: string;
  parent_id: string | null;
}

export interface HistoryRequest {
  userId: string;
  sessionId: string;
  /** The branch's last message; undefined: the session's current leaf; null: no history at all. */
  anchor?: string | null | undefined;
}

interface PageContext {
  before_found: boolean | null;
  leaf_found: boolean | null;
}

/** Reads along branches of a session's tree (branch-sql.ts). Writes nothing. */
export class BranchQueries {
  constructor(
    private readonly db: Database,
    /** How many messages of a branch Claude's context is built from. */
    private readonly contextMessages: number,
  ) {}

  /**
   * A page of the current branch, of the branch through `leaf`, or of `before`'s ancestors: one
   * statement each; only an empty page asks why (404, 400, or truly empty).
   */
  async page(userId: string, sessionId: string, request: PageRequest): Promise<MessagePage> {
    let rows: MessageFactsRow[];
    if (request.before) {
      // Older pages follow `before`'s own branch: a `leaf` sent along changes nothing.
      const bindings = [request.before, sessionId, userId, sessionId, request.limit];
      rows = await runNamed(this.db, 'tree_page_before', PAGE_BEFORE_SQL, bindings);
    } else if (request.leaf) {
      const bindings = [request.leaf, sessionId, sessionId, userId, sessionId, request.limit];
      rows = await runNamed(this.db, 'tree_leaf_page', LEAF_PAGE_SQL, bindings);
    } else {
      const bindings = [sessionId, userId, sessionId, request.limit];
      rows = await runNamed(this.db, 'tree_current_page', CURRENT_BRANCH_PAGE_SQL, bindings);
    }
    if (rows.length === 0) await this.refuseEmptyPage(userId, sessionId, request);
    const hasMore = rows.length > request.limit;
    const page = hasMore ? rows.slice(1) : rows;
    const messages = page.map(fromFactsRow);
    await fillAttachments(this.db, messages);
    return { data: messages.map(toMessageDto), has_more: hasMore };
  }

  /** The branch's newest messages (at most CHAT_CONTEXT_MESSAGES), oldest first. */
  async branchHistory(request: HistoryRequest): Promise<BranchTurn[]> {
    if (request.anchor === null) return [];
    const { userId, sessionId } = request;
    const rows = await runNamed<BranchTurn>(this.db, 'tree_branch_history', BRANCH_HISTORY_SQL, [
      request.anchor ?? null,
      sessionId,
      userId,
      sessionId,
      userId,
      this.contextMessages,
    ]);
    return rows.reverse();
  }

  /**
   * Why a page is empty: the session is not the user's or `leaf` not of it (404), `before` not of
   * it (400), or none.
   */
  private async refuseEmptyPage(
    userId: string,
    sessionId: string,
    request: PageRequest,
  ): Promise<void> {
    const context = await this.pageContext(userId, sessionId, request);
    if (request.leaf && !request.before && !context.leaf_found) throw new NotFoundError('Message');
    if (request.before && !context.before_found) {
      throw new InvalidRequestError('`before` is not a message of this session.', {
        field: 'before',
      });
    }
  }

  /** The session (404 unless the user's) and whether `before` and `leaf` are of it. */
  private async pageContext(
    userId: string,
    sessionId: string,
    request: PageRequest,
  ): Promise<PageContext> {
    const ofSession = (column: string) =>
      `(SELECT ${column} FROM ai_chat_messages x WHERE x.id = ? AND x.session_id = s.id)`;
    const { rows } = (await this.db.raw(
      `SELECT ${ofSession('true')} AS before_found, ${ofSession('true')} AS leaf_found
         FROM ai_chat_sessions s WHERE s.id = ? AND s.user_id = ?`,
      [request.before ?? null, request.leaf ?? null, sessionId, userId],
    )) as { rows: PageContext[] };
    if (!rows[0]) throw new NotFoundError('Session');
    return rows[0];
  }
}
