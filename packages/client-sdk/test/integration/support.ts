/**
 * Shared helpers of the SDK's integration tests: the real Repruv server in process (Claude faked
 * at its HTTP boundary), reached by the SDK over real sockets with the global fetch.
 */
import { createServer, Socket, type Server } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { RepruvClient, type ChatStream, type ChatStreamEvent } from '../../src/index.js';
import type { ClientOptions } from '../../src/index.js';
import {
  startTestServer,
  useTestServer,
  type TestServer,
} from '../../../server/test/support/test-server.js';

export { startTestServer, useTestServer, type TestServer };
export { eventually, sleep } from '../../../server/test/support/http.js';

/** A reply of 30 words 40 ms apart: long enough to abort, cut or re-attach to mid-way. */
export const SLOW_REPLY = {
  kind: 'text' as const,
  chunks: Array.from({ length: 30 }, (_, i) => `word${i} `),
  chunkDelayMs: 40,
};

/** A cuttable proxy in front of the file's test server (`useTestServer`), from beforeAll on. */
export function useCuttableProxy(t: TestServer): CuttableProxy {
  let started: CuttableProxy | undefined;
  const current = (): CuttableProxy => {
    if (!started) throw new Error('the proxy is not started yet (use it from beforeAll on)');
    return started;
  };
  beforeAll(async () => {
    started = await startCuttableProxy(t.url);
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    cutAt: (marker, occurrence, extraBytes) => current().cutAt(marker, occurrence, extraBytes),
    close: () => current().close(),
  };
}

/** A client signed in as `sub` with fresh tokens from the test server. */
export function clientFor(
  t: TestServer,
  sub: string,
  options: Partial<ClientOptions> = {},
): RepruvClient {
  return new RepruvClient({ baseUrl: t.url, getToken: () => t.tokenFor(sub), ...options });
}

export async function collect(stream: ChatStream): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

export const deltaText = (events: ChatStreamEvent[]): string =>
  events.map((event) => (event.type === 'delta' ? event.text : '')).join('');

/** The rows of a session's messages, oldest first. */
export function messageRows(t: TestServer, sessionId: string) {
  return t.server
    .db('ai_chat_messages')
    .where({ session_id: sessionId })
    .orderBy([{ column: 'created_at' }, { column: 'role', order: 'desc' }]);
}

/** Resolves with what `promise` rejects with, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

export interface CuttableProxy {
  /** `http://127.0.0.1:<port>`, to give the SDK as `baseUrl`. */
  url: string;
  /** Each request that went through: method, path and its `Last-Event-ID`, if any. */
  requests: { method: string; path: string; lastEventId: string | undefined }[];
  /**
   * Arms one cut: on a connection whose response is an event stream, let the bytes through up
   * to the `occurrence`-th appearance of `marker` plus `extraBytes`, then destroy both sockets.
   * Resolves once the cut is made.
   */
  cutAt(marker: string, occurrence: number, extraBytes: number): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy in front of `target` that can cut a connection mid-response, and keeps accepting. */
export async function startCuttableProxy(target: string): Promise<CuttableProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let plan: { marker: string; occurrence: number; extra: number; done: () => void } | undefined;

  const server: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    client.on('data', (chunk: Buffer) => {
      for (const head of chunk.toString('latin1').matchAll(/^([A-Z]+) (\S+) HTTP\/1\.1\r\n/gm)) {
        const headers = chunk.toString('latin1').slice(head.index);
        const lastEventId = /^last-event-id: *(.*?)\r$/im.exec(headers.split('\r\n\r\n')[0]!);
        proxy.requests.push({ method: head[1]!, path: head[2]!, lastEventId: lastEventId?.[1] });
      }
    });

    // Server to client. latin1 keeps one char per byte, so string indexes are byte offsets.
    let seen = '';
    upstream.on('data', (chunk: Buffer) => {
      const cut = plan;
      if (!cut) return void client.write(chunk);
      const before = seen.length;
      seen += chunk.toString('latin1');
      const at = nthIndex(seen, cut.marker, cut.occurrence);
      if (!seen.includes('text/event-stream') || at < 0 || seen.length < at + cut.extra) {
        return void client.write(chunk);
      }
      plan = undefined;
      client.write(chunk.subarray(0, Math.max(0, at + cut.extra - before)), () => {
        client.destroy();
        upstream.destroy();
        cut.done();
      });
    });
  });

  const proxy: CuttableProxy = {
    url: '',
    requests: [],
    cutAt: (marker, occurrence, extra) =>
      new Promise<void>((done) => (plan = { marker, occurrence, extra, done })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return proxy;
}

function nthIndex(text: string, marker: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(marker, at + 1);
    if (at < 0) return -1;
  }
  return at;
}
