import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from './history-api.js';
import { PendingDeletes, UNDO_MS } from './pending-deletes.js';

const entry = (id: string) => ({ session: { id }, hit: null }) as unknown as HistoryEntry;

describe('PendingDeletes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function deletes() {
    const committed: string[] = [];
    const pending = new PendingDeletes({
      commit: async (id) => void committed.push(id),
      onChange: () => {},
    });
    return { pending, committed };
  }

  it('sends the DELETE only once the time to undo is up', () => {
    const { pending, committed } = deletes();
    pending.schedule({ entry: entry('a'), index: 0, wasCurrent: false });
    vi.advanceTimersByTime(UNDO_MS - 1);
    expect(committed).toEqual([]);
    expect(pending.latest?.entry.session.id).toBe('a');
    vi.advanceTimersByTime(1);
    expect(committed).toEqual(['a']);
    expect(pending.latest).toBeNull();
  });

  it('never sends an undone deletion, and the notice offers the latest one', () => {
    const { pending, committed } = deletes();
    pending.schedule({ entry: entry('a'), index: 0, wasCurrent: false });
    pending.schedule({ entry: entry('b'), index: 3, wasCurrent: true });
    expect(pending.latest).toMatchObject({ index: 3, wasCurrent: true });
    expect(pending.undo('b')?.entry.session.id).toBe('b');
    expect(pending.undo('b')).toBeNull();
    expect(pending.latest?.entry.session.id).toBe('a');
    vi.advanceTimersByTime(UNDO_MS);
    expect(committed).toEqual(['a']);
  });
});
