import { describe, expect, it } from 'vitest';
import {
  experimentFrom,
  firstDrafts,
  MAX_VARIANTS,
  withDraftAdded,
  withDraftChanged,
  withDraftRemoved,
} from './variant-drafts.js';

describe('the new experiment’s variant drafts', () => {
  it('start as the persona’s prompt and an empty one', () => {
    expect(firstDrafts('Be brief.')).toEqual([
      { key: 0, name: 'A', weight: '50', system_prompt: 'Be brief.' },
      { key: 1, name: 'B', weight: '50', system_prompt: '' },
    ]);
  });

  it('grow to five at most, each with a name not yet taken', () => {
    let drafts = firstDrafts('');
    for (let i = 0; i < 5; i++) drafts = withDraftAdded(drafts);
    expect(drafts).toHaveLength(MAX_VARIANTS);
    expect(drafts.map((draft) => draft.name)).toEqual(['A', 'B', 'C', 'D', 'E']);
    const removed = withDraftRemoved(drafts, drafts[2]!.key);
    expect(withDraftAdded(removed).map((draft) => [draft.key, draft.name])).toEqual([
      [0, 'A'],
      [1, 'B'],
      [3, 'D'],
      [4, 'E'],
      [5, 'C'],
    ]);
  });

  it('keep two at least', () => {
    const drafts = firstDrafts('');
    expect(withDraftRemoved(drafts, 0)).toBe(drafts);
  });

  it('change one field of one row', () => {
    const drafts = withDraftChanged(firstDrafts(''), 1, 'system_prompt', 'Shorter.');
    expect(drafts[1]!.system_prompt).toBe('Shorter.');
    expect(drafts[0]!.system_prompt).toBe('');
  });

  it('become the request body, trimmed, weights as numbers', () => {
    const drafts = withDraftChanged(firstDrafts(' Long. '), 1, 'weight', '20');
    expect(experimentFrom('p-1', ' Test ', drafts)).toEqual({
      persona_id: 'p-1',
      name: 'Test',
      variants: [
        { name: 'A', system_prompt: 'Long.', weight: 50 },
        { name: 'B', system_prompt: '', weight: 20 },
      ],
    });
  });
});
