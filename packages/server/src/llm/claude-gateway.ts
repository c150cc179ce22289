import { claudeAtRateLimit, MemoryClaudeBackoff, type ClaudeBackoff } from './claude-backoff.js';
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
 * The one door to Claude: every call passes the circuit breaker and the rate-limit backoff, and
 * every outcome is reported to them. Acquire a permit first (it throws 503 when the circuit is open
 * or Claude's rate limit is being waited out), then generate with it.
 */
export class ClaudeGateway {
  constructor(
    private readonly generator: ReplyGenerator,
    readonly breaker: CircuitBreaker,
    readonly backoff: ClaudeBackoff = new MemoryClaudeBackoff(),
  ) {}

  /** The configured model (CLAUDE_MODEL): what answers unless a call names another. */
  get model(): string {
    return this.generator.model;
  }

  /** Throws 503 while this process knows Claude's rate limit is being waited out (no round trip). */
  acquirePermit(): BreakerPermit {
    const waitMs = this.backoff.localRemainingMs();
    if (waitMs > 0) throw claudeAtRateLimit(waitMs);
    return this.breaker.acquire();
  }

  /** Throws 503 while any instance waits out Claude's rate limit (a round trip to Redis, if shared). */
  async ensureNotRateLimited(): Promise<void> {
    const waitMs = await this.backoff.remainingMs();
    if (waitMs > 0) throw claudeAtRateLimit(waitMs);
  }

  /** Never rejects: a failed call resolves with its failure and the tokens it used all the same. */
  async generate(permit: BreakerPermit, request: GenerateRequest): Promise<GenerationResult> {
    const tally = new UsageTally(request);
    const model = request.model ?? this.generator.model;
    let rateLimitSeen = false;
    try {
      const usage = await this.generator.generate({
        ...request,
        model,
        onText: (text) => {
          tally.text(text);
          request.onText(text);
        },
        onUsage: (usage) => tally.report(usage),
        onRateLimited: (retryAfterMs) => {
          rateLimitSeen = true;
          this.backOff(retryAfterMs);
        },
      });
      permit.succeeded();
      return { usage };
    } catch (error) {
      const failure = toUpstreamFailure(error, model);
      // A 429 the generator could not show us as it came (a mid-stream error event): wait all the same.
      if (failure.kind === 'rate_limited' && !rateLimitSeen) this.backOff(undefined);
      // A call we ended ourselves says nothing of Claude's health, whatever it failed with. Nor does
      // a 429 (not an outage): the backoff above, not the breaker, waits it out.
      const endedByUs = failure.endedByUs || request.signal.aborted;
      if (endedByUs) permit.released();
      else if (failure.outage) permit.failed();
      else permit.succeeded();
      return { usage: tally.usage({ endedByUs }), failure };
    }
  }

  private backOff(retryAfterMs: number | undefined): void {
    // Known to this process at once; to the others as soon as Redis has it (or not, if it is down).
    this.backoff.backOff(retryAfterMs).catch(() => undefined);
  }
}
