import { describe, expect, it } from 'vitest';
import { NetworkError } from './errors.js';
import { readEvents, SSEDecoder, type ServerSentEvent } from './sse.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Feeds `input` cut at the given byte offsets and returns everything dispatched, end included. */
function decodeSplit(
  input: Uint8Array,
  cuts: number[] = [],
): { events: ServerSentEvent[]; retry?: number } {
  const decoder = new SSEDecoder();
  const events: ServerSentEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, input.length]) {
    events.push(...decoder.decode(input.subarray(start, cut)));
    start = cut;
  }
  events.push(...decoder.end());
  return { events, retry: decoder.retry };
}

const decodeAll = (text: string) => decodeSplit(bytes(text)).events;

// A stream as the server sends it: a ping, ids as reply offsets, multi-byte text.
const recorded = [
  ': ping',
  '',
  'id: 0',
  'event: message.created',
  'data: {"user_message":{"id":"u"},"assistant_message":{"id":"a"}}',
  '',
  'id: 3',
  'event: message.delta',
  'data: {"message_id":"a","text":"Caf"}',
  '',
  'id: 6',
  'event: message.delta',
  'data: {"message_id":"a","text":"é 😀"}',
  '',
  'retry: 2500',
  'id: 6:end',
  'event: message.completed',
  'data: {"message":{"id":"a","content":"Café 😀"}}',
  '',
  '',
].join('\n');

const expected: ServerSentEvent[] = [
  {
    event: 'message.created',
    id: '0',
    data: '{"user_message":{"id":"u"},"assistant_message":{"id":"a"}}',
  },
  { event: 'message.delta', id: '3', data: '{"message_id":"a","text":"Caf"}' },
  { event: 'message.delta', id: '6', data: '{"message_id":"a","text":"é 😀"}' },
  { event: 'message.completed', id: '6:end', data: '{"message":{"id":"a","content":"Café 😀"}}' },
];

