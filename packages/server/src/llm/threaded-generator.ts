import { Worker } from 'node:worker_threads';
import { AnthropicGenerator, type AnthropicGeneratorOptions } from './anthropic-generator.js';
import type { ClaudeThreadData, FromClaudeThread, ToClaudeThread } from './generator-protocol.js';
import type {
  GenerateRequest,
  GenerationUsage,
  ModelCheck,
  ReplyGenerator,
  ReportedUsage,
} from './reply-generator.js';
import { ClaudeThreadEndedError, toUpstreamFailure, UpstreamFailure } from './upstream-failure.js';

interface Call {
  onText(text: string): void;
  onUsage: ((usage: ReportedUsage) => void) | undefined;
  onRateLimited: ((retryAfterMs: number | undefined) => void) | undefined;
  resolve(usage: GenerationUsage): void;
  reject(error: Error): void;
}

/**
 * Claude through the SDK on a thread of its own (llm/claude-thread.ts), in this process: the main
 * thread keeps the HTTP side, the Claude thread reads and parses Claude's streams, and text comes
 * back in one message per turn of its event loop. At thousands of live replies one thread would
 * otherwise do both and saturate while the second core idles.
 *
 * Crossing threads costs each reply about a millisecond before its first token, so the first
 * `inlineUpTo` live replies are read on the main thread; only the ones beyond go to the thread.
 */
export class ThreadedGenerator implements ReplyGenerator {
  readonly model: string;
  private worker: Worker | undefined;
  private readonly calls = new Map<number, Call>();
  private nextId = 1;
  private readonly inline: AnthropicGenerator;
  private inlineLive = 0;
  private threadGone = false;

  constructor(
    private readonly options: AnthropicGeneratorOptions,
    private readonly inlineUpTo: number,
  ) {
    this.model = options.model;
    this.inline = new AnthropicGenerator(options);
  }

  /** The thread, started on the first call beyond `inlineUpTo`: an idle server holds none. */
  private thread(): Worker {
    if (this.worker) return this.worker;
    const data: ClaudeThreadData = { options: this.options };
    // Run from source (tests, tsx), the thread is TypeScript too: it registers tsx's loader first.
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(
      fromSource ? './claude-thread.ts' : './claude-thread.js',
      import.meta.url,
    );
    const worker = fromSource
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`,
          { eval: true, workerData: data },
        )
      : new Worker(entry, { workerData: data });
    worker.unref();
    worker.on('message', (events: FromClaudeThread[]) => {
      for (const event of events) this.deliver(event);
    });
    // Should the thread die, the calls on it fail as an outage and every later one runs in-line.
    worker.on('error', () => this.threadEnded());
    worker.on('exit', () => this.threadEnded());
    this.worker = worker;
    return worker;
  }

  checkModel(): Promise<ModelCheck> {
    return this.inline.checkModel();
  }

  async generate(request: GenerateRequest): Promise<GenerationUsage> {
    if (this.threadGone || this.inlineLive + this.calls.size < this.inlineUpTo) {
      this.inlineLive += 1;
      try {
        return await this.inline.generate(request);
      } finally {
        this.inlineLive -= 1;
      }
    }
    return this.onThread(request);
  }

  private onThread(request: GenerateRequest): Promise<GenerationUsage> {
    const id = this.nextId++;
    return new Promise<GenerationUsage>((resolve, reject) => {
      const onAbort = () => this.post({ type: 'abort', id });
      this.calls.set(id, {
        onText: request.onText,
        onUsage: request.onUsage,
        onRateLimited: request.onRateLimited,
        resolve: (usage) => {
          request.signal.removeEventListener('abort', onAbort);
          resolve(usage);
        },
        reject: (error) => {
          request.signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      request.signal.addEventListener('abort', onAbort, { once: true });
      this.post({
        type: 'generate',
        id,
        model: request.model ?? this.model,
        system: request.system,
        temperature: request.temperature,
        maxTokens: request.maxTokens,
        turns: request.turns,
      });
      if (request.signal.aborted) onAbort();
    });
  }

  /** Ends the thread; calls still running on it fail. */
  async close(): Promise<void> {
    this.threadGone = true; // a reply that starts meanwhile runs in-line
    await this.worker?.terminate();
  }

  /** A failed worker emits 'error' and then 'exit': both end up here. */
  private threadEnded(): void {
    this.threadGone = true;
    const failure = toUpstreamFailure(new ClaudeThreadEndedError(), this.model);
    for (const call of this.calls.values()) call.reject(failure);
    this.calls.clear();
  }

  private post(message: ToClaudeThread): void {
    if (!this.threadGone) this.thread().postMessage(message);
  }

  private deliver(event: FromClaudeThread): void {
    const call = this.calls.get(event.id);
    if (!call) return;
    if (event.type === 'text') {
      call.onText(event.text);
      return;
    }
    if (event.type === 'usage') {
      call.onUsage?.(event.usage);
      return;
    }
    if (event.type === 'rate_limited') {
      call.onRateLimited?.(event.retryAfterMs);
      return;
    }
    this.calls.delete(event.id);
    if (event.type === 'done') call.resolve(event.usage);
    else call.reject(new UpstreamFailure(event.failure)); // as it was classified on the thread
  }
}
