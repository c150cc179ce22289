import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetch } from './node-fetch.js';

describe('createNodeFetch', () => {
  let server: Server;
  let base: string;
  let hangClosed = 0;
  const nodeFetch = createNodeFetch();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (part: Buffer) => parts.push(part));
      req.on('end', () => {
        if (req.url === '/echo') {
          res.writeHead(201, { 'content-type': 'application/json', 'x-seen-method': req.method });
          res.end(
            JSON.stringify({
              body: Buffer.concat(parts).toString(),
              auth: req.headers['x-api-key'],
            }),
          );
        } else if (req.url === '/stream') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('one ');
          setTimeout(() => res.end('two'), 20);
        } else {
          res.on('close', () => (hangClosed += 1));
          res.writeHead(200);
          res.write('never ends');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends method, headers and body, and reads status, headers and JSON', async () => {
    const response = await nodeFetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'x-api-key': 'k' },
      body: 'é',
    });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${base}/echo`);
    expect(response.headers.get('x-seen-method')).toBe('POST');
    expect(await response.json()).toEqual({ body: 'é', auth: 'k' });
  });

  it('hands over the body as it arrives, as an async iterable', async () => {
    const response = await nodeFetch(`${base}/stream`);
    const chunks: string[] = [];
    for await (const chunk of response.body as unknown as AsyncIterable<Buffer>) {
      chunks.push(chunk.toString());
    }
    expect(chunks).toEqual(['one ', 'two']);
  });

  it('fails the body with an AbortError when the signal aborts mid-stream', async () => {
    const controller = new AbortController();
    const response = await nodeFetch(`${base}/hang`, { signal: controller.signal });
    const reading = (async () => {
      for await (const chunk of response.body as unknown as AsyncIterable<Buffer>) {
        expect(chunk.toString()).toBe('never ends');
        controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('cancelling a body never read lets go of the connection (as the SDK does before a retry)', async () => {
    const before = hangClosed;
    const response = await nodeFetch(`${base}/hang`);
    const body = response.body as unknown as AsyncIterable<Buffer>;
    await body[Symbol.asyncIterator]().return!();
    await expect.poll(() => hangClosed).toBe(before + 1);
  });

  it('rejects with an AbortError when already aborted, and with the socket error when refused', async () => {
    await expect(nodeFetch(`${base}/echo`, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    await expect(nodeFetch('http://127.0.0.1:1/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('a keep-alive socket the upstream closed while idle', () => {
  it('sends the request again on a new socket, once', async () => {
    const seenOnSocket = new WeakMap<object, number>();
    let resets = 0;
    const server = createServer((req, res) => {
      const count = (seenOnSocket.get(req.socket) ?? 0) + 1;
      seenOnSocket.set(req.socket, count);
      // The second request on a kept-alive socket finds it closed, as after an idle timeout.
      if (count === 2 && resets === 0) {
        resets += 1;
        req.socket.destroy();
        return;
      }
      req.resume();
      req.on('end', () => res.end(`answer ${count}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const nodeFetch = createNodeFetch();
    try {
      expect(await (await nodeFetch(url, { method: 'POST', body: 'one' })).text()).toBe('answer 1');
      const second = await nodeFetch(url, { method: 'POST', body: 'two' });
      expect(resets).toBe(1);
      expect(await second.text()).toBe('answer 1'); // the first request of a fresh socket
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
