import type { ContextFile, ContextFiles, StoredTurn } from '../llm/context-builder.js';
import { allFileIds, contextFileIds, NO_FILES } from '../llm/context-builder.js';
import type { AttachmentService } from './attachment-service.js';

/**
 * The files a call to Claude carries (SPEC "Attachments"): the bytes of the newest
 * CHAT_CONTEXT_ATTACHMENTS files among the context's messages, and the names of older ones.
 */
export class ContextFileLoader {
  constructor(
    private readonly attachments: AttachmentService,
    private readonly contextMessages: number,
    private readonly maxFiles: number,
  ) {}

  async load(history: StoredTurn[]): Promise<ContextFiles> {
    const named = allFileIds(history);
    if (named.length === 0) return NO_FILES;
    const sent = contextFileIds(history, this.contextMessages, this.maxFiles);
    const [rows, bytes] = await Promise.all([
      this.attachments.describe(named),
      this.attachments.bytesFor(sent),
    ]);
    const files = new Map<string, ContextFile>();
    for (const [id, row] of rows) {
      files.set(id, {
        kind: row.kind,
        mediaType: row.media_type,
        name: row.name,
        data: bytes.get(id)?.toString('base64'),
      });
    }
    return files;
  }
}
