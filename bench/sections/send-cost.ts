import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  startFakeClaude,
  type FakeClaude,
} from '../../packages/server/test/support/fake-claude.js';
import { cpuSeconds } from '../lib/cpu.js';
import { cpuBreakdown, type CpuCategory } from '../lib/cpu-profile.js';
import type { Child } from '../lib/processes.js';
import {
  anthropicStreamRequest,
  freshDatabase,
  startAiSdkRoute,
  startPassthroughProxy,
  startRepruv,
  tokenFor,
} from '../lib/stack.js';
import { percentile } from '../lib/stats.js';

const CONVERSATIONS = Number(process.env.BENCH_SEND_COST_CONVERSATIONS ?? 300);
const WARM_UP = 30;
const REPLY = { kind: 'text' as const, chunks: ['Here', ' are', ' ideas'] };

export interface SendCost {
  conversations: number;
  repruv: {
    /** CPU ms of the server process (every thread) per `POST /chat/sessions`. */
    sessionCpuMs: number;
    /** CPU ms per send, all of it: the reads, the pair, the streamed reply, its accounting, the title. */
    sendCpuMs: number;
    /** ms from the send leaving the client to Claude receiving the request (sequential sends). */
    untilClaudeAskedP50: number;
    untilClaudeAskedP99: number;
    /** PostgreSQL transactions (statements outside one count as one) per new conversation. */
    transactionsPerConversation: number;
    /** CPU ms per new conversation (session + send) by what it was spent on, from a CPU profile. */
    breakdownMs: Partial<Record<CpuCategory, number>>;
  };
  aiSdk: PeerCost;
  passthrough: PeerCost;
}

export interface PeerCost {
  /** CPU ms of its process per request. */
  cpuMs: number;
  /** ms from the request leaving the client to Claude receiving its own (sequential requests). */
  untilClaudeAskedP50: number;
}

/**
 * What one new conversation costs the server's CPU, measured on PostgreSQL with a fake Claude that
 * answers at once (nothing to hide the server's own work behind): sequential sends, the CPU of each
 * process read from /proc, and where Repruv's went from a `--cpu-prof` run of the same load; beside
 * it, one request through the AI SDK route and through the bare pass-through.
 */
