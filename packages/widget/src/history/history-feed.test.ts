import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry, HistoryPage, HistoryQuery } from './history-api.js';
import { HistoryFeed, SEARCH_DEBOUNCE_MS } from './history-feed.js';

const entry = (id: string) => ({ session: { id }, hit: null }) as unknown as HistoryEntry;
const ids = (feed: HistoryFeed) => feed.entries.map((e) => e.session.id);

/** A load function whose responses the test hands out, in any order. */
function server() {
  const calls: { query: HistoryQuery; signal: AbortSignal; answer: (page: HistoryPage) => void }[] =
    [];
  const load = (query: HistoryQuery, signal: AbortSignal) =>
    new Promise<HistoryPage>((resolve) => calls.push({ query, signal, answer: resolve }));
  return { calls, load };
}

describe('HistoryFeed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function feedOn(load: (q: HistoryQuery, s: AbortSignal) => Promise<HistoryPage>) {
    const loaded: [number, boolean][] = [];
    const feed = new HistoryFeed({
      load,
      onChange: () => {},
      onLoaded: (count, more) => loaded.push([count, more]),
      onFailed: (error) => {
        throw error;
      },
    });
    return { feed, loaded };
  }

  it('pages on: the next page is appended, a session seen already is not listed twice', async () => {
    const { feed, loaded } = feedOn(async () => ({
      entries: [entry('a'), entry('b')],
      next: async () => ({ entries: [entry('b'), entry('c')], next: null }),
    }));
    await feed.reload();
    expect(ids(feed)).toEqual(['a', 'b']);
    expect(feed.hasMore).toBe(true);
    expect(loaded).toEqual([[2, true]]);
    await feed.more();
    expect(ids(feed)).toEqual(['a', 'b', 'c']);
    expect(feed.hasMore).toBe(false);
  });

  it('searches once typing pauses, with the last text only', async () => {
    const { calls, load } = server();
    const { feed } = feedOn(load);
    feed.search('str');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    feed.search('strat');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(calls.map((c) => c.query.q)).toEqual(['strat']);
  });

  it('aborts the search under way for a newer one, and drops its late answer', async () => {
    const { calls, load } = server();
    const { feed, loaded } = feedOn(load);
    feed.search('old');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    feed.search('new');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    const [older, newer] = calls;
    expect(older!.signal.aborted).toBe(true);
    newer!.answer({ entries: [entry('new')], next: null });
    older!.answer({ entries: [entry('old')], next: null });
    await vi.runAllTimersAsync();
    expect(ids(feed)).toEqual(['new']);
    expect(loaded).toEqual([[1, false]]);
  });

  it('settled() sends a search still waiting for the pause, for Enter to open its first hit', async () => {
    const { calls, load } = server();
    const { feed } = feedOn(load);
    feed.search('launch');
    const settled = feed.settled();
    expect(calls.map((c) => c.query.q)).toEqual(['launch']);
    calls[0]!.answer({ entries: [entry('hit')], next: null });
    await settled;
    expect(ids(feed)).toEqual(['hit']);
  });

  it('takes an entry out and puts it back where it was', async () => {
    const { feed } = feedOn(async () => ({
      entries: [entry('a'), entry('b'), entry('c')],
      next: null,
    }));
    await feed.reload();
    const removed = feed.remove('b')!;
    expect(ids(feed)).toEqual(['a', 'c']);
    feed.restore(removed.entry, removed.index);
    expect(ids(feed)).toEqual(['a', 'b', 'c']);
  });
});
