import { describe, expect, it } from 'vitest';
import { ConversationCache, sameHistory } from './conversation-cache.js';

const turn = (content: string) => ({ role: 'user' as const, content, status: 'complete' });

describe('ConversationCache', () => {
  it('returns an entry only to the user it belongs to', () => {
    const cache = new ConversationCache(10_000, 20);
    cache.set('s1', {
      userId: 'u1',
      mode: 'general',
      sessionPrompt: null,
      history: [turn('hi')],
      clientMessageIds: [],
      leafId: null,
    });
    expect(cache.get('s1', 'u1')?.history).toEqual([turn('hi')]);
    expect(cache.get('s1', 'u2')).toBeUndefined();
    cache.delete('s1');
    expect(cache.get('s1', 'u1')).toBeUndefined();
  });

  it('keeps the latest turns only, and evicts the least recently used past its budget', () => {
    const cache = new ConversationCache(1_800, 2);
    cache.set('a', {
      userId: 'u',
      mode: 'general',
      sessionPrompt: null,
      history: [turn('1'), turn('2'), turn('3')],
      clientMessageIds: [],
      leafId: null,
    });
    expect(cache.get('a', 'u')?.history.map((t) => t.content)).toEqual(['2', '3']);
    cache.set('b', {
      userId: 'u',
      mode: 'general',
      sessionPrompt: null,
      history: [turn('x'.repeat(600))],
      clientMessageIds: [],
      leafId: null,
    });
    cache.get('a', 'u'); // a is now more recent than b
    cache.set('c', {
      userId: 'u',
      mode: 'general',
      sessionPrompt: null,
      history: [turn('y'.repeat(600))],
      clientMessageIds: [],
      leafId: null,
    });
    expect(cache.get('b', 'u')).toBeUndefined();
    expect(cache.get('a', 'u')).toBeDefined();
    expect(cache.get('c', 'u')).toBeDefined();
    cache.set('huge', {
      userId: 'u',
      mode: 'general',
      sessionPrompt: null,
      history: [turn('z'.repeat(5_000))],
      clientMessageIds: [],
      leafId: null,
    });
    expect(cache.get('huge', 'u')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('compares histories by role, content and status', () => {
    expect(sameHistory([turn('a')], [turn('a')])).toBe(true);
    expect(sameHistory([turn('a')], [turn('b')])).toBe(false);
    expect(sameHistory([turn('a')], [{ ...turn('a'), status: 'error' }])).toBe(false);
    expect(sameHistory([turn('a')], [])).toBe(false);
  });
});
