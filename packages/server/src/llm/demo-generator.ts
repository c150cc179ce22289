import { setTimeout as sleep } from 'node:timers/promises';
import type { GenerateRequest, GenerationUsage, ReplyGenerator } from './reply-generator.js';

const DEMO_REPLY =
  "Hi! I'm the Repruv demo responder. **No Claude API key is configured**, so this is a built-in " +
  'reply rather than an answer from Claude.\n\n' +
  'To get real answers, stop the server and start it again with your key:\n\n' +
  '```sh\nCLAUDE_API_KEY=sk-ant-... npm start\n```\n\n' +
  'Everything else you see here is the real product: your message was stored, this reply is ' +
  'streamed over Server-Sent Events, and both will still be here after a reload.';

const WORD_DELAY_MS = 25;

/** A reply asked of another model (a site's fallback) says which one it stands in for. */
function standsInFor(model: string | undefined): string {
  return model && model !== 'demo' ? `(Answering in place of ${model}.) ` : '';
}

/** Streams a fixed reply, so the whole product can be tried without an API key (never in production). */
export class DemoGenerator implements ReplyGenerator {
  readonly model = 'demo';

  constructor(private readonly wordDelayMs = WORD_DELAY_MS) {}

  async generate(request: GenerateRequest): Promise<GenerationUsage> {
    const reply = standsInFor(request.model) + DEMO_REPLY;
    const pieces = reply.match(/\S+\s*/g) ?? [reply];
    for (const piece of pieces) {
      // Rejects with an AbortError (name 'AbortError') once the signal aborts: a stop, not a failure.
      await sleep(this.wordDelayMs, undefined, { signal: request.signal });
      request.onText(piece);
    }
    return { inputTokens: 0, outputTokens: pieces.length, stopReason: 'end_turn' };
  }
}
