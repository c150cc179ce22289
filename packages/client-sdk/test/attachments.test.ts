/**
 * client.attachments and attachment ids on a send, against a real node:http server: what goes
 * over the socket (one multipart part `file`, its name, its bytes), what comes back (the
 * Attachment, typed errors, a Blob), and the client's renewals, retries and aborts.
 */
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  BudgetExceededError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  QuotaExceededError,
  RateLimitError,
  RepruvClient,
  RepruvError,
  RequestTimeoutError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  UpstreamUnavailableError,
  type Attachment,
  type ClientOptions,
  type Message,
  type UploadProgress,
} from '../src/index.js';
import {
  errorAnswer,
  multipartParts,
  useUploadServer,
  type ReceivedRequest,
  type ScriptedAnswer,
} from './support/upload-server.js';

const SESSION_ID = '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 7]);
const THUMBNAIL = Buffer.from('RIFF....WEBPVP8 thumbnail bytes');

const stored: Attachment = {
  id: '0b7e1c4a-2f3d-4e5f-9a8b-1c2d3e4f5a6b',
  kind: 'image',
  media_type: 'image/png',
  name: 'photo.png',
  size: 11,
  width: 1,
  height: 1,
  pages: null,
  created_at: '2026-01-02T03:04:05.000Z',
};

function message(role: Message['role'], content: string): Message {
  return {
    id:
      role === 'user'
        ? 'a1a1a1a1-0000-4000-8000-000000000001'
        : 'b2b2b2b2-0000-4000-8000-000000000002',
    session_id: SESSION_ID,
    parent_id: null,
    sibling_ids: [],
    role,
    content,
    status: 'complete',
    tokens: null,
    latency_ms: null,
    client_message_id: null,
    feedback: null,
    attachments: role === 'user' ? [stored] : [],
    created_at: '2026-01-02T03:04:06.000Z',
  };
}

/** As the API: `Bearer good` only; uploads stored, bytes read back, messages answered. */
function api(request: ReceivedRequest): ScriptedAnswer {
  if (request.headers.authorization !== 'Bearer good') return errorAnswer(401, 'unauthorized');
  if (request.method === 'POST' && request.url === '/api/v1/chat/attachments') {
    return { status: 201, body: stored };
  }
  if (request.method === 'GET' && request.url.startsWith('/api/v1/chat/attachments/')) {
    const thumbnail = new URL(request.url, 'http://x').searchParams.get('variant') === 'thumbnail';
    return {
      status: 200,
      headers: { 'Content-Type': thumbnail ? 'image/webp' : 'image/png' },
      body: thumbnail ? THUMBNAIL : Buffer.from(PNG_BYTES),
    };
  }
  if (request.method === 'POST' && request.url === '/api/v1/chat/messages?stream=true') {
    return { status: 200, headers: { 'Content-Type': 'text/event-stream' }, body: replyEvents() };
  }
  if (request.method === 'POST' && request.url === '/api/v1/chat/messages') {
    return {
      status: 201,
      body: {
        user_message: message('user', ''),
        assistant_message: message('assistant', 'A cat.'),
      },
    };
  }
  return errorAnswer(404, 'not_found');
}

