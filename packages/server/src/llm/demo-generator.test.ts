import { describe, expect, test } from 'vitest';
import { DemoGenerator } from './demo-generator.js';
import { toUpstreamFailure } from './upstream-failure.js';

function request(signal: AbortSignal, onText: (text: string) => void) {
  return { system: '', turns: [{ role: 'user' as const, content: 'hi' }], signal, onText };
}

describe('DemoGenerator', () => {
  test('streams the whole demo reply word by word', async () => {
    const pieces: string[] = [];
    const usage = await new DemoGenerator(0).generate(
      request(new AbortController().signal, (text) => pieces.push(text)),
    );
    expect(pieces.join('')).toMatch(/^Hi! I'm the Repruv demo responder\..*after a reload\.$/s);
    expect(usage).toEqual({ inputTokens: 0, outputTokens: pieces.length, stopReason: 'end_turn' });
  });

  test('a reply asked of another model (a fallback) names the model it stands in for', async () => {
    const pieces: string[] = [];
    await new DemoGenerator(0).generate({
      ...request(new AbortController().signal, (text) => pieces.push(text)),
      model: 'claude-haiku-4-5',
    });
    expect(pieces.join('')).toMatch(
      /^\(Answering in place of claude-haiku-4-5\.\) Hi! I'm the Repruv/,
    );
  });

  test('a stop mid-reply rejects with an AbortError, which is a stop and not an outage', async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    const generating = new DemoGenerator(0).generate(
      request(controller.signal, (text) => {
        pieces.push(text);
        if (pieces.length === 3) controller.abort();
      }),
    );
    const error: unknown = await generating.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(pieces).toHaveLength(3);
    expect(toUpstreamFailure(error, 'demo')).toMatchObject({ endedByUs: true, outage: false });
  });

  test('an already aborted signal sends nothing', async () => {
    const pieces: string[] = [];
    await expect(
      new DemoGenerator(0).generate(request(AbortSignal.abort(), (text) => pieces.push(text))),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(pieces).toEqual([]);
  });
});
