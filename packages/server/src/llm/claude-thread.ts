/**
 * The Claude thread: runs the SDK calls of the whole process and reports back in batches, so that
 * reading and parsing Claude's streams (half of the CPU a reply costs) happens beside the main
 * thread, which serves the HTTP side. Started by ThreadedGenerator.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AnthropicGenerator } from './anthropic-generator.js';
import type { ClaudeThreadData, FromClaudeThread, ToClaudeThread } from './generator-protocol.js';
import {
  describeUpstreamFailure,
  isRetryable,
  isUpstreamOutage,
  isUserAbort,
} from './upstream-failure.js';

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
      system: message.system,
      turns: message.turns,
      signal: controller.signal,
      onText: (text) => report({ type: 'text', id, text }),
      onUsage: (usage) => report({ type: 'usage', id, usage }),
    })
    .then(
      (usage) => report({ type: 'done', id, usage }),
      (error: unknown) =>
        report({
          type: 'failed',
          id,
          failure: {
            name: error instanceof Error ? error.name : 'Error',
            message: error instanceof Error ? error.message : String(error),
            outage: isUpstreamOutage(error),
            retryable: isRetryable(error),
            userAbort: isUserAbort(error),
            description: describeUpstreamFailure(error, generator.model),
          },
        }),
    )
    .finally(() => running.delete(id));
});