function replyEvents(): Buffer {
  const events = [
    [
      '0',
      'message.created',
      { user_message: message('user', ''), assistant_message: message('assistant', '') },
    ],
    ['0', 'message.delta', { message_id: message('assistant', '').id, text: 'A cat.' }],
    ['6:end', 'message.completed', { message: message('assistant', 'A cat.') }],
  ] as const;
  return Buffer.from(
    events
      .map(([id, event, data]) => `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
      .join(''),
  );
}

const server = useUploadServer(api);

const client = (options: Partial<ClientOptions> = {}) =>
  new RepruvClient({ baseUrl: server.url, token: 'good', ...options });

/** The one part of an upload: it must be a file named `file`. */
async function uploadedFile(request: ReceivedRequest): Promise<{ name: string; bytes: number[] }> {
  expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  const parts = await multipartParts(request);
  expect(parts.map(([field]) => field)).toEqual(['file']);
  const file = parts[0]![1];
  expect(file).toBeInstanceOf(File);
  const { name } = file as File;
  return { name, bytes: [...new Uint8Array(await (file as File).arrayBuffer())] };
}

describe('attachments.upload: the multipart body', () => {
  it('sends a Blob as one part `file` with the given name and its bytes, and resolves with the Attachment', async () => {
    const attachment = await client().attachments.upload(
      new Blob([PNG_BYTES], { type: 'image/png' }),
      {
        name: 'photo.png',
      },
    );
    expect(attachment).toEqual(stored);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/api/v1/chat/attachments' });
    expect(request!.headers.authorization).toBe('Bearer good');
    expect(request!.body.toString('latin1')).toContain(
      'Content-Disposition: form-data; name="file"; filename="photo.png"',
    );
    expect(await uploadedFile(request!)).toEqual({ name: 'photo.png', bytes: [...PNG_BYTES] });
  });

  it('sends a Uint8Array under the name `upload` when none is given', async () => {
    await client().attachments.upload(PNG_BYTES);
    expect(await uploadedFile(server.requests[0]!)).toEqual({
      name: 'upload',
      bytes: [...PNG_BYTES],
    });
  });

  it('sends exactly the bytes of a Node Buffer that is a view into a larger pool', async () => {
    const pool = Buffer.from([1, 2, 3, ...PNG_BYTES, 4, 5]);
    const buffer = pool.subarray(3, 3 + PNG_BYTES.length);
    expect(buffer.byteOffset).toBe(pool.byteOffset + 3);
    await client().attachments.upload(buffer, { name: 'from-node.png' });
    expect(await uploadedFile(server.requests[0]!)).toEqual({
      name: 'from-node.png',
      bytes: [...PNG_BYTES],
    });
  });

  it('sends an ArrayBuffer, and a File under its own name unless one is given', async () => {
    await client().attachments.upload(PNG_BYTES.slice().buffer);
    const file = new File([PNG_BYTES], 'holiday.png', { type: 'image/png' });
    await client().attachments.upload(file);
    await client().attachments.upload(file, { name: 'renamed.png' });
    const uploads = await Promise.all(server.requests.map(uploadedFile));
    expect(uploads).toEqual([
      { name: 'upload', bytes: [...PNG_BYTES] },
      { name: 'holiday.png', bytes: [...PNG_BYTES] },
      { name: 'renamed.png', bytes: [...PNG_BYTES] },
    ]);
  });

  it('keeps a name with non-ASCII characters and quotes readable by a multipart parser', async () => {
    await client().attachments.upload(PNG_BYTES, { name: 'café "menu" €.png' });
    expect((await uploadedFile(server.requests[0]!)).name).toBe('café "menu" €.png');
  });
});

describe('attachments.upload: progress without XMLHttpRequest (fetch)', () => {
  it('reports 0 of the size before sending and all of it once stored', async () => {
    expect(typeof XMLHttpRequest).toBe('undefined');
    const reports: (UploadProgress & { requestsSeen: number })[] = [];
    await client().attachments.upload(PNG_BYTES, {
      onProgress: (progress) => reports.push({ ...progress, requestsSeen: server.requests.length }),
    });
    const total = PNG_BYTES.length;
    expect(reports).toEqual([
      { loaded: 0, total, requestsSeen: 0 },
      { loaded: total, total, requestsSeen: 1 },
    ]);
  });

  it('never reports it all sent when the upload is refused', async () => {
    server.answers.push(errorAnswer(415, 'unsupported_media_type'));
    const reports: UploadProgress[] = [];
    const upload = client().attachments.upload(PNG_BYTES, { onProgress: (p) => reports.push(p) });
    await expect(upload).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
    expect(reports).toEqual([{ loaded: 0, total: PNG_BYTES.length }]);
  });
});

describe('attachments.upload: failures', () => {
  const cases = [
    [400, 'invalid_request', InvalidRequestError, { field: 'file' }],
    [408, 'request_timeout', RequestTimeoutError, undefined],
    [
      413,
      'payload_too_large',
      PayloadTooLargeError,
      { limit_bytes: 10_000_000, actual: 12_400_000 },
    ],
    [
      413,
      'quota_exceeded',
      QuotaExceededError,
      { quota_bytes: 200_000_000, used_bytes: 199_999_000 },
    ],
    [415, 'unsupported_media_type', UnsupportedMediaTypeError, undefined],
    [429, 'rate_limited', RateLimitError, undefined],
    [
      429,
      'budget_exceeded',
      BudgetExceededError,
      { scope: 'user', resets_at: '2026-01-03T00:00:00Z' },
    ],
    [503, 'overloaded', UpstreamUnavailableError, undefined],
  ] as const;

  it.each(cases)('%i %s becomes %o with its details', async (status, code, Class, details) => {
    server.answers.push(errorAnswer(status, code, { details }));
    const error = await client({ maxRetries: 0 })
      .attachments.upload(PNG_BYTES)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(RepruvError);
    expect(error).toMatchObject({ name: Class.name, status, code, requestId: `req-${code}` });
    expect((error as RepruvError).details).toEqual(details);
  });

  it('a quota refusal is not a PayloadTooLargeError, and a bare 413 or 415 is still typed', async () => {
    server.answers.push(errorAnswer(413, 'quota_exceeded'), { status: 413 }, { status: 415 });
    const upload = () =>
      client()
        .attachments.upload(PNG_BYTES)
        .catch((e: unknown) => e);
    expect(await upload()).not.toBeInstanceOf(PayloadTooLargeError);
    expect(await upload()).toBeInstanceOf(PayloadTooLargeError);
    expect(await upload()).toMatchObject({ name: 'UnsupportedMediaTypeError', status: 415 });
  });

  it('renews the token after a 401 and sends the whole file again', async () => {
    const tokens = ['expired', 'good'];
    const attachment = await client({
      token: undefined,
      getToken: () => tokens.shift(),
    }).attachments.upload(PNG_BYTES, { name: 'again.png' });
    expect(attachment).toEqual(stored);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer expired',
      'Bearer good',
    ]);
    const uploads = await Promise.all(server.requests.map(uploadedFile));
    expect(uploads).toEqual([
      { name: 'again.png', bytes: [...PNG_BYTES] },
      { name: 'again.png', bytes: [...PNG_BYTES] },
    ]);
  });

  it('gives up with UnauthorizedError when the renewed token is refused too', async () => {
    const upload = client({ token: undefined, getToken: () => 'bad' }).attachments.upload(
      PNG_BYTES,
    );
    await expect(upload).rejects.toBeInstanceOf(UnauthorizedError);
    expect(server.requests).toHaveLength(2);
  });

  it('waits out a 503 refusal and sends the same file again', async () => {
    server.answers.push(
      errorAnswer(503, 'upstream_unavailable', { headers: { 'Retry-After': '0' } }),
    );
    await expect(client().attachments.upload(PNG_BYTES, { name: 'retry.png' })).resolves.toEqual(
      stored,
    );
    expect(server.requests).toHaveLength(2);
    const uploads = await Promise.all(server.requests.map(uploadedFile));
    expect(uploads[1]).toEqual(uploads[0]);
    expect(uploads[1]).toEqual({ name: 'retry.png', bytes: [...PNG_BYTES] });
  });

  it('does not wait out a refusal longer than a few seconds', async () => {
    server.answers.push(errorAnswer(429, 'rate_limited', { headers: { 'Retry-After': '30' } }));
    const error = await client()
      .attachments.upload(PNG_BYTES)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RateLimitError', retryAfter: 30 });
    expect(server.requests).toHaveLength(1);
  });

  it('does not send again after a cut connection: the file may have been stored', async () => {
    server.answers.push({ status: 0, cut: true });
    await expect(client().attachments.upload(PNG_BYTES)).rejects.toBeInstanceOf(NetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects with AbortError when aborted while the server holds the upload', async () => {
    const controller = new AbortController();
    server.fallback = () => {
      controller.abort();
      return { status: 0, hang: true };
    };
    const upload = client().attachments.upload(PNG_BYTES, { signal: controller.signal });
    await expect(upload).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const upload = client().attachments.upload(PNG_BYTES, { signal: AbortSignal.abort() });
    await expect(upload).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('attachments.get', () => {
  it('reads the original as a Blob of its media type, with the bearer token', async () => {
    const blob = await client().attachments.get(stored.id);
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([...PNG_BYTES]);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'GET', url: `/api/v1/chat/attachments/${stored.id}` });
    expect(request!.headers).toMatchObject({ authorization: 'Bearer good', accept: '*/*' });
  });

  it('asks for ?variant=thumbnail and gets the WebP thumbnail', async () => {
    const blob = await client().attachments.get(stored.id, { variant: 'thumbnail' });
    expect(server.requests[0]!.url).toBe(`/api/v1/chat/attachments/${stored.id}?variant=thumbnail`);
    expect(blob.type).toBe('image/webp');
    expect(Buffer.from(await blob.arrayBuffer())).toEqual(THUMBNAIL);
  });

  it('maps a 404 to NotFoundError and renews an expired token', async () => {
    server.answers.push(errorAnswer(404, 'not_found'));
    await expect(client().attachments.get('someone-elses')).rejects.toBeInstanceOf(NotFoundError);
    const tokens = ['expired', 'good'];
    const blob = await client({ token: undefined, getToken: () => tokens.shift() }).attachments.get(
      stored.id,
    );
    expect(blob.size).toBe(PNG_BYTES.length);
  });

  it('rejects with AbortError when aborted', async () => {
    const controller = new AbortController();
    server.fallback = () => {
      controller.abort();
      return { status: 0, hang: true };
    };
    const get = client().attachments.get(stored.id, { signal: controller.signal });
    await expect(get).rejects.toBeInstanceOf(AbortError);
  });
});

describe('messages with attachmentIds', () => {
  const bodyOf = (request: ReceivedRequest) => JSON.parse(request.body.toString('utf8'));

  it('send() sends them as attachment_ids, with an empty content', async () => {
    const result = await client().messages.send({
      sessionId: SESSION_ID,
      content: '',
      attachmentIds: [stored.id],
    });
    expect(result.user_message.attachments).toEqual([stored]);
    expect(bodyOf(server.requests[0]!)).toMatchObject({
      session_id: SESSION_ID,
      content: '',
      attachment_ids: [stored.id],
    });
  });

  it('stream() sends them with no content at all, and streams the reply', async () => {
    const stream = client().messages.stream({
      sessionId: SESSION_ID,
      attachmentIds: [stored.id, 'second'],
    });
    expect(await stream.text()).toBe('A cat.');
    expect(stream.userMessage?.attachments).toEqual([stored]);
    const body = bodyOf(server.requests[0]!);
    expect(body).not.toHaveProperty('content');
    expect(body.attachment_ids).toEqual([stored.id, 'second']);
  });

  it('a send without them has no attachment_ids', async () => {
    await client().messages.send({ sessionId: SESSION_ID, content: 'Hi' });
    expect(bodyOf(server.requests[0]!)).not.toHaveProperty('attachment_ids');
  });
});
