/** What the chat layer asks of a model: stream a reply for a conversation, report usage. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  /** Text, or Claude's content blocks when the turn carries files (images, PDFs). */
  content: string | ContentBlock[];
}

/** The blocks of Claude's Messages API that a turn here can hold. */
export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: Base64Source<'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'> }
  | { type: 'document'; source: Base64Source<'application/pdf'> };

export interface Base64Source<MediaType extends string> {
  type: 'base64';
  media_type: MediaType;
  data: string;
}

export interface GenerateRequest {
  /** The model to ask; the generator's own (CLAUDE_MODEL) when absent. */
  model?: string | undefined;
  system: string;
  /** The persona's; absent: the generator's own (0.7, CLAUDE_MAX_TOKENS). */
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  turns: ConversationTurn[];
  signal: AbortSignal;
  onText: (text: string) => void;
  /**
   * Claude's own counts as they arrive (input with `message_start`, output with `message_delta`), so
   * that a call that does not finish is still accounted for with what Claude said it used.
   */
  onUsage?: (usage: ReportedUsage) => void;
  /**
   * Claude answered 429 (the organisation's rate limit), told as soon as the answer arrives, before
   * the SDK waits to retry: `retryAfterMs` is what Claude asked for, undefined when it did not say.
   */
  onRateLimited?: (retryAfterMs: number | undefined) => void;
}

export interface ReportedUsage {
  inputTokens?: number;
  outputTokens?: number;
}

export interface GenerationUsage {
  inputTokens: number;
  outputTokens: number;
  stopReason: string | null;
}

/** Whether Claude knows the configured model; `unchecked` when the Models API could not say. */
export type ModelCheck =
  { status: 'known' } | { status: 'unknown' } | { status: 'unchecked'; reason: string };

export interface ReplyGenerator {
  readonly model: string;
  /** Rejects with an UpstreamFailure, or with anything `toUpstreamFailure` classifies. */
  generate(request: GenerateRequest): Promise<GenerationUsage>;
  /** Asks Claude once whether it knows `model` (generators without a model to check omit it). */
  checkModel?(): Promise<ModelCheck>;
  /** Lets go of what it holds (a thread); called once the server has stopped every reply. */
  close?(): Promise<void>;
}
