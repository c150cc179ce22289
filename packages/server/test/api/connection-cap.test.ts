import { afterEach, expect, test } from 'vitest';
import { eventually } from '../support/http.js';
import { openRaw, rawRequest, statusOf, type RawClient } from '../support/raw-socket.js';
import { useTestServer } from '../support/test-server.js';

const CAP = 64;
// Idle connections are what this file holds: the headers timeout must not close them meanwhile.
const t = useTestServer({ CONNECTIONS_PER_IP: String(CAP), HEADERS_TIMEOUT_S: '120' });

const opened: RawClient[] = [];
afterEach(async () => {
  for (const client of opened.splice(0)) client.socket.destroy();
});

async function open(count: number, localAddress = '127.0.0.1'): Promise<RawClient[]> {
  const clients: RawClient[] = [];
  // In batches: a thousand SYNs at once overflow the listen backlog and wait for retransmits.
  for (let i = 0; i < count; i += 100) {
    const batch = Math.min(100, count - i);
    clients.push(
      ...(await Promise.all(Array.from({ length: batch }, () => openRaw(t.url, localAddress)))),
    );
  }
  opened.push(...clients);
  return clients;
}

const healthz = (client: RawClient) => rawRequest(client, 'GET /healthz HTTP/1.1\r\nHost: x');
const stillOpen = (clients: RawClient[]) => clients.filter((client) => !client.isClosed);

test('1,000 idle connections from one address: 64 stay open, the rest are closed at once, unanswered', async () => {
  const clients = await open(1_000);
  await eventually(async () => stillOpen(clients).length <= CAP, 15_000);
  const refused = clients.filter((client) => client.isClosed);
  // Another address is served meanwhile, and the cap's own connections are real ones.
  const elsewhere = await healthz((await open(1, '127.0.0.2'))[0]!);
  expect(statusOf(elsewhere)).toBe(200);
  const kept = stillOpen(clients);
  expect(kept).toHaveLength(CAP);
  expect(statusOf(await healthz(kept[0]!))).toBe(200);

  // A refused connection is closed without a byte of answer.
  expect(refused).toHaveLength(1_000 - CAP);
  expect(refused.every((client) => client.received === '')).toBe(true);
});

test('the count goes back down as connections close: new ones from that address are served again', async () => {
  const address = '127.0.0.3'; // counted afresh, whatever the server still holds from the test above
  const clients = await open(CAP, address);
  const [extra] = await open(1, address);
  await extra!.closed;
  expect(extra!.received).toBe('');

  for (const client of clients.slice(0, 10)) client.socket.destroy();
  await Promise.all(clients.slice(0, 10).map((client) => client.closed));
  const again = await eventually(async () => {
    const [client] = await open(1, address);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return client!.isClosed ? undefined : client;
  });
  expect(statusOf(await healthz(again!))).toBe(200);

  for (const client of clients) client.socket.destroy();
  await Promise.all(clients.map((client) => client.closed));
  await eventually(async () => {
    const fresh = await open(CAP, address);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const allKept = stillOpen(fresh).length === CAP;
    for (const client of fresh) client.socket.destroy();
    return allKept;
  });
});
