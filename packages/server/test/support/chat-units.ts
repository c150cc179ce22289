import { randomUUID } from 'node:crypto';
import { createChat } from '../../src/chat/create-chat.js';
import { connectDatabase, type Database } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ChatSession, User } from '../../src/db/models/index.js';
import { CircuitBreaker } from '../../src/llm/circuit-breaker.js';
import { ClaudeGateway } from '../../src/llm/claude-gateway.js';
import type {
  GenerateRequest,
  GenerationUsage,
  ReplyGenerator,
} from '../../src/llm/reply-generator.js';
import { createLogger } from '../../src/observability/logger.js';
import { Metrics } from '../../src/observability/metrics.js';

/** What the units under src/chat/ are tested against: a migrated in-memory PGlite database. */
export async function openUnitDatabase(): Promise<Database> {
  const db = connectDatabase({ pgliteDir: 'memory://' });
  await migrateToLatest(db);
  return db;
}

/** A user and an empty session of theirs. */
export async function createSession(
  db: Database,
  fields: { mode?: string } = {},
): Promise<ChatSession> {
  const user = await User.query(db).insert({ id: randomUUID(), external_id: randomUUID() });
  return ChatSession.query(db)
    .insert({
      id: randomUUID(),
      user_id: user.id,
      title: 'Unit',
      mode: fields.mode ?? 'general',
      status: 'active',
      context_tags: [],
    })
    .returning('*');
}

/**
 * A model that answers as its script says: the seam the chat layer talks to (llm/reply-generator.ts).
 * `calls` keeps every request, so a test can see when (and with what) Claude was asked.
 */
export class ScriptedGenerator implements ReplyGenerator {
  readonly model = 'claude-unit-test';
  readonly calls: GenerateRequest[] = [];

  constructor(private readonly script: (request: GenerateRequest) => Promise<GenerationUsage>) {}

  generate(request: GenerateRequest): Promise<GenerationUsage> {
    this.calls.push(request);
    return this.script(request);
  }
}

export const USAGE: GenerationUsage = { inputTokens: 7, outputTokens: 3, stopReason: 'end_turn' };

/** Streams `chunks`, then finishes. */
export function answers(
  ...chunks: string[]
): (request: GenerateRequest) => Promise<GenerationUsage> {
  return async (request) => {
    for (const chunk of chunks) request.onText(chunk);
    return USAGE;
  };
}

/** Streams `chunks`, then waits until the call is aborted and fails as the SDK does. */
export function streamsUntilAborted(
  ...chunks: string[]
): (request: GenerateRequest) => Promise<GenerationUsage> {
  return (request) => {
    for (const chunk of chunks) request.onText(chunk);
    return new Promise((_, reject) => {
      const abort = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      if (request.signal.aborted) abort();
      else request.signal.addEventListener('abort', abort, { once: true });
    });
  };
}

/** A stored prompt and its "streaming" reply, as a send leaves them. */
export async function storeStreamingPair(
  db: Database,
  session: ChatSession,
  content = 'Hi',
): Promise<{ userMessageId: string; assistantMessageId: string }> {
  const userMessageId = randomUUID();
  const assistantMessageId = randomUUID();
  const base = { session_id: session.id, user_id: session.user_id };
  await db('ai_chat_messages').insert([
    { ...base, id: userMessageId, role: 'user', content, status: 'complete' },
    {
      ...base,
      id: assistantMessageId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      parent_id: userMessageId,
      reply_to_message_id: userMessageId,
    },
  ]);
  return { userMessageId, assistantMessageId };
}

/** The chat layer of one process, as server.ts wires it, over `db` and a scripted Claude. */
export function buildChat(
  db: Database,
  generator: ReplyGenerator,
  options: { callBeforeStored?: boolean; breakerCooldownMs?: number } = {},
) {
  const breaker = new CircuitBreaker({
    threshold: 1,
    cooldownMs: options.breakerCooldownMs ?? 60_000,
  });
  const gateway = new ClaudeGateway(generator, breaker);
  const metrics = new Metrics();
  const chat = createChat({
    db,
    gateway,
    metrics,
    logger: createLogger({ level: 'silent', format: 'json' }),
    instanceId: randomUUID(),
    leaseMs: 10_000,
    orphanGraceMs: 60_000,
    conversationChars: 1_000_000,
    contextMessages: 20,
    flushIntervalMs: 1000,
    callBeforeStored: options.callBeforeStored ?? true,
  });
  return { breaker, gateway, metrics, ...chat };
}

/** How often a counter was incremented with `labels`. */
export async function countOf(
  counter: { get(): Promise<{ values: Array<{ value: number; labels: object }> }> },
  labels: Record<string, string>,
): Promise<number> {
  const { values } = await counter.get();
  const match = values.find((value) =>
    Object.entries(labels).every(
      ([key, label]) => (value.labels as Record<string, string>)[key] === label,
    ),
  );
  return match?.value ?? 0;
}
