import type { CircuitBreaker } from './circuit-breaker.js';
import { type BreakerPermit } from './circuit-breaker.js';
import type { GenerateRequest, GenerationUsage, ReplyGenerator } from './reply-generator.js';
import { isUpstreamOutage, isUserAbort } from './upstream-failure.js';

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

  async generate(permit: BreakerPermit, request: GenerateRequest): Promise<GenerationUsage> {
    try {
      const usage = await this.generator.generate(request);
      permit.succeeded();
      return usage;
    } catch (error) {
      // A call we ended ourselves says nothing of Claude's health, whatever it failed with.
      if (isUserAbort(error) || request.signal.aborted) permit.released();
      else if (isUpstreamOutage(error)) permit.failed();
      else permit.succeeded();
      throw error;
    }
  }
}