export async function benchSendCost(): Promise<SendCost> {
  const children: Child[] = [];
  const upstream = await startFakeClaude({ tokensPerSecond: 100, instantFirstChunk: true });
  upstream.setDefault(REPLY);
  const profileDir = mkdtempSync(path.join(tmpdir(), 'repruv-send-cost-'));
  try {
    const databaseUrl = await freshDatabase('repruv_bench_send_cost');
    const repruv = await startRepruv(upstream.url, databaseUrl);
    children.push(repruv.child);
    const conversations = await conversationsOf(repruv.url, 'send-cost');
    await conversations.run(WARM_UP, upstream);

    const pid = repruv.child.process.pid!;
    const transactionsBefore = await transactions(databaseUrl);
    let cpuBefore = cpuSeconds(pid);
    const sessions = await conversations.createSessions(CONVERSATIONS);
    const sessionCpu = cpuSeconds(pid) - cpuBefore;
    cpuBefore = cpuSeconds(pid);
    const untilAsked = await conversations.send(sessions, upstream);
    await settle();
    const sendCpu = cpuSeconds(pid) - cpuBefore;
    const transactionsAfter = await transactions(databaseUrl);
    await repruv.child.stop();
    children.pop();

    const profiled = await startRepruv(upstream.url, databaseUrl, {}, [
      '--cpu-prof',
      `--cpu-prof-dir=${profileDir}`,
    ]);
    children.push(profiled.child);
    const profiledConversations = await conversationsOf(profiled.url, 'send-cost-profiled');
    await profiledConversations.run(WARM_UP + CONVERSATIONS, upstream);
    await profiled.child.stop();
    children.pop();
    const perConversationMs = ((sessionCpu + sendCpu) * 1000) / CONVERSATIONS;
    const { shares } = cpuBreakdown(profileDir);
    const { startup: _startup, ...running } = shares;
    const runningShare = Object.values(running).reduce((sum, share) => sum + share, 0);
    const breakdownMs = Object.fromEntries(
      Object.entries(running).map(([category, share]) => [
        category,
        (perConversationMs * share) / runningShare,
      ]),
    );

    const proxy = await startPassthroughProxy(upstream.url);
    children.push(proxy.child);
    const aiSdkRoute = await startAiSdkRoute(upstream.url);
    children.push(aiSdkRoute.child);
    const passthrough = await costPerRequest(proxy.child.process.pid!, upstream, async () => {
      await (await anthropicStreamRequest(proxy.url, 'Give me ideas')).text();
    });
    const aiSdk = await costPerRequest(aiSdkRoute.child.process.pid!, upstream, async () => {
      const response = await fetch(`${aiSdkRoute.url}/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ content: 'Give me ideas' }),
      });
      await response.text();
    });

    return {
      conversations: CONVERSATIONS,
      repruv: {
        sessionCpuMs: (sessionCpu * 1000) / CONVERSATIONS,
        sendCpuMs: (sendCpu * 1000) / CONVERSATIONS,
        untilClaudeAskedP50: percentile(untilAsked, 50),
        untilClaudeAskedP99: percentile(untilAsked, 99),
        transactionsPerConversation: (transactionsAfter - transactionsBefore) / CONVERSATIONS,
        breakdownMs,
      },
      aiSdk,
      passthrough,
    };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await upstream.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** New conversations, each its own user: a session, then one send read to its end. */
async function conversationsOf(baseUrl: string, prefix: string) {
  let next = 0;
  const headersOf = (token: string) => ({
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  });
  const createSessions = async (count: number) => {
    const tokens = await Promise.all(
      Array.from({ length: count }, () => tokenFor(`${prefix}-${next++}`)),
    );
    const sessions: Array<{ token: string; id: string }> = [];
    for (const token of tokens) {
      const response = await fetch(`${baseUrl}/api/v1/chat/sessions`, {
        method: 'POST',
        headers: headersOf(token),
        body: '{}',
      });
      sessions.push({ token, id: ((await response.json()) as { id: string }).id });
    }
    return sessions;
  };
  /** Each send's ms until Claude received its request; resolves once every title is asked for too. */
  const send = async (sessions: Array<{ token: string; id: string }>, upstream: FakeClaude) => {
    const untilAsked: number[] = [];
    for (const session of sessions) {
      const seen = upstream.requests.length;
      const start = performance.now();
      const response = await fetch(`${baseUrl}/api/v1/chat/messages?stream=true`, {
        method: 'POST',
        headers: headersOf(session.token),
        body: JSON.stringify({ session_id: session.id, content: 'Give me ideas' }),
      });
      await response.text();
      const asked = upstream.requests[seen];
      if (!response.ok || !asked) throw new Error(`a send failed: ${response.status}`);
      untilAsked.push(asked.receivedAt - start);
      await upstream.waitForRequests(seen + 2); // the reply, then the conversation's title
    }
    upstream.requests.length = 0;
    return untilAsked;
  };
  return {
    createSessions,
    send,
    run: async (count: number, upstream: FakeClaude) => send(await createSessions(count), upstream),
  };
}

async function costPerRequest(
  pid: number,
  upstream: FakeClaude,
  request: () => Promise<void>,
): Promise<PeerCost> {
  for (let i = 0; i < WARM_UP; i++) await request();
  upstream.requests.length = 0;
  const untilAsked: number[] = [];
  const before = cpuSeconds(pid);
  for (let i = 0; i < CONVERSATIONS; i++) {
    const start = performance.now();
    await request();
    untilAsked.push(upstream.requests[i]!.receivedAt - start);
  }
  const cpuMs = ((cpuSeconds(pid) - before) * 1000) / CONVERSATIONS;
  upstream.requests.length = 0;
  return { cpuMs, untilClaudeAskedP50: percentile(untilAsked, 50) };
}

/** Committed transactions of a database so far (its backends report them within a second). */
async function transactions(databaseUrl: string): Promise<number> {
  await settle();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ xact_commit: string }>(
      'SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()',
    );
    return Number(rows[0]!.xact_commit);
  } finally {
    await client.end();
  }
}

/** The last title written and the backends' statistics reported. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1200));
