import { readJson } from '../support/http.js';
import type { TestServer } from '../support/test-server.js';

export async function createSession(t: TestServer, as = 'alice'): Promise<string> {
  const response = await t.request('/chat/sessions', { method: 'POST', json: {}, as });
  return (await readJson(response)).id;
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
    json: {
      session_id: sessionId,
      content,
      ...(options.clientMessageId ? { client_message_id: options.clientMessageId } : {}),
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

export async function messageRow(t: TestServer, id: string) {
  return t.server.db('ai_chat_messages').where({ id }).first();
}
