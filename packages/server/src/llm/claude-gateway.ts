import type { CircuitBreaker } from './circuit-breaker.js';
import { type BreakerPermit } from './circuit-breaker.js';
import type { GenerateRequest, GenerationUsage, ReplyGenerator } from './reply-generator.js';
import { toUpstreamFailure, type UpstreamFailure } from './upstream-failure.js';
import { UsageTally } from './usage-tally.js';

/** How a call ended: what it used (always, for the ledger) and, when it did not finish, why. */
export interface GenerationResult {
  usage: GenerationUsage;
  failure?: UpstreamFailure;
}

/**
 * The one door to Claude: every call passes the circuit breaker, and every outcome is reported to it.
 * Acquire a permit first (it throws 503 when the circuit is open), then generate with it.
 */
export class ClaudeGateway {
  constructor(
    private readonly generator: ReplyGenerator,
    readonly breaker: CircuitBreaker,
  ) {}

  get model(): string {
    return this.generator.model;
  }

  acquirePermit(): BreakerPermit {
    return this.breaker.acquire();
  }

  /** Never rejects: a failed call resolves with its failure and the tokens it used all the same. */
  async generate(permit: BreakerPermit, request: GenerateRequest): Promise<GenerationResult> {
    const tally = new UsageTally(request);
    try {
      const usage = await this.generator.generate({
        ...request,
        onText: (text) => {
          tally.text(text);
          request.onText(text);
        },
        onUsage: (usage) => tally.report(usage),
      });
      permit.succeeded();
      return { usage };
    } catch (error) {
      const failure = toUpstreamFailure(error, this.generator.model);
      // A call we ended ourselves says nothing of Claude's health, whatever it failed with.
      const endedByUs = failure.endedByUs || request.signal.aborted;
      if (endedByUs) permit.released();
      else if (failure.outage) permit.failed();
      else permit.succeeded();
      return { usage: tally.usage({ endedByUs }), failure };
    }
  }
}
