import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/connect.js';
import type { Operator } from './operator-accounts.js';

export interface SignedIn {
  operator: Operator;
  csrfToken: string;
  expiresAt: Date;
}

export interface NewSession extends SignedIn {
  /** The cookie's value: shown to the browser once, stored only as its hash. */
  token: string;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Operators' signed-in sessions, behind an HttpOnly cookie; each has its own CSRF token. */
export class OperatorSessions {
  constructor(
    private readonly db: Database,
    private readonly lifetimeMs: number,
  ) {}

  async start(operator: Operator): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + this.lifetimeMs);
    await this.db('operator_sessions').insert({
      token_hash: hashToken(token),
      operator_id: operator.id,
      csrf_token: csrfToken,
      expires_at: expiresAt,
    });
    // Ended sessions are swept by the sign-ins that follow them: no job needed.
    await this.db('operator_sessions').where('expires_at', '<', new Date()).delete();
    return { token, operator, csrfToken, expiresAt };
  }

  /** The operator a cookie signs in, or undefined when it is unknown or has expired. */
  async find(token: string): Promise<SignedIn | undefined> {
    const row = (await this.db('operator_sessions as s')
      .join('operators as o', 'o.id', 's.operator_id')
      .where('s.token_hash', hashToken(token))
      .where('s.expires_at', '>', new Date())
      .first(
        's.csrf_token',
        's.expires_at',
        'o.id',
        'o.email',
        'o.created_at',
        'o.last_sign_in_at',
      )) as (Operator & { csrf_token: string; expires_at: Date }) | undefined;
    if (!row) return undefined;
    const { csrf_token: csrfToken, expires_at: expiresAt, ...operator } = row;
    return { operator, csrfToken, expiresAt: new Date(expiresAt) };
  }

  async end(token: string): Promise<void> {
    await this.db('operator_sessions')
      .where({ token_hash: hashToken(token) })
      .delete();
  }
}
