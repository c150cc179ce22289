/**
 * Guest visitors against the real server: a site that asks for a proof of work (solved by the
 * SDK's own solver) and host-verified users, one history on every device.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { solveChallenge, type Challenge } from '../../src/challenge.js';
import {
  ChallengeRequiredError,
  RepruvClient,
  UnauthorizedError,
  type GuestClientOptions,
  type TokenStorage,
} from '../../src/index.js';
import type { Site } from '../../../server/src/db/models/index.js';
import { rejectionOf, startTestServer, type TestServer } from './support.js';

const ORIGIN = 'http://localhost:5173';

class MemoryStorage implements TokenStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const hashFor = (site: Site, userId: string) =>
  createHmac('sha256', site.identity_secret!).update(userId).digest('hex');

let t: TestServer;
let challenged: Site;
let host: Site;
beforeAll(async () => {
  t = await startTestServer(); // its challenges have a small maxnumber: solved in a blink
  challenged = await t.server.sites.add('Challenged', ['http://localhost:*'], { challenge: 'on' });
  host = await t.server.sites.add('Host', ['http://localhost:*']);
});
afterAll(() => t?.close());

const guest = (site: Site, options: Partial<GuestClientOptions> = {}) =>
  RepruvClient.guest({
    baseUrl: t.url,
    siteKey: site.site_key,
    headers: { Origin: ORIGIN },
    maxRetries: 0,
    ...options,
  });

describe('a site with challenge: on', () => {
  it("the SDK's solver answers the server's challenge, and the visitor chats", async () => {
    const solve = vi.fn((challenge: Challenge) => solveChallenge(challenge));
    const client = guest(challenged, { solveChallenge: solve });
    const session = await client.sessions.create();
    await expect(
      client.messages.stream({ sessionId: session.id, content: 'Hi' }).text(),
    ).resolves.toEqual(expect.any(String));
    expect(solve).toHaveBeenCalledOnce();
    expect(solve.mock.calls[0]![0]).toMatchObject({ algorithm: 'SHA-256', maxnumber: 1000 });
  });

  it('without a solver, the visitor gets ChallengeRequiredError', async () => {
    const error = await rejectionOf(guest(challenged).sessions.list());
    expect(error).toBeInstanceOf(ChallengeRequiredError);
    expect(error).toMatchObject({ status: 401, code: 'challenge_required' });
  });

  it('a solution is spent once: a second visitor showing it is asked again', async () => {
    let spent: string | undefined;
    const replay = async (challenge: Challenge) => (spent ??= await solveChallenge(challenge));
    await guest(challenged, { solveChallenge: replay }).sessions.list();
    const error = await rejectionOf(guest(challenged, { solveChallenge: replay }).sessions.list());
    expect(error).toBeInstanceOf(ChallengeRequiredError);
  });

  it('a stored token renews without a new challenge', async () => {
    const storage = new MemoryStorage();
    await guest(challenged, { storage, solveChallenge }).sessions.list();
    const [key] = [...storage.items.keys()];
    const stored = JSON.parse(storage.items.get(key!)!);
    storage.setItem(key!, JSON.stringify({ ...stored, expires_at: new Date(0).toISOString() }));
    const solve = vi.fn(solveChallenge);
    await guest(challenged, { storage, solveChallenge: solve }).sessions.list();
    expect(solve).not.toHaveBeenCalled();
  });

  it('a verified user needs no challenge', async () => {
    const client = guest(challenged, { userId: 'member', userHash: hashFor(challenged, 'member') });
    await expect(client.sessions.list()).resolves.toMatchObject({ data: [] });
  });
});

describe('host-verified users', () => {
  it('keep one history on two devices', async () => {
    const alice = { userId: 'alice', userHash: hashFor(host, 'alice') };
    const laptop = guest(host, { ...alice, storage: new MemoryStorage() });
    const phone = guest(host, { ...alice, storage: new MemoryStorage() });
    const session = await laptop.sessions.create({ title: 'From the laptop' });
    const onPhone = await phone.sessions.list();
    expect(onPhone.data.map((s) => s.id)).toEqual([session.id]);
  });

  it('two users of one browser never see each other’s sessions', async () => {
    const storage = new MemoryStorage();
    const carol = guest(host, { storage, userId: 'carol', userHash: hashFor(host, 'carol') });
    await carol.sessions.create({ title: "Carol's" });
    const dave = guest(host, { storage, userId: 'dave', userHash: hashFor(host, 'dave') });
    expect((await dave.sessions.list()).data).toEqual([]);
    const anonymous = guest(host, { storage });
    expect((await anonymous.sessions.list()).data).toEqual([]);
    expect(storage.items.size).toBe(3);
  });

  it('a forged hash is refused with UnauthorizedError', async () => {
    const forged = guest(host, { userId: 'alice', userHash: hashFor(host, 'mallory') });
    const error = await rejectionOf(forged.sessions.list());
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).not.toBeInstanceOf(ChallengeRequiredError);
  });
});
