import { createHmac, timingSafeEqual } from 'node:crypto';
import { createChallenge, extractParams } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import { z } from 'zod';
import type { WindowCounter } from '../limits/window-counter.js';

/** A challenge is good for this long after it is handed out (its expiry is inside its salt). */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** The longest `challenge_solution` read: a real one is about 300 characters. */
export const MAX_SOLUTION_CHARS = 2_000;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

// altcha's payload; other fields its widgets add (`took`) are ignored.
const payloadSchema = z.object({
  algorithm: z.literal('SHA-256'),
  challenge: z.string().regex(HEX_SHA256),
  number: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  salt: z.string().max(500),
  signature: z.string().regex(HEX_SHA256),
});

export interface VerifiedSolution {
  /** The solved challenge's hash: what a replay is recognised by. */
  challenge: string;
  expiresAt: number;
}

/**
 * altcha's classic proof of work (altcha-lib's v1 API): find `number` in 0..maxnumber with
 * hex(SHA-256(salt + number)) == challenge. The salt carries the expiry and the site, and the
 * challenge is signed (HMAC) with a key derived from the guest-token key, so every instance
 * checks any instance's challenges without storing them; a used one is remembered (in Redis
 * when shared) until it expires.
 */
export class GuestChallenges {
  private readonly hmacKey: string;

  constructor(
    signingKey: Uint8Array,
    private readonly maxNumber: number,
    private readonly used: WindowCounter,
  ) {
    this.hmacKey = createHmac('sha256', signingKey).update('repruv guest challenge').digest('hex');
  }

  create(siteId: string): Promise<Challenge> {
    return createChallenge({
      algorithm: 'SHA-256',
      hmacKey: this.hmacKey,
      maxnumber: this.maxNumber,
      expires: new Date(Date.now() + CHALLENGE_TTL_MS),
      params: { site: siteId },
    });
  }

  /** The solution if it is well formed, correct, signed here, unexpired and for this site. */
  async verify(siteId: string, encoded: string): Promise<VerifiedSolution | undefined> {
    const payload = decode(encoded);
    if (!payload) return undefined;
    const params = extractParams(payload);
    const expiresAt = Number(params.expires) * 1000;
    if (params.site !== siteId || !Number.isFinite(expiresAt) || expiresAt <= Date.now()) {
      return undefined;
    }
    const expected = await createChallenge({
      algorithm: 'SHA-256',
      hmacKey: this.hmacKey,
      number: payload.number,
      salt: payload.salt,
    });
    const signed =
      expected.challenge === payload.challenge &&
      timingSafeEqual(Buffer.from(expected.signature), Buffer.from(payload.signature));
    return signed ? { challenge: payload.challenge, expiresAt } : undefined;
  }

  /** True the first time a solution is spent; false for a replay, on any instance. */
  async spend(solution: VerifiedSolution): Promise<boolean> {
    const msLeft = Math.max(1, solution.expiresAt - Date.now());
    const hit = await this.used.hit(`challenge-used:${solution.challenge}`, 1, msLeft);
    return hit.allowed;
  }
}

function decode(encoded: string): z.output<typeof payloadSchema> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = payloadSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