describe('SSEDecoder', () => {
  it('decodes a recorded stream in one chunk', () => {
    expect(decodeSplit(bytes(recorded))).toEqual({ events: expected, retry: 2500 });
  });

  it('gives the same events whatever byte the stream is cut at', () => {
    const input = bytes(recorded);
    for (let cut = 0; cut <= input.length; cut++) {
      expect(decodeSplit(input, [cut]).events, `cut at byte ${cut}`).toEqual(expected);
    }
  });

  it('gives the same events when every pair of bytes arrives apart (CRLF stream)', () => {
    const input = bytes(recorded.replaceAll('\n', '\r\n'));
    for (let a = 0; a < input.length; a += 7) {
      for (let b = a; b <= input.length; b += 3) {
        expect(decodeSplit(input, [a, b]).events, `cuts at ${a}, ${b}`).toEqual(expected);
      }
    }
  });

  it('gives the same events fed one byte at a time', () => {
    const input = bytes(recorded);
    const cuts = Array.from({ length: input.length }, (_, i) => i);
    expect(decodeSplit(input, cuts).events).toEqual(expected);
  });

  it('accepts CRLF, CR and LF line endings, mixed', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const input = bytes(recorded.replaceAll('\n', eol));
      expect(decodeSplit(input).events, JSON.stringify(eol)).toEqual(expected);
      const cuts = Array.from({ length: input.length }, (_, i) => i);
      expect(decodeSplit(input, cuts).events, `${JSON.stringify(eol)} byte by byte`).toEqual(
        expected,
      );
    }
    expect(decodeAll('data: a\r\ndata: b\rdata: c\n\r\n')).toEqual([
      { event: 'message', id: '', data: 'a\nb\nc' },
    ]);
  });

  it('does not take a CR at the end of a chunk and the LF starting the next for two line ends', () => {
    expect(decodeSplit(bytes('data: a\r\n\r\ndata: b\r\n\r\n'), [8, 9, 10]).events).toEqual([
      { event: 'message', id: '', data: 'a' },
      { event: 'message', id: '', data: 'b' },
    ]);
  });

  it('decodes a UTF-8 character split across chunks', () => {
    for (const char of ['é', '😀', '中']) {
      const input = bytes(`data: ${char}${char}\n\n`);
      const start = 'data: '.length;
      for (let cut = start; cut <= start + bytes(char).length * 2; cut++) {
        expect(decodeSplit(input, [cut]).events[0]?.data, `${char} cut at ${cut}`).toBe(
          char + char,
        );
      }
    }
  });

  it('joins multi-line data with \\n and keeps empty data lines', () => {
    expect(decodeAll('data: one\ndata:two\ndata\ndata:  three\n\n')).toEqual([
      { event: 'message', id: '', data: 'one\ntwo\n\n three' },
    ]);
  });

  it('ignores comments, unknown fields and events without data', () => {
    expect(decodeAll(': hello\n:\nfoo: bar\n\nevent: x\n\nevent: y\ndata: 1\n\n')).toEqual([
      { event: 'y', id: '', data: '1' },
    ]);
  });

  it('dispatches a data line with an empty value as an empty string', () => {
    expect(decodeAll('data\n\ndata:\n\n')).toEqual([
      { event: 'message', id: '', data: '' },
      { event: 'message', id: '', data: '' },
    ]);
  });

  it('keeps the last event id for later events, and ignores ids containing NULL', () => {
    expect(decodeAll('id: 1\ndata: a\n\ndata: b\n\nid: 2\0x\ndata: c\n\nid\ndata: d\n\n')).toEqual([
      { event: 'message', id: '1', data: 'a' },
      { event: 'message', id: '1', data: 'b' },
      { event: 'message', id: '1', data: 'c' },
      { event: 'message', id: '', data: 'd' },
    ]);
  });

  it('does not dispatch a last event that lacks its blank line', () => {
    expect(decodeAll('data: a\n\ndata: b')).toEqual([{ event: 'message', id: '', data: 'a' }]);
    expect(decodeAll('data: a\n\ndata: b\n')).toEqual([{ event: 'message', id: '', data: 'a' }]);
    expect(decodeAll('data: a\r\ndata: b\r')).toEqual([]);
  });

  it('dispatches an event whose blank line is a CR right at the end', () => {
    expect(decodeAll('data: a\r\r')).toEqual([{ event: 'message', id: '', data: 'a' }]);
  });

  it('sets retry only from ASCII digits', () => {
    expect(decodeSplit(bytes('retry: 1000\n\n')).retry).toBe(1000);
    expect(decodeSplit(bytes('retry: 1000\nretry: 12a\nretry: -5\nretry:\n\n')).retry).toBe(1000);
    expect(decodeSplit(bytes('retry:300\n\n'), [3]).retry).toBe(300);
  });

  it('drops a leading byte-order mark', () => {
    expect(
      decodeSplit(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('data: x\n\n')]), [1, 2]).events,
    ).toEqual([{ event: 'message', id: '', data: 'x' }]);
  });

  it('strips only one space after the colon', () => {
    expect(decodeAll('event:  spaced\ndata:\tx\n\n')).toEqual([
      { event: ' spaced', id: '', data: '\tx' },
    ]);
  });
});

describe('readEvents', () => {
  const streamOf = (chunks: (string | Error)[]) =>
    new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else if (chunk instanceof Error) controller.error(chunk);
        else controller.enqueue(bytes(chunk));
      },
    });

  it('yields the events of a body', async () => {
    const seen: ServerSentEvent[] = [];
    for await (const event of readEvents(streamOf(['id: 1\nda', 'ta: x\n', '\ndata: never'])))
      seen.push(event);
    expect(seen).toEqual([{ event: 'message', id: '1', data: 'x' }]);
  });

  it('turns a broken body into a NetworkError after the events that arrived', async () => {
    const seen: string[] = [];
    const run = async () => {
      for await (const event of readEvents(streamOf(['data: a\n\n', new TypeError('terminated')])))
        seen.push(event.data);
    };
    await expect(run()).rejects.toBeInstanceOf(NetworkError);
    expect(seen).toEqual(['a']);
  });
});
