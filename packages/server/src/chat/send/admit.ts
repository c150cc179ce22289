import { ConflictError } from '../../errors.js';
import type { BreakerPermit } from '../../llm/circuit-breaker.js';
import type { ClaudeGateway } from '../../llm/claude-gateway.js';
import type { ReplyRegistry } from '../reply/registry.js';

export interface AdmissionOptions {
  registry: ReplyRegistry;
  gateway: ClaudeGateway;
}

/**
 * Stage "admit": whether a send may start a reply now. The user is already authenticated (HTTP)
 * and the content within its limits (the request schema); here: one reply at a time per session,
 * and Claude's circuit breaker. Budgets belong here too.
 */
export class Admission {
  private readonly registry: ReplyRegistry;
  private readonly gateway: ClaudeGateway;

  constructor(options: AdmissionOptions) {
    this.registry = options.registry;
    this.gateway = options.gateway;
  }

  /** 409 while a reply of this session generates in this process. */
  ensureIdle(sessionId: string): void {
    if (this.registry.isGenerating(sessionId)) throw replyInProgress();
  }

  /** The breaker's permit for one call to Claude; 503 while the circuit is open. */
  permit(): BreakerPermit {
    return this.gateway.acquirePermit();
  }
}

export function replyInProgress(): ConflictError {
  return new ConflictError(
    'A reply is still streaming in this session; wait for it or stop it first.',
  );
}
