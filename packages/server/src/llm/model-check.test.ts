import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { CLAUDE_URL, modelsHandler } from '../../test/support/anthropic-msw.js';
import { ConfigError } from '../config.js';
import { AnthropicGenerator } from './anthropic-generator.js';
import { ensureModelIsKnown } from './model-check.js';

// Claude's Models API faked at the HTTP boundary: the SDK's models.retrieve runs as it is.
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

const MODEL = 'claude-sonnet-5-5';

function check() {
  const warnings: string[] = [];
  const generator = new AnthropicGenerator({
    apiKey: 'sk-ant-test',
    baseUrl: CLAUDE_URL,
    model: MODEL,
    maxTokens: 256,
    maxRetries: 2, // the check itself never retries
    idleTimeoutMs: 10_000,
  });
  return { warnings, checking: ensureModelIsKnown(generator, (w) => warnings.push(w)) };
}

describe('ensureModelIsKnown with the Models API', () => {
  test('a known model lets start-up go on, quietly', async () => {
    msw.use(modelsHandler([MODEL]));
    const { warnings, checking } = check();
    await expect(checking).resolves.toBeUndefined();
    expect(warnings).toEqual([]);
  });

  test('a 404 not_found_error stops start-up, naming CLAUDE_MODEL and the model', async () => {
    msw.use(modelsHandler(['claude-opus-5-5']));
    const { checking } = check();
    await expect(checking).rejects.toBeInstanceOf(ConfigError);
    await expect(checking).rejects.toThrow(
      /CLAUDE_MODEL: Claude does not know the model "claude-sonnet-5-5"/,
    );
  });

  test('an outage of the Models API warns and lets start-up go on', async () => {
    msw.use(modelsHandler([MODEL], 503));
    const { warnings, checking } = check();
    await expect(checking).resolves.toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(
        /Could not check CLAUDE_MODEL "claude-sonnet-5-5".*503.*starting anyway/,
      ),
    ]);
  });
});
