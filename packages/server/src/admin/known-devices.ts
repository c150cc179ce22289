import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/connect.js';
import { normalizeEmail } from './operator-accounts.js';

/** How long a browser that signed in stays known (each sign-in renews it). */
export const KNOWN_DEVICE_DAYS = 180;
const KNOWN_DEVICE_MS = KNOWN_DEVICE_DAYS * 86_400_000;

/**
 * Proof that a browser once signed in as an operator (a "device cookie", after OWASP's answer to
 * lockout): `issued.nonce.mac`, the MAC keyed by the operator's password hash, so the server keeps
 * nothing for it, no one without that hash can forge one, and a new password forgets every
 * browser. The sign-in throttle counts such a browser's attempts apart from the e-mail address's,
 * so that a stranger spending an operator's attempts does not lock the operator out.
 */
export class KnownDevices {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new proof for the operator's browser. */
  async issue(operatorId: string): Promise<string> {
    const key = await this.keyOf({ id: operatorId });
    const issued = this.now().toString(36);
    const nonce = randomBytes(16).toString('base64url');
    return `${issued}.${nonce}.${mac(key!, operatorId, issued, nonce)}`;
  }

  /** The proof's nonce when it was issued to the operator of `email`, is not too old and is intact. */
  async recognize(email: string, proof: string | undefined): Promise<string | undefined> {
    const parts = proof?.match(/^([0-9a-z]{1,12})\.([\w-]{22})\.([\w-]{43})$/);
    if (!parts) return undefined;
    const [, issued, nonce, given] = parts as unknown as [string, string, string, string];
    const age = this.now() - parseInt(issued, 36);
    if (!(age >= 0 && age <= KNOWN_DEVICE_MS)) return undefined;
    const operator = (await this.db('operators')
      .where({ email: normalizeEmail(email) })
      .first('id', 'password_hash')) as { id: string; password_hash: string } | undefined;
    if (!operator) return undefined;
    const expected = Buffer.from(mac(operator.password_hash, operator.id, issued, nonce));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual)
      ? nonce
      : undefined;
  }

  private async keyOf(where: { id: string }): Promise<string | undefined> {
    const row = (await this.db('operators').where(where).first('password_hash')) as
      { password_hash: string } | undefined;
    return row?.password_hash;
  }
}

function mac(key: string, operatorId: string, issued: string, nonce: string): string {
  return createHmac('sha256', key)
    .update(`repruv-operator-device:${operatorId}:${issued}:${nonce}`)
    .digest('base64url');
}
