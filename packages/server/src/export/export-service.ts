import { PassThrough, Readable } from 'node:stream';
import type { AttachmentService } from '../attachments/attachment-service.js';
import { toMessageDto, toSessionDto, type MessageDto, type SessionDto } from '../chat/dto.js';
import type { SessionService } from '../chat/session-service.js';
import type { Database } from '../db/connect.js';
import type { ChatMessage } from '../db/models/index.js';
import { RateLimitedError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { exportFileName } from './export-file-name.js';
import { textHeader, textMessage } from './text-formats.js';
import { allMessages, branchMessages } from './transcript-messages.js';

export type ExportFormat = 'md' | 'txt' | 'json' | 'pdf';

export interface ExportRequest {
  userId: string;
  sessionId: string;
  format: ExportFormat;
  branches: 'current' | 'all';
}

export interface ExportFile {
  contentType: string;
  fileName: string;
  body: Readable;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
};

/** PDFs cost CPU: at most this many are made for one user at once (docs/openapi.yaml). */
const PDFS_PER_USER_AT_ONCE = 2;

/**
 * SPEC "Finding and keeping conversations", export: a session's current branch (or, as JSON, its
 * whole tree) as a file, streamed as its messages are read, a chunk at a time.
 */
export class ExportService {
  readonly #pdfsInHand = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    private readonly attachments: AttachmentService,
    private readonly logger: Logger,
  ) {}

  async export(request: ExportRequest): Promise<ExportFile> {
    const row = await this.sessions.find(request.userId, request.sessionId); // 404 first
    const session = toSessionDto(row);
    const exportedAt = new Date();
    const messages = this.#messages(request, session);
    const file = (body: AsyncIterable<string | Buffer> | Readable): ExportFile => ({
      contentType: CONTENT_TYPES[request.format],
      fileName: exportFileName(session.title, request.format),
      body: body instanceof Readable ? body : Readable.from(body),
    });
    switch (request.format) {
      case 'md':
      case 'txt':
        return file(textDocument(request.format, session, exportedAt, messages));
      case 'json':
        return file(jsonDocument(session, request.branches, exportedAt, messages));
      case 'pdf':
        return file(await this.#pdf(request.userId, session, exportedAt, messages));
    }
  }

  async *#messages(request: ExportRequest, session: SessionDto): AsyncGenerator<MessageDto> {
    const rows: AsyncGenerator<ChatMessage> =
      request.branches === 'all'
        ? allMessages(this.db, session.id)
        : branchMessages(this.db, session.id, session.current_message_id);
    for await (const row of rows) yield toMessageDto(row);
  }

  async #pdf(
    userId: string,
    session: SessionDto,
    exportedAt: Date,
    messages: AsyncIterable<MessageDto>,
  ): Promise<Readable> {
    const inHand = this.#pdfsInHand.get(userId) ?? 0;
    if (inHand >= PDFS_PER_USER_AT_ONCE) {
      throw new RateLimitedError(
        5,
        'Two PDF exports are being made for you already; retry shortly.',
      );
    }
    this.#pdfsInHand.set(userId, inHand + 1);
    const release = () => {
      const left = (this.#pdfsInHand.get(userId) ?? 1) - 1;
      if (left > 0) this.#pdfsInHand.set(userId, left);
      else this.#pdfsInHand.delete(userId);
    };
    const { writePdfTranscript } = await import('./pdf/write-pdf.js');
    const out = new PassThrough();
    const entries = (async function* () {
      for await (const message of messages) {
        yield {
          role: message.role,
          content: message.content,
          created_at: message.created_at,
          attachments: (message.attachments ?? []).map((a) => ({
            id: a.id,
            kind: a.kind,
            name: a.name,
            media_type: a.media_type,
          })),
        };
      }
    })();
    const loadImage = async (id: string) => {
      try {
        return (await this.attachments.read(userId, id, 'original')).bytes;
      } catch {
        return null; // gone since: the PDF names it only
      }
    };
    writePdfTranscript(
      out,
      { title: session.title, mode: session.mode, exportedAt },
      entries,
      loadImage,
    )
      .catch((error: unknown) => {
        this.logger.error({ err: error, session_id: session.id }, 'PDF export failed mid-way');
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(release);
    return out;
  }
}

async function* textDocument(
  format: 'md' | 'txt',
  session: SessionDto,
  exportedAt: Date,
  messages: AsyncIterable<MessageDto>,
): AsyncGenerator<string> {
  yield textHeader(format, session, exportedAt);
  for await (const message of messages) yield textMessage(format, message);
}

/** `SessionExport` (docs/openapi.yaml), written a message at a time. */
async function* jsonDocument(
  session: SessionDto,
  branches: 'current' | 'all',
  exportedAt: Date,
  messages: AsyncIterable<MessageDto>,
): AsyncGenerator<string> {
  const head = {
    format: 'repruv.conversation.v1',
    exported_at: exportedAt.toISOString(),
    branches,
    session,
  };
  yield `${JSON.stringify(head).slice(0, -1)},"messages":[`;
  let first = true;
  for await (const message of messages) {
    yield `${first ? '' : ','}\n${JSON.stringify(message)}`;
    first = false;
  }
  yield '\n]}\n';
}
