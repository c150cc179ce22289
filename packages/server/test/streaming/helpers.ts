import { createSession as createSessionRow } from '../support/contract.js';
import { messageBody } from '../support/http.js';
import type { TestServer } from '../support/test-server.js';

/** Creates a session for `as` (default alice) and returns its id. */
export async function createSession(t: TestServer, as = 'alice'): Promise<string> {
  return ((await createSessionRow(t, as)) as { id: string }).id;
}

export function sendStreaming(
  t: TestServer,
  sessionId: string,
  content: string,
  options: { clientMessageId?: string; signal?: AbortSignal; as?: string } = {},
): Promise<Response> {
  return t.request('/chat/messages?stream=true', {
    method: 'POST',
    as: options.as ?? 'alice',
    json: messageBody(sessionId, content, options.clientMessageId),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

export async function messageRow(t: TestServer, id: string) {
  return t.server.db('ai_chat_messages').where({ id }).first();
}
