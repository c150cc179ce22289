import Anthropic from '@anthropic-ai/sdk';
import { createNodeFetch } from './node-fetch.js';
import { watchRateLimit } from './rate-limit-watch.js';
import type {
  GenerateRequest,
  GenerationUsage,
  ModelCheck,
  ReplyGenerator,
} from './reply-generator.js';
import {
  toUpstreamFailure,
  UpstreamDisconnectedError,
  UpstreamTimeoutError,
  UserAbortError,
} from './upstream-failure.js';

export interface AnthropicGeneratorOptions {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  maxTokens: number;
  maxRetries: number;
  idleTimeoutMs: number;
}

const TEMPERATURE = 0.7;
/** The start-up check of the model must not hold start-up for long when Claude is slow. */
const MODEL_CHECK_TIMEOUT_MS = 5000;

/** Streams replies from Claude through the official SDK. */
export class AnthropicGenerator implements ReplyGenerator {
  readonly model: string;
  private readonly client: Anthropic;

  constructor(private readonly options: AnthropicGeneratorOptions) {
    this.model = options.model;
    this.client = new Anthropic({
      apiKey: options.apiKey,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      maxRetries: options.maxRetries,
      fetch: createNodeFetch(),
    });
  }

  /** GET /v1/models/{model}: only a 404 says the model is unknown; anything else leaves it open. */
  async checkModel(): Promise<ModelCheck> {
    try {
      await this.client.models.retrieve(this.model, null, {
        maxRetries: 0,
        timeout: MODEL_CHECK_TIMEOUT_MS,
      });
      return { status: 'known' };
    } catch (error) {
      if (toUpstreamFailure(error, this.model).kind === 'unknown_model')
        return { status: 'unknown' };
      return {
        status: 'unchecked',
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  }

  /** Rejects with an UpstreamFailure: what went wrong, classified here (see upstream-failure.ts). */
  async generate(request: GenerateRequest): Promise<GenerationUsage> {
    const model = request.model ?? this.model;
    const usage: GenerationUsage = { inputTokens: 0, outputTokens: 0, stopReason: null };
    const idle = new AbortController();
    const signal = AbortSignal.any([request.signal, idle.signal]);
    // One timer per reply, pushed back on every event (refresh() allocates nothing).
    const idleTimer = setTimeout(() => idle.abort(), this.options.idleTimeoutMs);
    let finished = false;
    try {
      // The raw event stream, not `messages.stream()`: we keep our own text, so the SDK's message
      // snapshot per stream would only cost memory and CPU at thousands of concurrent replies.
      const params = {
        model,
        max_tokens: request.maxTokens ?? this.options.maxTokens,
        // This SDK version's types no longer list it; Claude still takes it.
        temperature: request.temperature ?? TEMPERATURE,
        system: request.system,
        messages: request.turns,
        stream: true as const,
      };
      const stream = await this.client.messages.create(params, {
        signal,
        ...(request.onRateLimited ? { middleware: [watchRateLimit(request.onRateLimited)] } : {}),
      });
      for await (const event of stream) {
        idleTimer.refresh();
        switch (event.type) {
          case 'message_start':
            usage.inputTokens = event.message.usage.input_tokens;
            usage.outputTokens = event.message.usage.output_tokens;
            request.onUsage?.({ inputTokens: usage.inputTokens });
            break;
          case 'content_block_delta':
            if (event.delta.type === 'text_delta' && event.delta.text)
              request.onText(event.delta.text);
            break;
          case 'message_delta':
            // Usage in message_delta is cumulative: overwrite, never add.
            usage.outputTokens = event.usage.output_tokens;
            if (typeof event.usage.input_tokens === 'number' && event.usage.input_tokens > 0) {
              usage.inputTokens = event.usage.input_tokens;
            }
            usage.stopReason = event.delta.stop_reason ?? usage.stopReason;
            request.onUsage?.({ inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
            break;
          case 'message_stop':
            finished = true;
            break;
          default:
            break;
        }
      }
      // The SDK ends iteration quietly when aborted or cut: tell those apart from a finished reply.
      if (request.signal.aborted) throw new UserAbortError();
      if (idle.signal.aborted) throw new UpstreamTimeoutError(this.options.idleTimeoutMs);
      if (!finished) throw new UpstreamDisconnectedError();
      return usage;
    } catch (error) {
      const ours =
        error instanceof UpstreamTimeoutError || error instanceof UpstreamDisconnectedError;
      // Our idle timer aborted the request: whatever the SDK threw then, it is a timeout.
      const timedOut = !ours && idle.signal.aborted && !request.signal.aborted;
      throw toUpstreamFailure(
        timedOut ? new UpstreamTimeoutError(this.options.idleTimeoutMs) : error,
        model,
      );
    } finally {
      clearTimeout(idleTimer);
    }
  }
}
