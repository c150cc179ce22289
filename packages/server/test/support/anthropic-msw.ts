/**
 * Anthropic's Messages and Models APIs faked at the HTTP boundary with msw, for unit tests: the
 * handlers answer in Anthropic's wire format (the SSE events of a streamed message, the JSON error
 * bodies), so the real @anthropic-ai/sdk parses them. Tests that need a separate process (the fault
 * suite, benchmarks) or a whole server use the real-process fake in fake-claude.ts instead.
 */
import { http, HttpResponse } from 'msw';

export const CLAUDE_URL = 'https://claude.msw.test';

export type SseEvent = [type: string, data: Record<string, unknown>];

/** How the response body ends after its events: closed, cut (a socket error), or never. */
export type StreamEnd = 'close' | 'cut' | 'hang';

export function messageStart(inputTokens: number, model = 'claude-sonnet-5-5'): SseEvent {
  return [
    'message_start',
    {
      type: 'message_start',
      message: {
        id: 'msg_msw',
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: 1 },
      },
    },
  ];
}

export function textDelta(text: string): SseEvent {
  return [
    'content_block_delta',
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
  ];
}

export function messageDelta(outputTokens: number, stopReason = 'end_turn'): SseEvent {
  return [
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: outputTokens },
    },
  ];
}

export const messageStop: SseEvent = ['message_stop', { type: 'message_stop' }];

export function errorEvent(type: string, message = type): SseEvent {
  return ['error', { type: 'error', error: { type, message } }];
}

/** A whole streamed reply: the events Claude sends for `chunks`, in order. */
export function replyEvents(chunks: string[], inputTokens = 10): SseEvent[] {
  return [
    messageStart(inputTokens),
    [
      'content_block_start',
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ],
    ['ping', { type: 'ping' }],
    ...chunks.map(textDelta),
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    messageDelta(chunks.length),
    messageStop,
  ];
}

/** A `text/event-stream` response carrying `events`, each written as its own chunk when read. */
export function sseResponse(
  events: SseEvent[],
  end: StreamEnd = 'close',
): HttpResponse<ReadableStream> {
  const encoder = new TextEncoder();
  const frames = events.map(([type, data]) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    // One frame per read, so that a cut or a stall comes after the client has had the events.
    pull(controller) {
      if (next < frames.length) return controller.enqueue(encoder.encode(frames[next++]));
      if (end === 'close') return controller.close();
      if (end === 'cut') return controller.error(new Error('socket cut by the test'));
      return new Promise<void>(() => {}); // hang: nothing more, ever
    },
  });
  return new HttpResponse(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_msw' },
  });
}

/** Anthropic's error answer: `{"type":"error","error":{"type","message"}}` with the status. */
export function errorResponse(status: number, type: string, message = type): Response {
  return HttpResponse.json(
    { type: 'error', error: { type, message } },
    // retry-after-ms: the SDK's own retry waits what Claude says (its default backoff is longer).
    { status, headers: { 'request-id': 'req_msw', 'retry-after-ms': '1' } },
  );
}

export interface SeenRequest {
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * POST /v1/messages answered by `replies` in turn (the last one again once they run out), and the
 * requests it saw.
 */
export function messagesHandler(...replies: Array<() => Response>) {
  const seen: SeenRequest[] = [];
  const handler = http.post(`${CLAUDE_URL}/v1/messages`, async ({ request }) => {
    seen.push({
      headers: request.headers,
      body: (await request.json()) as Record<string, unknown>,
    });
    const reply = replies[Math.min(seen.length, replies.length) - 1]!;
    return reply();
  });
  return { handler, seen };
}

/** GET /v1/models/{id}: known models answer, others 404 `not_found_error`. */
export function modelsHandler(known: string[], status?: number) {
  return http.get(`${CLAUDE_URL}/v1/models/:id`, ({ params }) => {
    if (status) return errorResponse(status, 'api_error', 'Internal server error');
    const id = String(params.id);
    if (!known.includes(id)) return errorResponse(404, 'not_found_error', `model: ${id}`);
    return HttpResponse.json({
      type: 'model',
      id,
      display_name: id,
      created_at: '2026-01-01T00:00:00Z',
    });
  });
}
