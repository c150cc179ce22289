import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BreakerState } from '../llm/circuit-breaker.js';

const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** The Prometheus metrics of one server instance, in a registry of its own. */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'repruv_http_requests_total',
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'repruv_http_request_duration_seconds',
    help: 'Time to the response headers, by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly replyDuration = new Histogram({
    name: 'repruv_reply_duration_seconds',
    help: 'How long a reply streamed, by final status.',
    labelNames: ['status'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  readonly tokens = new Counter({
    name: 'repruv_claude_tokens_total',
    help: 'Tokens used with Claude, by direction (input, output).',
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });

  readonly upstreamErrors = new Counter({
    name: 'repruv_claude_upstream_errors_total',
    help: 'Failed calls to Claude.',
    registers: [this.registry],
  });

  readonly speculativeStarts = new Counter({
    name: 'repruv_speculative_starts_total',
    help: 'Claude asked before the database answered, by outcome: used, or cancelled (a wasted call).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly guestsShed = new Counter({
    name: 'repruv_guest_requests_shed_total',
    help: "Anonymous guests' requests answered 503 overloaded: the server was under pressure, or busy with enough of theirs.",
    registers: [this.registry],
  });

  readonly liveStreams = new Gauge({
    name: 'repruv_live_streams',
    help: 'SSE responses open right now.',
    registers: [this.registry],
  });

  readonly breakerState = new Gauge({
    name: 'repruv_claude_circuit_state',
    help: 'Circuit breaker around Claude: 0 closed, 1 half-open, 2 open.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The database pool's connections in use and queries waiting for one, read at each scrape. */
  watchPool(pool: { numUsed(): number; numPendingAcquires(): number }): void {
    new Gauge({
      name: 'repruv_db_pool_used',
      help: 'Database connections in use.',
      registers: [this.registry],
      collect() {
        this.set(pool.numUsed());
      },
    });
    new Gauge({
      name: 'repruv_db_pool_waiting',
      help: 'Queries waiting for a database connection.',
      registers: [this.registry],
      collect() {
        this.set(pool.numPendingAcquires());
      },
    });
  }

  setBreakerState(state: BreakerState): void {
    this.breakerState.set(BREAKER_STATE_VALUE[state]);
  }
}
