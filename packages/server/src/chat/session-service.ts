import { randomUUID } from 'node:crypto';
import { raw } from 'objection';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { Database } from '../db/connect.js';
import { ChatSession, type SessionStatus } from '../db/models/index.js';
import { NotFoundError } from '../errors.js';
import { DEFAULT_MODE } from '../llm/system-prompts.js';
import type { PersonaCatalog } from '../personas/persona-catalog.js';
import type { ConversationCache } from './conversation-cache.js';
import { decodeSessionCursor, encodeSessionCursor } from './cursor.js';
import { toSessionDto, type SessionDto } from './dto.js';
import { checkForkable, forkSession, type ForkRequest } from './tree/fork.js';
import { switchBranch } from './tree/switch-branch.js';

export const DEFAULT_SESSION_TITLE = 'New Chat';

export interface SessionListRequest {
  limit: number;
  cursor?: string | undefined;
  status?: SessionStatus | undefined;
  mode?: string | undefined;
}

export interface SessionPage {
  data: SessionDto[];
  next_cursor: string | null;
}

/** Chat sessions of one user; another user's session is simply not found. */
export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly conversations: ConversationCache,
    private readonly personas: PersonaCatalog,
    private readonly attachments?: AttachmentService,
  ) {}

  /** 400 when `mode` names no persona of the user's site (a guest's) or of every site. */
  checkMode(mode: string | undefined, siteId: string | undefined): void {
    if (mode !== undefined) this.personas.requireMode(siteId, mode);
  }

  async create(
    userId: string,
    input: { title?: string; mode?: string },
    siteId?: string,
  ): Promise<SessionDto> {
    this.checkMode(input.mode, siteId);
    const session = await ChatSession.query(this.db)
      .insert({
        id: randomUUID(),
        user_id: userId,
        // A token may name a site that is not one (a host's token can claim anything): null then.
        site_id: siteId ? raw('(SELECT id FROM sites WHERE id::text = ?)', [String(siteId)]) : null,
        title: input.title ?? DEFAULT_SESSION_TITLE,
        title_source: input.title === undefined ? 'default' : 'user',
        mode: input.mode ?? DEFAULT_MODE,
        status: 'active',
        context_tags: [],
      })
      .returning('*');
    // A new conversation is known to be empty: its first send can ask Claude at once.
    this.conversations.set(session.id, {
      userId,
      mode: session.mode,
      sessionPrompt: session.system_prompt,
      history: [],
      clientMessageIds: [],
      leafId: null,
    });
    return toSessionDto(session);
  }

  async list(userId: string, page: SessionListRequest): Promise<SessionPage> {
    const query = ChatSession.query(this.db)
      .where('user_id', userId)
      .orderBy('activity_seq', 'desc')
      .limit(page.limit + 1);
    if (page.cursor) query.where('activity_seq', '<', decodeSessionCursor(page.cursor));
    if (page.status) query.where('status', page.status);
    if (page.mode) query.where('mode', page.mode);
    const rows = await query;
    const hasMore = rows.length > page.limit;
    const pageRows = rows.slice(0, page.limit);
    const last = pageRows.at(-1);
    return {
      data: pageRows.map(toSessionDto),
      next_cursor: hasMore && last ? encodeSessionCursor(last.activity_seq) : null,
    };
  }

  async get(userId: string, sessionId: string): Promise<SessionDto> {
    return toSessionDto(await this.find(userId, sessionId));
  }

  /** Renames, archives, or switches branch (the leaf becomes the message's newest descendant). */
  async update(
    userId: string,
    sessionId: string,
    changes: { title?: string; status?: SessionStatus; current_message_id?: string },
  ): Promise<SessionDto> {
    const { current_message_id: messageId, ...rest } = changes;
    if (messageId !== undefined) {
      const switched = await switchBranch(this.db, { userId, sessionId, messageId, ...rest });
      // What this process remembers of the conversation is another branch's now.
      this.conversations.delete(sessionId);
      if (switched) return toSessionDto(switched);
      await this.find(userId, sessionId); // 404 Session first
      throw new NotFoundError('Message');
    }
    const rows = await ChatSession.query(this.db)
      .patch({
        ...changes,
        // A title the user gives is theirs: automatic titles never replace it.
        ...(changes.title !== undefined && { title_source: 'user' as const }),
        // A change is activity too (docs/openapi.yaml, listSessions): it moves the session up.
        activity_seq: this.db.raw("nextval('ai_chat_activity_seq')") as unknown as number,
        updated_at: new Date(),
      })
      .where({ id: sessionId, user_id: userId })
      .returning('*');
    const session = (rows as unknown as ChatSession[])[0];
    if (!session) throw new NotFoundError('Session');
    return toSessionDto(session);
  }

  /**
   * A new session holding a copy of the branch up to a finished reply (see tree/fork.ts).
   * `admit` runs once the request is known to be valid: the cap on new sessions counts it.
   */
  async fork(request: ForkRequest, admit: () => Promise<void>): Promise<SessionDto> {
    await checkForkable(this.db, request);
    await admit();
    return toSessionDto(await forkSession(this.db, request));
  }

  /** The session, its messages and their attachments (rows and bytes, wherever they are kept). */
  async delete(userId: string, sessionId: string): Promise<void> {
    const inBucket = this.attachments?.store.kind === 's3';
    const files = inBucket ? await this.attachments!.idsInSession(sessionId, userId) : [];
    const deleted = await ChatSession.query(this.db)
      .delete()
      .where({ id: sessionId, user_id: userId });
    this.conversations.delete(sessionId);
    if (deleted === 0) throw new NotFoundError('Session');
    await this.attachments?.afterSessionDeleted(files);
  }

  async find(userId: string, sessionId: string): Promise<ChatSession> {
    const session = await ChatSession.query(this.db).findOne({ id: sessionId, user_id: userId });
    if (!session) throw new NotFoundError('Session');
    return session;
  }
}
