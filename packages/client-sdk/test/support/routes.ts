/** The fake API's routes: each answers one request from the FakeApi's state and knobs. */
import { randomUUID } from 'node:crypto';
import { HttpResponse } from 'msw';
import type { Message } from '../../src/types.js';
import type { FakeApi, LoggedRequest } from './fake-api.js';
import { LiveReply } from './live-reply.js';
import { makeChallenge, verifySolution } from './challenge.js';
import { replyStream } from './reply-stream.js';
import { addChild, handleTree } from './tree-routes.js';

type Reply = Promise<Response>;

export async function handle(api: FakeApi, request: Request): Reply {
  const url = new URL(request.url);
  const raw = await request.text();
  const entry: LoggedRequest = {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers: headerRecord(request.headers),
    body: raw ? JSON.parse(raw) : undefined,
  };
  api.requests.push(entry);
  const requestId = randomUUID();
  const headers = { 'X-Request-Id': requestId };

  const forced = api.failures.find(
    (f) => !f.match || f.match.test(`${entry.method} ${entry.path}`),
  );
  if (forced) {
    forced.times = (forced.times ?? 1) - 1;
    if (forced.times <= 0) api.failures.splice(api.failures.indexOf(forced), 1);
    if (forced.cut) return HttpResponse.error();
    if (forced.hang) return hang(api, request.signal);
    const forcedHeaders = { ...headers, ...forced.headers };
    return error(api, forced.status, forced.code, forcedHeaders, undefined, forced.details);
  }

  const route = `${entry.method} ${url.pathname.replace(/^\/api\/v1/, '')}`;
  if (route === 'POST /auth/guest') return issueGuest(api, entry, headers);
  if (route === 'GET /auth/challenge') {
    return HttpResponse.json(makeChallenge(api.challengeMax), { headers });
  }
  if (!authorized(api, entry)) return error(api, 401, 'unauthorized', headers);

  const tree = handleTree(api, route, entry, request, headers);
  if (tree) return tree;
  let m: RegExpMatchArray | null;
  if (route === 'POST /chat/sessions') {
    const session = api.addSession((entry.body?.title as string) ?? 'New Chat');
    return HttpResponse.json(session, { status: 201, headers });
  }
  if (route === 'GET /chat/sessions') return listSessions(api, url, headers);
  if ((m = route.match(/^(GET|PATCH|DELETE) \/chat\/sessions\/([^/]+)$/))) {
    const session = api.sessions.find((s) => s.id === m![2]);
    if (!session) return error(api, 404, 'not_found', headers);
    if (m[1] === 'PATCH') Object.assign(session, entry.body);
    if (m[1] === 'DELETE') {
      api.sessions.splice(api.sessions.indexOf(session), 1);
      return new HttpResponse(null, { status: 204, headers });
    }
    return HttpResponse.json(session, { headers });
  }
  if (route === 'POST /chat/messages') return send(api, entry, request, headers);
  if ((m = route.match(/^POST \/chat\/messages\/([^/]+)\/stop$/))) {
    const reply = api.replies.get(m[1]!);
    if (!reply) return error(api, 404, 'not_found', headers);
    reply.stop();
    return HttpResponse.json(reply.message, { headers });
  }
  if ((m = route.match(/^GET \/chat\/messages\/([^/]+)\/stream$/))) {
    const reply = api.replies.get(m[1]!);
    if (!reply) return error(api, 404, 'not_found', headers);
    const lastEventId = entry.headers['last-event-id'];
    return streamReply(api, reply, request.signal, headers, lastEventId);
  }
  if ((m = route.match(/^GET \/chat\/messages\/([^/]+)$/)))
    return listMessages(api, m[1]!, url, headers);
  return error(api, 404, 'not_found', headers);
}

/** Never answers: settles (unseen, the fetch is already rejected) on abort or close. */
function hang(api: FakeApi, signal: AbortSignal): Reply {
  return new Promise((resolve) => {
    const end = () => {
      api.open.delete(end);
      resolve(HttpResponse.error());
    };
    api.open.add(end);
    signal.addEventListener('abort', end);
  });
}

function authorized(api: FakeApi, entry: LoggedRequest): boolean {
  const token = entry.headers.authorization?.replace(/^Bearer /, '');
  if (!token) return false;
  const guest = api.guests.get(token);
  return api.tokens.has(token) || (!!guest && guest.expiresAt > Date.now());
}

