/** Driving the conversation tree's routes the way a client would (SPEC "Conversation tree"). */
import { expect } from 'vitest';
import { readJson, readSse, type SseEvent } from './http.js';
import type { TestServer } from './test-server.js';

export interface TreeRequestOptions {
  /** Sent as `parent_id` when given (null included). */
  parentId?: string | null;
  clientMessageId?: string;
  as?: string;
  stream?: boolean;
}

/** POST /chat/messages with `parent_id` as given (omitted when `parentId` is undefined). */
export function postMessage(
  t: TestServer,
  sessionId: string,
  content: string,
  options: TreeRequestOptions = {},
): Promise<Response> {
  return t.request(`/chat/messages${options.stream ? '?stream=true' : ''}`, {
    method: 'POST',
    as: options.as ?? 'alice',
    json: {
      session_id: sessionId,
      content,
      ...(options.clientMessageId ? { client_message_id: options.clientMessageId } : {}),
      ...(options.parentId !== undefined ? { parent_id: options.parentId } : {}),
    },
  });
}

/** A send that must succeed (201); returns `{user_message, assistant_message}`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function sendAfter(...args: Parameters<typeof postMessage>): Promise<any> {
  const response = await postMessage(...args);
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body;
}

/** POST /chat/messages/{id}/regenerate; `body` replaces the JSON body when given. */
export function postRegenerate(
  t: TestServer,
  messageId: string,
  options: TreeRequestOptions & { body?: unknown } = {},
): Promise<Response> {
  const json =
    options.body !== undefined
      ? options.body
      : options.clientMessageId
        ? { client_message_id: options.clientMessageId }
        : undefined;
  return t.request(
    `/chat/messages/${messageId}/regenerate${options.stream ? '?stream=true' : ''}`,
    { method: 'POST', as: options.as ?? 'alice', ...(json !== undefined ? { json } : {}) },
  );
}

/** A regenerate that must succeed (201); returns `{user_message, assistant_message}`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function regenerate(...args: Parameters<typeof postRegenerate>): Promise<any> {
  const response = await postRegenerate(...args);
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body;
}

/** The session as GET /chat/sessions/{id} answers it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function sessionNow(t: TestServer, id: string, as = 'alice'): Promise<any> {
  return readJson(await t.request(`/chat/sessions/${id}`, { as }));
}

/** The contents of a history page (GET /chat/messages/{session_id}`query`). */
export async function branchContents(t: TestServer, sessionId: string, query = '') {
  const page = await readJson(await t.request(`/chat/messages/${sessionId}${query}`));
  return (page.data as Array<{ content: string }>).map((message) => message.content);
}

/** What Claude was sent in its latest request: `role: content` lines. */
export function lastClaudeTurns(t: TestServer): string[] {
  const messages = t.claude.requests.at(-1)!.body.messages as Array<{
    role: string;
    content: unknown;
  }>;
  return messages.map(
    (m) => `${m.role}: ${typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}`,
  );
}

export interface HeldReply {
  created: SseEvent;
  assistantId: string;
  events: AsyncGenerator<SseEvent>;
  /** Stops the reply and reads its stream to the end. */
  stop(): Promise<void>;
}

/**
 * Starts a streamed request (a send or a regenerate) whose reply stalls after `chunks`, and
 * returns once those arrived: the reply stays `streaming` until `stop()`.
 */
export async function holdStreaming(
  t: TestServer,
  start: () => Promise<Response>,
  chunks = ['partial'],
): Promise<HeldReply> {
  t.claude.enqueue({ kind: 'stall', chunks });
  const response = await start();
  expect(response.status).toBe(200);
  const events = readSse(response);
  const created = (await events.next()).value!;
  let received = '';
  while (received.length < chunks.join('').length)
    received += (await events.next()).value!.data.text;
  const assistantId = created.data.assistant_message.id as string;
  return {
    created,
    assistantId,
    events,
    stop: async () => {
      await t.request(`/chat/messages/${assistantId}/stop`, { method: 'POST' });
      for await (const event of events) void event;
    },
  };
}
