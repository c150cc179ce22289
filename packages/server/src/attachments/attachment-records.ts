import type { Database } from '../db/connect.js';
import type { components } from '../generated/openapi.js';
import type { AttachmentKind, AttachmentMediaType } from './file-kind.js';

/** The API's Attachment object, generated from docs/openapi.yaml. */
export type AttachmentDto = components['schemas']['Attachment'];

/** A row of `ai_attachments`. */
export interface AttachmentRow {
  id: string;
  user_id: string;
  message_id: string | null;
  session_id: string | null;
  kind: AttachmentKind;
  media_type: AttachmentMediaType;
  name: string;
  size: string | number;
  width: number | null;
  height: number | null;
  pages: number | null;
  thumbnail_size: string | number | null;
  storage: 'postgres' | 's3';
  created_at: Date | string;
}

export function toAttachmentDto(row: AttachmentRow): AttachmentDto {
  return {
    id: row.id,
    kind: row.kind,
    media_type: row.media_type,
    name: row.name,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    pages: row.pages,
    created_at: new Date(row.created_at).toISOString(),
  };
}

/** The rows of `ids` that `userId` owns, in the order of `ids` (missing ones left out). */
export async function ownAttachments(
  db: Database,
  userId: string,
  ids: readonly string[],
): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  const rows = (await db('ai_attachments')
    .whereIn('id', ids)
    .andWhere({ user_id: userId })) as AttachmentRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every row of `ids`, whoever owns it: for ids read off the caller's own messages. */
export async function attachmentsById(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, AttachmentRow>> {
  if (ids.length === 0) return new Map();
  const rows = (await db('ai_attachments').whereIn('id', ids)) as AttachmentRow[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** Bytes the user keeps in attachments, for the quota. */
export async function storedBytes(db: Database, userId: string): Promise<number> {
  const row = (await db('ai_attachments')
    .where({ user_id: userId })
    .sum({ total: 'size' })
    .first()) as { total: string | number | null } | undefined;
  return Number(row?.total ?? 0);
}