async function issueGuest(
  api: FakeApi,
  entry: LoggedRequest,
  headers: Record<string, string>,
): Reply {
  const previous = entry.headers.authorization?.replace(/^Bearer /, '');
  const known = previous ? api.guests.get(previous) : undefined;
  if (previous && !known) return error(api, 401, 'unauthorized', headers, 'r');
  const userId = entry.body?.user_id as string | undefined;
  if (userId !== undefined && entry.body?.user_hash !== `hash-of-${userId}`) {
    return error(api, 401, 'unauthorized', headers);
  }
  // As the server: a renewal and a verified user skip the challenge; a solution counts once.
  const solution = entry.body?.challenge_solution;
  if (api.challengeOn && !known && userId === undefined) {
    if (!verifySolution(solution) || api.spentSolutions.has(String(solution))) {
      return error(api, 401, 'challenge_required', headers);
    }
    api.spentSolutions.add(String(solution));
  }
  const token = `guest-${randomUUID()}`;
  const expiresAt = Date.now() + api.guestTtlMs;
  const guestId = known?.guestId ?? (userId === undefined ? randomUUID() : `user:${userId}`);
  api.guests.set(token, { guestId, expiresAt, ...(userId !== undefined && { userId }) });
  return HttpResponse.json({ token, expires_at: new Date(expiresAt).toISOString() }, { headers });
}

async function listSessions(api: FakeApi, url: URL, headers: Record<string, string>): Reply {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const cursor = url.searchParams.get('cursor');
  const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
  const data = api.sessions.slice(start, start + limit);
  const next = start + limit < api.sessions.length ? start + limit : null;
  return HttpResponse.json(
    {
      data,
      next_cursor: next === null ? null : Buffer.from(String(next)).toString('base64url'),
    },
    { headers },
  );
}

async function listMessages(
  api: FakeApi,
  sessionId: string,
  url: URL,
  headers: Record<string, string>,
): Reply {
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const before = url.searchParams.get('before');
  let all = api.messages.filter((m) => m.session_id === sessionId);
  if (before)
    all = all.slice(
      0,
      all.findIndex((m) => m.id === before),
    );
  return HttpResponse.json({ data: all.slice(-limit), has_more: all.length > limit }, { headers });
}

async function send(
  api: FakeApi,
  entry: LoggedRequest,
  request: Request,
  headers: Record<string, string>,
): Reply {
  const body = entry.body ?? {};
  const session = api.sessions.find((s) => s.id === body.session_id);
  if (!session) return error(api, 404, 'not_found', headers);
  if (typeof body.content !== 'string' || !body.content.trim()) {
    return error(api, 400, 'invalid_request', headers);
  }
  const stream = wantsStream(entry);
  const clientMessageId = (body.client_message_id as string | undefined) ?? null;
  const repeated = clientMessageId
    ? api.messages.find((m) => m.role === 'user' && m.client_message_id === clientMessageId)
    : undefined;
  let reply: LiveReply;
  if (repeated) {
    reply = [...api.replies.values()].find((r) => r.message.client_message_id === clientMessageId)!;
  } else {
    // As the server: an absent parent_id continues the current leaf, null starts a new root.
    const parentId =
      body.parent_id === undefined ? session.current_message_id : (body.parent_id as string | null);
    const user = api.addMessage(session.id, 'user', body.content);
    Object.assign(user, { client_message_id: clientMessageId, parent_id: parentId });
    addChild(api, user);
    const assistant = api.addMessage(session.id, 'assistant', '');
    Object.assign(assistant, { client_message_id: clientMessageId, parent_id: user.id });
    addChild(api, assistant);
    reply = new LiveReply(assistant, [...api.reply], api.chunkDelayMs, api.replyError);
    api.replyError = undefined;
    api.replies.set(assistant.id, reply);
  }
  const user = api.messages.find(
    (m) => m.role === 'user' && m.client_message_id === clientMessageId,
  )!;
  if (!stream || (repeated && reply.done && api.repeatAsJson)) {
    await reply.ended();
    return HttpResponse.json(
      { user_message: user, assistant_message: reply.message },
      { status: 201, headers },
    );
  }
  return streamReply(api, reply, request.signal, headers, undefined, user);
}

export function wantsStream(entry: LoggedRequest): boolean {
  return entry.query.get('stream') === 'true' || /event-stream/.test(entry.headers.accept ?? '');
}

export async function streamReply(
  api: FakeApi,
  reply: LiveReply,
  signal: AbortSignal,
  headers: Record<string, string>,
  lastEventId: string | undefined,
  user?: Message,
): Reply {
  const userMessage =
    user ??
    api.messages.find(
      (m) => m.client_message_id === reply.message.client_message_id && m.role === 'user',
    );
  return replyStream(reply, {
    signal,
    headers,
    lastEventId,
    userMessage,
    cutAfter: api.cutAfterDeltas.shift(),
    bytesPerWrite: api.bytesPerWrite,
    eol: api.eol,
    resumeOverlap: api.resumeOverlap,
    open: api.open,
  });
}

export async function error(
  api: FakeApi,
  status: number,
  code: string,
  headers: Record<string, string>,
  requestId = headers['X-Request-Id'],
  details: unknown = { hint: code },
): Reply {
  return HttpResponse.json(
    {
      error: { code, message: `${code} happened`, details },
      request_id: requestId,
    },
    { status, headers },
  );
}

/** Lower-case names to values, as a Node server sees them. */
function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => (record[name] = value));
  return record;
}
