/**
 * altcha-style proof-of-work challenges made with node:crypto, independent of the SDK's solver:
 * the secret number's SHA-256 with the salt, signed so a verifier knows it made the challenge.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Challenge } from '../../src/challenge.js';

const KEY = 'test-challenge-key';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A challenge whose answer is `number` (random below `maxnumber` when absent). */
export function makeChallenge(maxnumber: number, number?: number): Challenge {
  const secret = number ?? Math.floor(Math.random() * (maxnumber + 1));
  const salt = `${randomBytes(6).toString('hex')}?expires=${Math.floor(Date.now() / 1000) + 300}`;
  const challenge = sha256(salt + secret);
  const signature = createHmac('sha256', KEY).update(challenge).digest('hex');
  return { algorithm: 'SHA-256', challenge, maxnumber, salt, signature };
}

/** The payload a solution carries, if it is base64 of JSON at all. */
export function decodeSolution(solution: unknown): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(String(solution), 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Whether `solution` answers a challenge made here: right number, untampered signature. */
export function verifySolution(solution: unknown): boolean {
  const payload = decodeSolution(solution);
  if (!payload) return false;
  const { algorithm, challenge, number, salt, signature } = payload;
  return (
    algorithm === 'SHA-256' &&
    typeof challenge === 'string' &&
    typeof salt === 'string' &&
    sha256(salt + String(number)) === challenge &&
    createHmac('sha256', KEY).update(challenge).digest('hex') === signature
  );
}
