import type { AnthropicGeneratorOptions } from './anthropic-generator.js';
import type { ConversationTurn, GenerationUsage } from './reply-generator.js';

/** From the main thread to the Claude thread. */
export type ToClaudeThread =
  | { type: 'generate'; id: number; system: string; turns: ConversationTurn[] }
  | { type: 'abort'; id: number };

/** A failure as the Claude thread classified it (the SDK's error classes do not cross threads). */
export interface FailureReport {
  name: string;
  message: string;
  outage: boolean;
  retryable: boolean;
  userAbort: boolean;
  description: string;
}

/** From the Claude thread, batched: everything that happened in one turn of its event loop. */
export type FromClaudeThread =
  | { type: 'text'; id: number; text: string }
  | { type: 'done'; id: number; usage: GenerationUsage }
  | { type: 'failed'; id: number; failure: FailureReport };

export interface ClaudeThreadData {
  options: AnthropicGeneratorOptions;
}
