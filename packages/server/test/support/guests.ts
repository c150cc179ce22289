/** Drives POST /auth/guest and GET /auth/challenge as a visitor's browser would. */
import { createHash, createHmac } from 'node:crypto';
import type { TestServer } from './test-server.js';

export const LOCAL_ORIGIN = 'http://localhost:5173';

export interface GuestOptions {
  origin?: string;
  /** Sent as X-Forwarded-For. */
  forwardedFor?: string;
  /** A previous token, sent as `Authorization: Bearer`. */
  previousToken?: string;
}

/** POST /auth/guest with `body` as it is (so tests can send wrong types). */
export function requestGuestToken(
  t: TestServer,
  body: Record<string, unknown>,
  options: GuestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { Origin: options.origin ?? LOCAL_ORIGIN };
  if (options.forwardedFor !== undefined) headers['X-Forwarded-For'] = options.forwardedFor;
  if (options.previousToken) headers.Authorization = `Bearer ${options.previousToken}`;
  return t.request('/auth/guest', { method: 'POST', as: null, headers, json: body });
}

export interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

export async function fetchChallenge(
  t: TestServer,
  siteKey: string,
  origin = LOCAL_ORIGIN,
): Promise<Challenge> {
  const response = await t.request(`/auth/challenge?site_key=${encodeURIComponent(siteKey)}`, {
    as: null,
    headers: { Origin: origin },
  });
  if (response.status !== 200)
    throw new Error(`challenge: ${response.status} ${await response.text()}`);
  return (await response.json()) as Challenge;
}

/** The number that solves `challenge`, found as a browser would: by trying each in turn. */
export function solveNumber(challenge: Challenge): number {
  for (let number = 0; number <= challenge.maxnumber; number++) {
    const hash = createHash('sha256').update(`${challenge.salt}${number}`).digest('hex');
    if (hash === challenge.challenge) return number;
  }
  throw new Error('the challenge has no solution in 0..maxnumber');
}

/** altcha's payload for `number`, base64 of JSON: the `challenge_solution` field. */
export function encodeSolution(challenge: Challenge, number: number): string {
  const { algorithm, challenge: hash, salt, signature } = challenge;
  return Buffer.from(
    JSON.stringify({ algorithm, challenge: hash, number, salt, signature }),
  ).toString('base64');
}

export async function solvedChallenge(t: TestServer, siteKey: string): Promise<string> {
  const challenge = await fetchChallenge(t, siteKey);
  return encodeSolution(challenge, solveNumber(challenge));
}

/** What a host's server computes for its signed-in user: hex HMAC-SHA256(secret, user_id). */
export function userHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

/** A made-up client address no other test (nor an earlier run, on a shared Redis) uses. */
export function randomAddress(): string {
  const byte = () => Math.floor(Math.random() * 254) + 1;
  return `10.${byte()}.${byte()}.${byte()}`;
}
