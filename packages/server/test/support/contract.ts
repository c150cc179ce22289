/**
 * Assertions for the objects of the API contract (SPEC "Objects" and "Errors"), and small
 * helpers that drive the API the way a client would.
 */
import { expect } from 'vitest';
import type { TestServer } from './test-server.js';
import { messageBody, readJson } from './http.js';
import { insertBranch, type ChainRow } from './tree-rows.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';

export function expectIsoTime(value: unknown): void {
  expect(typeof value, `ISO time: ${String(value)}`).toBe('string');
  expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  expect(new Date(value as string).toISOString()).toBe(value);
}

const SESSION_KEYS = [
  'context_tags',
  'created_at',
  'current_message_id',
  'id',
  'last_message_at',
  'message_count',
  'mode',
  'status',
  'title',
  'updated_at',
];

const MESSAGE_KEYS = [
  'attachments',
  'client_message_id',
  'content',
  'created_at',
  'feedback',
  'id',
  'latency_ms',
  'model',
  'parent_id',
  'role',
  'session_id',
  'sibling_ids',
  'status',
  'tokens',
];

const FEEDBACK_KEYS = ['comment', 'rating', 'tags', 'updated_at'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expectSession(session: any): void {
  expect(Object.keys(session).sort()).toEqual(SESSION_KEYS);
  expect(session.id).toMatch(UUID);
  expect(typeof session.title).toBe('string');
  expect(typeof session.mode).toBe('string');
  expect(['active', 'archived']).toContain(session.status);
  expect(Array.isArray(session.context_tags)).toBe(true);
  for (const tag of session.context_tags) expect(typeof tag).toBe('string');
  expect(Number.isInteger(session.message_count)).toBe(true);
  expect(session.message_count).toBeGreaterThanOrEqual(0);
  expectIsoTime(session.created_at);
  expectIsoTime(session.updated_at);
  if (session.last_message_at !== null) expectIsoTime(session.last_message_at);
  if (session.current_message_id !== null) expect(session.current_message_id).toMatch(UUID);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expectMessage(message: any): void {
  expect(Object.keys(message).sort()).toEqual(MESSAGE_KEYS);
  expect(message.id).toMatch(UUID);
  expect(message.session_id).toMatch(UUID);
  expect(['user', 'assistant']).toContain(message.role);
  expect(typeof message.content).toBe('string');
  expect(['complete', 'streaming', 'stopped', 'error']).toContain(message.status);
  for (const field of ['tokens', 'latency_ms']) {
    const value = message[field];
    if (value !== null) {
      expect(Number.isInteger(value), `${field}=${value}`).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
    }
  }
  if (message.client_message_id !== null) expect(typeof message.client_message_id).toBe('string');
  if (message.role === 'user') expect(message.model).toBeNull();
  else if (message.model !== null) expect(typeof message.model).toBe('string');
  if (message.parent_id !== null) expect(message.parent_id).toMatch(UUID);
  if (message.role === 'assistant') expect(message.parent_id).not.toBeNull();
  expect(Array.isArray(message.sibling_ids)).toBe(true);
  for (const id of message.sibling_ids) expect(id).toMatch(UUID);
  expect(message.sibling_ids).toContain(message.id);
  expect(new Set(message.sibling_ids).size).toBe(message.sibling_ids.length);
  if (message.role === 'user') expect(message.feedback).toBeNull();
  else if (message.feedback !== null) expectFeedback(message.feedback);
  expect(Array.isArray(message.attachments)).toBe(true);
  if (message.role === 'assistant') expect(message.attachments).toEqual([]);
  for (const attachment of message.attachments) expectAttachment(attachment);
  expectIsoTime(message.created_at);
}

const ATTACHMENT_KEYS = [
  'created_at',
  'height',
  'id',
  'kind',
  'media_type',
  'name',
  'pages',
  'size',
  'width',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expectAttachment(attachment: any): void {
  expect(Object.keys(attachment).sort()).toEqual(ATTACHMENT_KEYS);
  expect(attachment.id).toMatch(UUID);
  expect(['image', 'document']).toContain(attachment.kind);
  expect(Number.isInteger(attachment.size) && attachment.size > 0).toBe(true);
  if (attachment.kind === 'image') {
    expect(attachment.media_type).toMatch(/^image\/(png|jpeg|gif|webp)$/);
    expect(Math.max(attachment.width, attachment.height)).toBeLessThanOrEqual(1568);
    expect(attachment.pages).toBeNull();
  } else {
    expect(attachment.media_type).toBe('application/pdf');
    expect(attachment.width).toBeNull();
    expect(Number.isInteger(attachment.pages)).toBe(true);
  }
  expectIsoTime(attachment.created_at);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expectFeedback(feedback: any): void {
  expect(Object.keys(feedback).sort()).toEqual(FEEDBACK_KEYS);
  expect(['up', 'down']).toContain(feedback.rating);
  if (feedback.comment !== null) expect(typeof feedback.comment).toBe('string');
  expect(Array.isArray(feedback.tags)).toBe(true);
  for (const tag of feedback.tags) expect(typeof tag).toBe('string');
  expectIsoTime(feedback.updated_at);
}

/**
 * Asserts the SPEC error envelope: the status, `{"error": {code, message, details?}, request_id}`,
 * and an `X-Request-Id` header equal to `request_id`. Returns the body.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function expectError(response: Response, status: number, code: string): Promise<any> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  const body = JSON.parse(text);
  expect(Object.keys(body).sort()).toEqual(['error', 'request_id']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  for (const key of Object.keys(body.error)) expect(['code', 'message', 'details']).toContain(key);
  if ('details' in body.error) expect(typeof body.error.details).toBe('object');
  expect(typeof body.request_id).toBe('string');
  expect(body.request_id.length).toBeGreaterThan(0);
  expect(response.headers.get('x-request-id')).toBe(body.request_id);
  // Never a stack trace.
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return body;
}

/** Creates a session for `as` (default alice) and returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createSession(t: TestServer, as = 'alice', body: unknown = {}): Promise<any> {
  const response = await t.request('/chat/sessions', { method: 'POST', json: body, as });
  const session = await readJson(response);
  expect(response.status, JSON.stringify(session)).toBe(201);
  return session;
}

/** A non-streaming send that must succeed; returns `{user_message, assistant_message}`. */
export async function sendMessage(
  t: TestServer,
  sessionId: string,
  content: string,
  options: { as?: string; clientMessageId?: string } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
  const response = await t.request('/chat/messages', {
    method: 'POST',
    as: options.as ?? 'alice',
    json: messageBody(sessionId, content, options.clientMessageId),
  });
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body;
}

/** The rows of a session's messages, straight from the database. */
export async function messageRows(t: TestServer, sessionId: string) {
  return t.server.db('ai_chat_messages').where({ session_id: sessionId }).orderBy('seq');
}

/**
 * Inserts `rows` into a session by hand as one branch below `parentId` (see tree-rows.ts), as
 * sends would have left them. Returns the rows' ids, in order.
 */
export async function insertChain(
  t: TestServer,
  sessionId: string,
  rows: ChainRow[],
  parentId: string | null = null,
): Promise<string[]> {
  return insertBranch(t.server.db, sessionId, rows, parentId);
}
