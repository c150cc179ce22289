import type { Database } from '../db/connect.js';
import type { ChatMessage } from '../db/models/index.js';
import { attachmentsById } from './attachment-records.js';

/**
 * Fills `attachments` on the messages that were sent with files, in one query for them all (none
 * when no message has any): what the API answers as `Message.attachments`.
 */
export async function fillAttachments(
  db: Database,
  messages: readonly ChatMessage[],
): Promise<void> {
  const ids = messages.flatMap((message) => message.attachment_ids ?? []);
  if (ids.length === 0) return;
  const rows = await attachmentsById(db, ids);
  for (const message of messages) {
    if (!message.attachment_ids?.length) continue;
    message.attachments = message.attachment_ids.flatMap((id) => rows.get(id) ?? []);
  }
}
