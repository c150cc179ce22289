import { describe, expect, it, vi } from 'vitest';
import { solveChallenge } from '../src/challenge.js';
import {
  AbortError,
  ChallengeRequiredError,
  RepruvClient,
  UnauthorizedError,
  type Challenge,
  type TokenStorage,
} from '../src/index.js';
import { decodeSolution } from './support/challenge.js';
import { useFakeApi } from './support/fake-api.js';

const server = useFakeApi();

const guestCalls = () => server.calls('POST', /\/auth\/guest$/);
const challengeCalls = () => server.calls('GET', /\/auth\/challenge$/);

const guest = (options: Partial<Parameters<typeof RepruvClient.guest>[0]> = {}) =>
  RepruvClient.guest({ baseUrl: server.url, siteKey: 'pk_dev', ...options });

describe('a site that asks for a proof of work', () => {
  it('on 401 challenge_required gets a challenge, solves it and asks again with the solution', async () => {
    server.challengeOn = true;
    const solve = vi.fn((challenge: Challenge) => solveChallenge(challenge));
    const client = guest({ solveChallenge: solve });
    await expect(client.sessions.list()).resolves.toMatchObject({ data: [] });

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/auth/guest',
      'GET /api/v1/auth/challenge',
      'POST /api/v1/auth/guest',
      'GET /api/v1/chat/sessions',
    ]);
    const [challenge] = challengeCalls();
    expect(challenge?.query.get('site_key')).toBe('pk_dev');
    expect(challenge?.headers.authorization).toBeUndefined();

    expect(solve).toHaveBeenCalledOnce();
    const given = solve.mock.calls[0]![0];
    expect(given).toEqual({
      algorithm: 'SHA-256',
      challenge: expect.stringMatching(/^[0-9a-f]{64}$/),
      maxnumber: server.challengeMax,
      salt: expect.any(String),
      signature: expect.any(String),
    });
    const retried = guestCalls()[1]!.body!;
    expect(retried.site_key).toBe('pk_dev');
    expect(decodeSolution(retried.challenge_solution)).toMatchObject({
      challenge: given.challenge,
      salt: given.salt,
      signature: given.signature,
    });
  });

  it('without solveChallenge throws ChallengeRequiredError, an UnauthorizedError', async () => {
    server.challengeOn = true;
    const error = await guest()
      .sessions.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChallengeRequiredError);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ status: 401, code: 'challenge_required' });
    expect(challengeCalls()).toHaveLength(0);
    expect(server.calls('GET', /sessions$/)).toHaveLength(0);
  });

  it('solves once: a solution the server refuses ends in ChallengeRequiredError, not a loop', async () => {
    server.challengeOn = true;
    const solve = vi.fn(async () => btoa('{"number":-1}'));
    const error = await guest({ solveChallenge: solve })
      .sessions.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChallengeRequiredError);
    expect(solve).toHaveBeenCalledOnce();
    expect(guestCalls()).toHaveLength(2);
  });

  it('a solver that fails fails the request with its error', async () => {
    server.challengeOn = true;
    const client = guest({ solveChallenge: () => Promise.reject(new Error('no luck')) });
    await expect(client.sessions.list()).rejects.toThrow('no luck');
  });

  it('solves one challenge for many requests that start together', async () => {
    server.challengeOn = true;
    const solve = vi.fn((challenge: Challenge) => solveChallenge(challenge));
    const client = guest({ solveChallenge: solve });
    await Promise.all([client.sessions.list(), client.sessions.list(), client.sessions.list()]);
    expect(solve).toHaveBeenCalledOnce();
    expect(challengeCalls()).toHaveLength(1);
  });

  it('renews with the old token, which the server lets skip the challenge', async () => {
    server.challengeOn = true;
    server.guestTtlMs = 10_000; // inside the renewal margin: every request renews
    const solve = vi.fn((challenge: Challenge) => solveChallenge(challenge));
    const client = guest({ solveChallenge: solve });
    await client.sessions.list();
    await client.sessions.list();
    expect(guestCalls()).toHaveLength(3);
    expect(guestCalls()[2]?.headers.authorization).toMatch(/^Bearer guest-/);
    expect(solve).toHaveBeenCalledOnce();
  });

  it('a stored token the server forgot: starts over, and solves the challenge', async () => {
    server.challengeOn = true;
    const storage: TokenStorage = {
      getItem: () => JSON.stringify({ token: 'forgotten', expires_at: new Date(0).toISOString() }),
      setItem: () => {},
    };
    const client = guest({ storage, solveChallenge });
    await expect(client.sessions.list()).resolves.toMatchObject({ data: [] });
    expect(guestCalls().map((call) => call.headers.authorization)).toEqual([
      'Bearer forgotten',
      undefined,
      undefined,
    ]);
    expect(guestCalls()[2]?.body?.challenge_solution).toEqual(expect.any(String));
  });

  it('an abort while the challenge is being solved rejects at once; the solve is not wasted', async () => {
    server.challengeOn = true;
    let finish!: () => void;
    const solving = new Promise<void>((resolve) => (finish = resolve));
    const solve = vi.fn(async (challenge: Challenge) => {
      await solving;
      return solveChallenge(challenge);
    });
    const client = guest({ solveChallenge: solve });
    const controller = new AbortController();
    const listed = client.sessions.list({}, { signal: controller.signal });
    await vi.waitFor(() => expect(solve).toHaveBeenCalled());
    controller.abort();
    await expect(listed).rejects.toBeInstanceOf(AbortError);
    expect(server.calls('GET', /sessions$/)).toHaveLength(0);

    finish();
    await expect(client.sessions.list()).resolves.toMatchObject({ data: [] });
    expect(solve).toHaveBeenCalledOnce();
    expect(server.calls('GET', /sessions$/)).toHaveLength(1);
  });

  it('an already aborted signal rejects at once, whatever the challenge', async () => {
    server.challengeOn = true;
    const controller = new AbortController();
    controller.abort();
    const client = guest({ solveChallenge });
    await expect(client.sessions.list({}, { signal: controller.signal })).rejects.toBeInstanceOf(
      AbortError,
    );
  });
});
