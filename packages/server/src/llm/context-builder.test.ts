import { describe, expect, test } from 'vitest';
import { buildClaudeContext, contextFileIds, type StoredTurn } from './context-builder.js';

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

describe('files', () => {
  const withFiles = (content: string, ids: string[]): StoredTurn => ({
    role: 'user',
    content,
    status: 'complete',
    attachment_ids: ids,
  });
  const files = new Map([
    ['img', { kind: 'image' as const, mediaType: 'image/png', name: 'a.png', data: 'AAAA' }],
    [
      'doc',
      { kind: 'document' as const, mediaType: 'application/pdf', name: 'b.pdf', data: 'BBBB' },
    ],
    ['old', { kind: 'image' as const, mediaType: 'image/png', name: 'old.png' }],
  ]);

  test('a user turn with files becomes blocks: files first, then its text; a file without bytes is named', () => {
    const turns = buildClaudeContext([withFiles('look', ['old', 'img', 'doc'])], 20, files);
    expect(turns[0]!.content).toEqual([
      { type: 'text', text: '[earlier attachment: old.png]' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'BBBB' } },
      { type: 'text', text: 'look' },
    ]);
  });

  test('a turn of files alone is kept, and merged as blocks with the user turn next to it', () => {
    const turns = buildClaudeContext(
      [withFiles('', ['img']), reply('', 'error'), user('and this?')],
      20,
      files,
    );
    expect(turns).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
          { type: 'text', text: 'and this?' },
        ],
      },
    ]);
  });

  test('contextFileIds: the newest files of the kept turns, at most maxFiles', () => {
    const history = [withFiles('a', ['1', '2']), reply('r'), withFiles('b', ['3', '4', '5'])];
    expect(contextFileIds(history, 20, 4)).toEqual(['5', '4', '3', '2']);
    expect(contextFileIds(history, 1, 10)).toEqual(['5', '4', '3']);
    expect(contextFileIds(history, 20, 0)).toEqual([]);
  });
});
