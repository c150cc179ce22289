import type {
  ConversationTurn,
  GenerateRequest,
  GenerationUsage,
  ReportedUsage,
} from './reply-generator.js';

/** Roughly four characters a token for English text: the estimate where Claude gave no count. */
const CHARS_PER_TOKEN = 4;

function tokensFor(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/**
 * What one call to Claude used, for the ledger, however the call ended. Claude's own counts win:
 * input from `message_start`, output from `message_delta`. A call that ended before them is
 * estimated: output from the text that streamed; input from the request, but only when we ended the
 * call (a stop, a cancel: Claude may have read the prompt already). A call that failed before
 * `message_start` (an error answer, no connection) used nothing: Claude bills no refused request.
 */
export class UsageTally {
  private streamedChars = 0;
  private reported: ReportedUsage = {};

  constructor(private readonly request: Pick<GenerateRequest, 'system' | 'turns'>) {}

  text(text: string): void {
    this.streamedChars += text.length;
  }

  report(usage: ReportedUsage): void {
    this.reported = { ...this.reported, ...usage };
  }

  usage(options: { endedByUs: boolean }): GenerationUsage {
    return {
      inputTokens:
        this.reported.inputTokens ?? (options.endedByUs ? this.estimatedInputTokens() : 0),
      outputTokens: this.reported.outputTokens ?? tokensFor(this.streamedChars),
      stopReason: null,
    };
  }

  private estimatedInputTokens(): number {
    const { system, turns } = this.request;
    return tokensFor(system.length + turns.reduce((sum, turn) => sum + charsOf(turn.content), 0));
  }
}

/** Claude's own estimate for an image at the size kept here (1,568 px long edge): ~1,600 tokens. */
const FILE_CHARS = 1_600 * CHARS_PER_TOKEN;

function charsOf(content: ConversationTurn['content']): number {
  if (typeof content === 'string') return content.length;
  return content.reduce(
    (sum, block) => sum + (block.type === 'text' ? block.text.length : FILE_CHARS),
    0,
  );
}
