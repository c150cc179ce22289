import type { AnthropicGeneratorOptions } from './anthropic-generator.js';
import type { ConversationTurn, GenerationUsage, ReportedUsage } from './reply-generator.js';
import type { UpstreamFailureData } from './upstream-failure.js';

/** From the main thread to the Claude thread. */
export type ToClaudeThread =
  | {
      type: 'generate';
      id: number;
      model: string;
      system: string;
      temperature: number | undefined;
      maxTokens: number | undefined;
      turns: ConversationTurn[];
    }
  | { type: 'abort'; id: number };

/** From the Claude thread, batched: everything that happened in one turn of its event loop. */
export type FromClaudeThread =
  | { type: 'text'; id: number; text: string }
  | { type: 'usage'; id: number; usage: ReportedUsage }
  | { type: 'rate_limited'; id: number; retryAfterMs: number | undefined }
  | { type: 'done'; id: number; usage: GenerationUsage }
  | { type: 'failed'; id: number; failure: UpstreamFailureData };

export interface ClaudeThreadData {
  options: AnthropicGeneratorOptions;
}
