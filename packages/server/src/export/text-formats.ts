import type { MessageDto, SessionDto } from '../chat/dto.js';

/** The two text formats of an export: Markdown (the messages are Markdown already) and plain text. */
export type TextFormat = 'md' | 'txt';

const SPEAKERS = { user: 'You', assistant: 'Assistant' } as const;
const STATUS_NOTES: Partial<Record<MessageDto['status'], string>> = {
  stopped: 'stopped before the end',
  error: 'failed',
  streaming: 'still being written',
};

/** "2026-12-02 05:30 UTC": the same for every reader, wherever they are. */
export function utcTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function textHeader(format: TextFormat, session: SessionDto, exportedAt: Date): string {
  const facts = `Mode: ${session.mode} · Exported ${utcTime(exportedAt.toISOString())}`;
  if (format === 'md') return `# ${session.title}\n\n_${facts}_\n\n---\n\n`;
  return `${session.title}\n${facts}\n\n`;
}

export function textMessage(format: TextFormat, message: MessageDto): string {
  const speaker = SPEAKERS[message.role];
  const when = utcTime(message.created_at);
  const note = STATUS_NOTES[message.status];
  const heading =
    format === 'md'
      ? `**${speaker}** · ${when}${note ? ` · _${note}_` : ''}`
      : `${speaker} — ${when}${note ? ` (${note})` : ''}`;
  const files = message.attachments?.length
    ? `\n\nAttachments: ${message.attachments.map((file) => file.name).join(', ')}`
    : '';
  return `${heading}\n\n${message.content}${files}\n\n`;
}
