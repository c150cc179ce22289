import { describe, expect, it } from 'vitest';
import { RepruvClient, UnauthorizedError, type TokenStorage } from '../src/index.js';
import { useFakeApi } from './support/fake-api.js';

const server = useFakeApi();

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
const lastToken = () => server.requests.at(-1)?.headers.authorization?.replace(/^Bearer /, '');
const guestOf = (token: string | undefined) => server.guests.get(token!);

const guest = (options: Partial<Parameters<typeof RepruvClient.guest>[0]> = {}) =>
  RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev', ...options });

describe('RepruvClient.guest with a host-verified user', () => {
  it('sends user_id and user_hash when asking for a token, and again when renewing', async () => {
    server.guestTtlMs = 10_000; // inside the renewal margin: the second call renews
    const client = guest({ userId: 'alice', userHash: 'hash-of-alice' });
    await client.sessions.list();
    await client.sessions.list();
    const [first, renewal] = guestCalls();
    expect(first?.body).toEqual({
      site_key: 'pk_dev',
      user_id: 'alice',
      user_hash: 'hash-of-alice',
    });
    expect(renewal?.body).toEqual(first?.body);
    expect(renewal?.headers.authorization).toMatch(/^Bearer guest-/);
    expect(guestOf(lastToken())).toMatchObject({ guestId: 'user:alice', userId: 'alice' });
  });

  it('sends neither field for an anonymous visitor, nor for an empty userId', async () => {
    await guest().sessions.list();
    await guest({ userId: '', userHash: '' }).sessions.list();
    expect(guestCalls().map((call) => call.body)).toEqual([
      { site_key: 'pk_dev' },
      { site_key: 'pk_dev' },
    ]);
  });

  it('surfaces a hash the server refuses as UnauthorizedError', async () => {
    const error = await guest({ userId: 'alice', userHash: 'forged' })
      .sessions.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(server.calls('GET', /sessions$/)).toHaveLength(0);
  });
});

describe('stored guest tokens, per site and per host user', () => {
  it("keeps an anonymous visitor's token where it always was", async () => {
    const storage = new MemoryStorage();
    await guest({ storage }).sessions.list();
    expect([...storage.items.keys()]).toEqual(['repruv.guest.pk_dev']);
  });

  it('keeps each user of one browser under a key of their own', async () => {
    const storage = new MemoryStorage();
    await guest({ storage, userId: 'alice', userHash: 'hash-of-alice' }).sessions.list();
    await guest({ storage, userId: 'bob', userHash: 'hash-of-bob' }).sessions.list();
    expect([...storage.items.keys()]).toEqual([
      'repruv.user.["pk_dev","alice"]',
      'repruv.user.["pk_dev","bob"]',
    ]);
    const stored = [...storage.items.values()].map((value) => JSON.parse(value).token);
    expect(guestOf(stored[0])?.userId).toBe('alice');
    expect(guestOf(stored[1])?.userId).toBe('bob');
  });

  it("never gives one user another's token, nor a user the anonymous visitor's", async () => {
    const storage = new MemoryStorage();
    await guest({ storage }).sessions.list();
    await guest({ storage, userId: 'alice', userHash: 'hash-of-alice' }).sessions.list();
    await guest({ storage, userId: 'bob', userHash: 'hash-of-bob' }).sessions.list();
    expect(guestCalls()).toHaveLength(3);
    // None of them showed a token: each started on its own.
    expect(guestCalls().map((call) => call.headers.authorization)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(guestOf(lastToken())?.userId).toBe('bob');
  });

  it('reuses a user’s stored token on the next page load', async () => {
    const storage = new MemoryStorage();
    const alice = { storage, userId: 'alice', userHash: 'hash-of-alice' };
    await guest(alice).sessions.list();
    const token = lastToken();
    await guest(alice).sessions.list();
    expect(guestCalls()).toHaveLength(1);
    expect(lastToken()).toBe(token);
  });

  it('keeps two sites apart for the same user', async () => {
    const storage = new MemoryStorage();
    await guest({ storage, userId: 'alice', userHash: 'hash-of-alice' }).sessions.list();
    await guest({
      storage,
      siteKey: 'pk_other',
      userId: 'alice',
      userHash: 'hash-of-alice',
    }).sessions.list();
    expect(guestCalls()).toHaveLength(2);
    expect(storage.items.has('repruv.user.["pk_other","alice"]')).toBe(true);
  });
});
