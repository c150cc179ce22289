import type { ConversationTurn } from './reply-generator.js';

export interface StoredTurn {
  role: 'user' | 'assistant';
  content: string;
  status: string;
}

/**
 * Turns a session's recent messages (oldest first) into a valid Messages request: failed or empty
 * replies are left out, consecutive turns of one role are merged, and it starts and ends with a user turn.
 */
export function buildClaudeContext(history: StoredTurn[], maxMessages: number): ConversationTurn[] {
  const usable = history.filter(
    (turn) => turn.content.trim() !== '' && (turn.role === 'user' || turn.status !== 'error'),
  );
  const turns: ConversationTurn[] = [];
  for (const turn of usable.slice(-maxMessages)) {
    const previous = turns.at(-1);
    if (previous && previous.role === turn.role) {
      previous.content = `${previous.content}\n\n${turn.content}`;
    } else {
      turns.push({ role: turn.role, content: turn.content });
    }
  }
  while (turns.length > 0 && turns[0]!.role !== 'user') turns.shift();
  while (turns.length > 0 && turns.at(-1)!.role !== 'user') turns.pop();
  return turns;
}
