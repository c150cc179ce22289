import { ConfigError, DEFAULT_CLAUDE_MODEL } from '../config.js';
import type { ReplyGenerator } from './reply-generator.js';

/**
 * Stops start-up when Claude says it does not know CLAUDE_MODEL; when Claude cannot be asked (an
 * outage, a network error) it warns and lets start-up go on, as the model may well work.
 */
export async function ensureModelIsKnown(
  generator: ReplyGenerator,
  warn: (message: string) => void,
): Promise<void> {
  const check = await generator.checkModel?.();
  if (!check || check.status === 'known') return;
  if (check.status === 'unknown') {
    throw new ConfigError(
      `CLAUDE_MODEL: Claude does not know the model "${generator.model}" (retired, misspelt, or not ` +
        `available to this API key). Set CLAUDE_MODEL to a current model, such as the default ` +
        `"${DEFAULT_CLAUDE_MODEL}".`,
    );
  }
  warn(
    `Could not check CLAUDE_MODEL "${generator.model}" with Claude's Models API (${check.reason}); ` +
      'starting anyway.',
  );
}
