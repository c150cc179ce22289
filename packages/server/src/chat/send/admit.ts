import type { Budgets, BudgetClearance } from '../../budgets/budgets.js';
import { ConflictError } from '../../errors.js';
import type { BreakerPermit } from '../../llm/circuit-breaker.js';
import type { ClaudeGateway } from '../../llm/claude-gateway.js';
import { settledInOrder } from '../concurrency.js';
import type { ReplyRegistry } from '../reply/registry.js';
import type { Admitted, Requester } from './types.js';

export interface AdmissionOptions {
  registry: ReplyRegistry;
  gateway: ClaudeGateway;
  budgets: Budgets;
}

/**
 * Stage "admit": whether a send may start a reply now, and with which model. The user is already
 * authenticated (HTTP) and the content within its limits (the request schema); here: one reply at a
 * time per session, the user's and the site's daily budgets, Claude's own rate limit, and Claude's
 * circuit breaker. All of it before anything is stored.
 */
export class Admission {
  private readonly registry: ReplyRegistry;
  private readonly gateway: ClaudeGateway;
  private readonly budgets: Budgets;

  constructor(options: AdmissionOptions) {
    this.registry = options.registry;
    this.gateway = options.gateway;
    this.budgets = options.budgets;
  }

  /** 409 while a reply of this session generates in this process. */
  ensureIdle(sessionId: string): void {
    if (this.registry.isGenerating(sessionId)) throw replyInProgress();
  }

  /**
   * Which model answers: 429 budget_exceeded once a budget is spent (unless the site has a
   * fallback model, which then answers), 503 while any instance waits out Claude's rate limit.
   */
  async admit(input: Requester): Promise<Admitted> {
    // Both asked now: a send whose own early call meets the 429 ends as that upstream error. A
    // spent budget is said first: it holds till midnight, the rate limit for seconds.
    const [clearance] = await settledInOrder(
      this.budgets.clear(input.userId, input.siteId),
      this.gateway.ensureNotRateLimited(),
    );
    return this.admitted(clearance);
  }

  /** As `admit`, from what this process knows without waiting; undefined when it cannot say yes. */
  admitNow(input: Requester): Admitted | undefined {
    const clearance = this.budgets.clearNow(input.userId, input.siteId);
    return clearance && this.admitted(clearance);
  }

  /** The breaker's permit for one call; 503 while the circuit is open or Claude's rate limit waits. */
  permit(): BreakerPermit {
    return this.gateway.acquirePermit();
  }

  private admitted(clearance: BudgetClearance): Admitted {
    const { fallbackModel } = clearance;
    return {
      model: fallbackModel ?? this.gateway.model,
      fallback: fallbackModel !== undefined,
      siteId: clearance.siteId,
    };
  }
}

export function replyInProgress(): ConflictError {
  return new ConflictError(
    'A reply is still streaming in this session; wait for it or stop it first.',
  );
}
