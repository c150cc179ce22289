/**
 * The Claude thread: runs the SDK calls of the whole process and reports back in batches, so that
 * reading and parsing Claude's streams (half of the CPU a reply costs) happens beside the main
 * thread, which serves the HTTP side. Started by ThreadedGenerator.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AnthropicGenerator } from './anthropic-generator.js';
import type { ClaudeThreadData, FromClaudeThread, ToClaudeThread } from './generator-protocol.js';
import { toUpstreamFailure } from './upstream-failure.js';

const port = parentPort!;
const { options } = workerData as ClaudeThreadData;
const generator = new AnthropicGenerator(options);
const running = new Map<number, AbortController>();

let batch: FromClaudeThread[] = [];
function report(event: FromClaudeThread): void {
  if (batch.length === 0) setImmediate(flush);
  batch.push(event);
}
function flush(): void {
  const events = batch;
  batch = [];
  port.postMessage(events);
}

port.on('message', (message: ToClaudeThread) => {
  if (message.type === 'abort') {
    running.get(message.id)?.abort();
    return;
  }
  const { id } = message;
  const controller = new AbortController();
  running.set(id, controller);
  generator
    .generate({
      model: message.model,
      system: message.system,
      temperature: message.temperature,
      maxTokens: message.maxTokens,
      turns: message.turns,
      signal: controller.signal,
      onText: (text) => report({ type: 'text', id, text }),
      onUsage: (usage) => report({ type: 'usage', id, usage }),
      onRateLimited: (retryAfterMs) => report({ type: 'rate_limited', id, retryAfterMs }),
    })
    .then(
      (usage) => report({ type: 'done', id, usage }),
      // Classified here, where the SDK's error classes are; it crosses as data (UpstreamFailureData).
      (error: unknown) =>
        report({ type: 'failed', id, failure: toUpstreamFailure(error, message.model).toJSON() }),
    )
    .finally(() => running.delete(id));
});
