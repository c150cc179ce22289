import { expect, test } from 'vitest';
import type { ReplyEvent } from './events.js';
import { ReplyFeed } from './feed.js';

const delta = (text: string, offset: number): ReplyEvent => ({
  type: 'delta',
  messageId: 'm',
  text,
  offset,
});

async function drain(feed: ReplyFeed): Promise<ReplyEvent[]> {
  const events: ReplyEvent[] = [];
  for await (const event of feed) events.push(event);
  return events;
}

test('deltas queued while the reader is slow are merged into one', async () => {
  const feed = new ReplyFeed(0);
  feed.push(delta('ab', 2));
  feed.push(delta('cd', 4));
  feed.push({ type: 'completed', message: {} as never });
  const events = await drain(feed);
  expect(events).toHaveLength(2);
  expect(events[0]).toMatchObject({ text: 'abcd', offset: 4 });
});

test('text at or before the starting offset is dropped, and an overlapping delta trimmed', async () => {
  const feed = new ReplyFeed(3);
  feed.push(delta('abc', 3));
  feed.push(delta('cdef', 6));
  feed.push({ type: 'completed', message: {} as never });
  const [first] = await drain(feed);
  expect(first).toMatchObject({ text: 'def', offset: 6 });
});

test('closing runs the close handlers once and ends iteration', async () => {
  const feed = new ReplyFeed(0);
  let closed = 0;
  feed.onClose(() => closed++);
  const reading = drain(feed);
  feed.close();
  feed.close();
  expect(await reading).toEqual([]);
  expect(closed).toBe(1);
});

test('a sink gets each event at once, and while it is backed up the deltas wait merged', () => {
  const feed = new ReplyFeed(0);
  const received: ReplyEvent[] = [];
  let room = true;
  feed.drainTo((event) => {
    received.push({ ...event });
    return room;
  });
  feed.push(delta('a', 1));
  expect(received).toHaveLength(1);
  room = false;
  feed.push(delta('b', 2)); // delivered, and the sink says it is now full
  feed.push(delta('c', 3));
  feed.push(delta('d', 4));
  expect(received.map((e) => (e.type === 'delta' ? e.text : ''))).toEqual(['a', 'b']);
  room = true;
  feed.resume();
  expect(received.at(-1)).toMatchObject({ text: 'cd', offset: 4 });
  feed.push({ type: 'completed', message: {} as never });
  expect(received.at(-1)!.type).toBe('completed');
});
