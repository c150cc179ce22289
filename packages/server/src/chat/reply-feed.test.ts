import { expect, test } from 'vitest';
import type { ReplyEvent } from './reply-events.js';
import { ReplyFeed } from './reply-feed.js';

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
