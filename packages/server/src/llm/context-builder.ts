import type { ContentBlock, ConversationTurn } from './reply-generator.js';

export interface StoredTurn {
  role: 'user' | 'assistant';
  content: string;
  status: string;
  /** The files a user message was sent with, in order; null or absent for none. */
  attachment_ids?: string[] | null;
}

/** A file of the conversation as Claude is to see it: its bytes, or only its name (see contextFileIds). */
export interface ContextFile {
  kind: 'image' | 'document';
  mediaType: string;
  name: string;
  /** Base64 bytes, for the files sent again; absent for older ones, named in the text instead. */
  data?: string | undefined;
}

export type ContextFiles = ReadonlyMap<string, ContextFile>;

/** A call's files when its history names none. */
export const NO_FILES: ContextFiles = new Map();

/** Turns that go to Claude: failed and empty replies never do; a user turn with files always does. */
function isUsable(turn: StoredTurn): boolean {
  if (turn.role === 'user') return turn.content.trim() !== '' || hasFiles(turn);
  return turn.content.trim() !== '' && turn.status !== 'error';
}

function hasFiles(turn: StoredTurn): boolean {
  return (turn.attachment_ids?.length ?? 0) > 0;
}

/**
 * The files of the turns `buildClaudeContext` keeps, newest first, at most `maxFiles`: the ones whose
 * bytes are sent (again) on this call. Each image costs its tokens on every turn it is sent, so older
 * files are only named.
 */
export function contextFileIds(
  history: StoredTurn[],
  maxMessages: number,
  maxFiles: number,
): string[] {
  const ids: string[] = [];
  const kept = history.filter(isUsable).slice(-maxMessages);
  for (let i = kept.length - 1; i >= 0 && ids.length < maxFiles; i--) {
    const turnIds = kept[i]!.attachment_ids ?? [];
    for (let j = turnIds.length - 1; j >= 0 && ids.length < maxFiles; j--) ids.push(turnIds[j]!);
  }
  return ids;
}

/** Every file id of `history`'s turns, whatever their age (for their names). */
export function allFileIds(history: StoredTurn[]): string[] {
  return history.flatMap((turn) => turn.attachment_ids ?? []);
}

/**
 * Turns a session's recent messages (oldest first) into a valid Messages request: failed or empty
 * replies are left out, consecutive turns of one role are merged, and it starts and ends with a user
 * turn. A user turn with files becomes content blocks: its files first (as image or document
 * blocks, or by name when `files` holds no bytes for them), then its text.
 */
export function buildClaudeContext(
  history: StoredTurn[],
  maxMessages: number,
  files: ContextFiles = NO_FILES,
): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  for (const turn of history.filter(isUsable).slice(-maxMessages)) {
    const content = hasFiles(turn) ? blocksOf(turn, files) : turn.content;
    const previous = turns.at(-1);
    if (previous && previous.role === turn.role) {
      previous.content = merged(previous.content, content);
    } else {
      turns.push({ role: turn.role, content });
    }
  }
  while (turns.length > 0 && turns[0]!.role !== 'user') turns.shift();
  while (turns.length > 0 && turns.at(-1)!.role !== 'user') turns.pop();
  return turns;
}

function blocksOf(turn: StoredTurn, files: ContextFiles): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  for (const id of turn.attachment_ids ?? []) {
    const file = files.get(id);
    if (file?.data !== undefined) blocks.push(fileBlock(file, file.data));
    else blocks.push({ type: 'text', text: `[earlier attachment: ${file?.name ?? 'a file'}]` });
  }
  if (turn.content.trim() !== '') blocks.push({ type: 'text', text: turn.content });
  return blocks;
}

function fileBlock(file: ContextFile, data: string): ContentBlock {
  if (file.kind === 'document') {
    return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data } };
  }
  const mediaType = file.mediaType as 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  return { type: 'image', source: { type: 'base64', media_type: mediaType, data } };
}

function merged(
  a: ConversationTurn['content'],
  b: ConversationTurn['content'],
): ConversationTurn['content'] {
  if (typeof a === 'string' && typeof b === 'string') return `${a}\n\n${b}`;
  const asBlocks = (content: ConversationTurn['content']): ContentBlock[] =>
    typeof content === 'string' ? [{ type: 'text', text: content }] : content;
  return [...asBlocks(a), ...asBlocks(b)];
}
