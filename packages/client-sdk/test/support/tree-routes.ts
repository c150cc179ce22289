/**
 * The fake API's conversation-tree routes (SPEC "Conversation tree", "Feedback on replies"):
 * regenerate, feedback and fork, with the status codes of their error cases. Enough of the tree
 * for the SDK's wire tests: parents and siblings are kept, branch reads are not.
 */
import { randomUUID } from 'node:crypto';
import { HttpResponse } from 'msw';
import type { Message } from '../../src/types.js';
import type { FakeApi, LoggedRequest } from './fake-api.js';
import { LiveReply } from './live-reply.js';
import { error, streamReply, wantsStream } from './routes.js';

type Headers = Record<string, string>;

/** Answers a tree route, or undefined when `route` is none of them. */
export function handleTree(
  api: FakeApi,
  route: string,
  entry: LoggedRequest,
  request: Request,
  headers: Headers,
): Promise<Response> | undefined {
  let m: RegExpMatchArray | null;
  if ((m = route.match(/^POST \/chat\/messages\/([^/]+)\/regenerate$/)))
    return regenerate(api, m[1]!, entry, request, headers);
  if ((m = route.match(/^(PUT|DELETE) \/chat\/messages\/([^/]+)\/feedback$/)))
    return feedback(api, m[1]!, m[2]!, entry, headers);
  if ((m = route.match(/^POST \/chat\/sessions\/([^/]+)\/fork$/)))
    return fork(api, m[1]!, entry, headers);
  return undefined;
}

/** Records `message` as the newest child of its parent: every sibling's `sibling_ids` grows. */
export function addChild(api: FakeApi, message: Message): void {
  const siblings = api.messages.filter(
    (m) => m.session_id === message.session_id && m.parent_id === message.parent_id,
  );
  const ids = siblings.map((m) => m.id);
  siblings.forEach((m) => (m.sibling_ids = ids));
  const session = api.sessions.find((s) => s.id === message.session_id);
  if (session) session.current_message_id = message.id;
}

/** A reply of the caller that may be rated, regenerated or forked from; else the error answer. */
function replyOrRefusal(api: FakeApi, id: string, headers: Headers): Message | Promise<Response> {
  const message = api.messages.find((m) => m.id === id);
  if (!message) return error(api, 404, 'not_found', headers);
  if (message.role === 'user') return error(api, 400, 'invalid_request', headers);
  return message;
}

async function regenerate(
  api: FakeApi,
  id: string,
  entry: LoggedRequest,
  request: Request,
  headers: Headers,
): Promise<Response> {
  const target = replyOrRefusal(api, id, headers);
  if (target instanceof Promise) return target;
  const prompt = api.messages.find((m) => m.id === target.parent_id)!;
  const key = (entry.body?.client_message_id as string | undefined) ?? null;
  let reply = [...api.replies.values()].find(
    (r) => key && r.message.client_message_id === key && r.message.parent_id === prompt.id,
  );
  if (!reply) {
    const streaming = api.messages.some(
      (m) => m.session_id === target.session_id && m.status === 'streaming',
    );
    if (streaming) return error(api, 409, 'conflict', headers);
    const message = api.addMessage(target.session_id, 'assistant', '');
    Object.assign(message, { parent_id: prompt.id, client_message_id: key });
    addChild(api, message);
    reply = new LiveReply(message, [...api.reply], api.chunkDelayMs, api.replyError);
    api.replyError = undefined;
    api.replies.set(message.id, reply);
  }
  if (wantsStream(entry))
    return streamReply(api, reply, request.signal, headers, undefined, prompt);
  await reply.ended();
  return HttpResponse.json(
    { user_message: prompt, assistant_message: reply.message },
    { status: 201, headers },
  );
}

async function feedback(
  api: FakeApi,
  method: string,
  id: string,
  entry: LoggedRequest,
  headers: Headers,
): Promise<Response> {
  const message = replyOrRefusal(api, id, headers);
  if (message instanceof Promise) return message;
  if (method === 'DELETE') {
    message.feedback = null;
    return new HttpResponse(null, { status: 204, headers });
  }
  if (message.status === 'streaming') return error(api, 409, 'conflict', headers);
  const body = entry.body ?? {};
  if (body.rating !== 'up' && body.rating !== 'down') {
    return error(api, 400, 'invalid_request', headers);
  }
  message.feedback = {
    rating: body.rating,
    comment: (body.comment as string | null | undefined) ?? null,
    tags: (body.tags as string[] | undefined) ?? [],
    updated_at: new Date().toISOString(),
  };
  return HttpResponse.json(message, { headers });
}

async function fork(
  api: FakeApi,
  sessionId: string,
  entry: LoggedRequest,
  headers: Headers,
): Promise<Response> {
  const source = api.sessions.find((s) => s.id === sessionId);
  const messageId = entry.body?.message_id as string;
  const last = api.messages.find((m) => m.id === messageId && m.session_id === sessionId);
  if (!source || !last) return error(api, 404, 'not_found', headers);
  if (last.role === 'user' || last.status === 'streaming') {
    return error(api, 400, 'invalid_request', headers);
  }
  const session = api.addSession((entry.body?.title as string | undefined) ?? source.title);
  const path: Message[] = [];
  for (let m: Message | undefined = last; m; m = api.messages.find((p) => p.id === m!.parent_id))
    path.unshift(m);
  let parent: string | null = null;
  for (const original of path) {
    const id: string = randomUUID();
    api.messages.push({
      ...original,
      id,
      session_id: session.id,
      parent_id: parent,
      sibling_ids: [id],
      client_message_id: null,
      feedback: null,
    });
    parent = id;
  }
  Object.assign(session, { current_message_id: parent, message_count: path.length });
  return HttpResponse.json(session, { status: 201, headers });
}
