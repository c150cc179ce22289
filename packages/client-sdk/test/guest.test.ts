import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, RepruvClient, type TokenStorage } from '../src/index.js';
import { startFakeApi, type FakeApi } from './support/fake-api.js';

let server: FakeApi;
beforeEach(async () => {
  server = startFakeApi();
});
afterEach(() => server.close());

class MemoryStorage implements TokenStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const guestCalls = () => server.calls('POST', /\/auth\/guest$/);
const identity = (token: string | undefined) =>
  server.guests.get(token!.replace(/^Bearer /, ''))?.guestId;

describe('RepruvClient.guest', () => {
  it('gets a guest token with the site key, then uses it', async () => {
    const client = RepruvClient.guest({
      baseUrl: server.url,
      siteKey: 'pk_dev',
      headers: { Origin: 'http://localhost:3000' },
    });
    await client.sessions.list();
    await client.sessions.list();
    expect(guestCalls()).toHaveLength(1);
    const [guest, first, second] = server.requests;
    expect(guest?.body).toEqual({ site_key: 'pk_dev' });
    expect(guest?.headers.authorization).toBeUndefined();
    expect(guest?.headers.origin).toBe('http://localhost:3000');
    expect(first?.headers.authorization).toMatch(/^Bearer guest-/);
    expect(second?.headers.authorization).toBe(first?.headers.authorization);
  });

  it('renews shortly before expires_at, showing the old token to keep the same guest', async () => {
    server.guestTtlMs = 10_000; // inside the renewal margin: every request renews
    const client = RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev' });
    await client.sessions.list();
    await client.sessions.list();
    const [first, second] = guestCalls();
    expect(first?.headers.authorization).toBeUndefined();
    const used = server.calls('GET', /sessions$/).map((r) => r.headers.authorization);
    expect(second?.headers.authorization).toBe(used[0]);
    expect(used[1]).not.toBe(used[0]);
    expect(identity(used[1])).toBe(identity(used[0]));
  });

  it('renews after a 401 and retries', async () => {
    const client = RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev' });
    await client.sessions.list();
    const token = server.calls('GET', /sessions$/)[0]!.headers.authorization!;
    server.guests.get(token.replace('Bearer ', ''))!.expiresAt = 0; // revoked early on the server
    await expect(client.sessions.list()).resolves.toMatchObject({ data: [] });
    const renewal = guestCalls()[1];
    expect(renewal?.headers.authorization).toBe(token);
    const retried = server.calls('GET', /sessions$/)[2]!.headers.authorization;
    expect(identity(retried)).toBe(identity(token));
  });

  it('asks for one token when many requests start together', async () => {
    const client = RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev' });
    await Promise.all([client.sessions.list(), client.sessions.list(), client.sessions.list()]);
    expect(guestCalls()).toHaveLength(1);
  });

  it('keeps the token in storage and a new client reuses it', async () => {
    const storage = new MemoryStorage();
    await RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev', storage }).sessions.list();
    const stored = JSON.parse(storage.items.get('repruv.guest.pk_dev')!);
    expect(stored).toEqual({
      token: expect.stringMatching(/^guest-/),
      expires_at: expect.any(String),
    });
    await RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev', storage }).sessions.list();
    expect(guestCalls()).toHaveLength(1);
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${stored.token}`);
  });

  it('renews an expired stored token with the old one as proof of identity', async () => {
    const storage = new MemoryStorage();
    await RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev', storage }).sessions.list();
    const stored = JSON.parse(storage.items.get('repruv.guest.pk_dev')!);
    storage.setItem(
      'repruv.guest.pk_dev',
      JSON.stringify({ ...stored, expires_at: new Date(0).toISOString() }),
    );
    await RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev', storage }).sessions.list();
    expect(guestCalls()[1]?.headers.authorization).toBe(`Bearer ${stored.token}`);
    expect(identity(server.requests.at(-1)?.headers.authorization)).toBe(identity(stored.token));
  });

  it('starts over as a new guest when the server no longer knows the old token', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      'repruv.guest.pk_dev',
      JSON.stringify({ token: 'forgotten', expires_at: new Date(0).toISOString() }),
    );
    const client = RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev', storage });
    await expect(client.sessions.list()).resolves.toMatchObject({ data: [] });
    expect(guestCalls().map((r) => r.headers.authorization)).toEqual([
      'Bearer forgotten',
      undefined,
    ]);
  });

  it('survives a storage that throws', async () => {
    const storage: TokenStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const client = RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev', storage });
    await expect(client.sessions.list()).resolves.toMatchObject({ data: [] });
  });

  it('surfaces a refused guest token as ForbiddenError', async () => {
    server.failNext({ status: 403, code: 'forbidden', match: /auth\/guest/ });
    const client = RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev' });
    await expect(client.sessions.list()).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('streams a reply as a guest', async () => {
    const client = RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev' });
    const session = await client.sessions.create();
    await expect(
      client.messages.stream({ sessionId: session.id, content: 'Hi' }).text(),
    ).resolves.toBe('Hello wörld 😀!');
  });
});
