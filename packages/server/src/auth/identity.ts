import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether `userHash` is hex HMAC-SHA256(secret, userId): the host's proof that its signed-in user
 * is `userId`. Compared in constant time; the case of the hex digits does not matter.
 */
export function isValidUserHash(secret: string, userId: string, userHash: string): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(userId).digest('hex'));
  const given = Buffer.from(userHash.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A verified host user's token subject: the same on every device, and apart from other sites'. */
export function identitySubject(siteId: string, userId: string): string {
  return `site:${siteId}:${userId}`;
}
