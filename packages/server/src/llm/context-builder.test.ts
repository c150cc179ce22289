import { expect, test } from 'vitest';
import { buildClaudeContext, type StoredTurn } from './context-builder.js';

const user = (content: string): StoredTurn => ({ role: 'user', content, status: 'complete' });
const reply = (content: string, status = 'complete'): StoredTurn => ({
  role: 'assistant',
  content,
  status,
});

test('keeps a valid alternating conversation as it is', () => {
  const turns = buildClaudeContext([user('a'), reply('b'), user('c')], 20);
  expect(turns).toEqual([
    { role: 'user', content: 'a' },
    { role: 'assistant', content: 'b' },
    { role: 'user', content: 'c' },
  ]);
});

test('leaves out failed and empty replies and merges the user turns they separated', () => {
  const turns = buildClaudeContext(
    [user('a'), reply('oops', 'error'), user('b'), reply(''), user('c')],
    20,
  );
  expect(turns).toEqual([{ role: 'user', content: 'a\n\nb\n\nc' }]);
});

test('keeps stopped replies, which the user saw', () => {
  const turns = buildClaudeContext([user('a'), reply('partial', 'stopped'), user('b')], 20);
  expect(turns.map((turn) => turn.role)).toEqual(['user', 'assistant', 'user']);
});

test('takes only the last N messages and starts with a user turn', () => {
  const history = [user('1'), reply('2'), user('3'), reply('4'), user('5')];
  const turns = buildClaudeContext(history, 4);
  expect(turns[0]).toEqual({ role: 'user', content: '3' });
  expect(turns).toHaveLength(3);
});

test('never ends with an assistant turn', () => {
  expect(buildClaudeContext([user('a'), reply('b')], 20)).toEqual([{ role: 'user', content: 'a' }]);
});
