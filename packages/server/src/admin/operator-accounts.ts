import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connect.js';
import { uniqueViolation } from '../db/errors.js';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

export interface Operator {
  id: string;
  email: string;
  created_at: Date;
  last_sign_in_at: Date | null;
}

interface OperatorRow extends Operator {
  password_hash: string;
}

export class OperatorAccountError extends Error {
  override name = 'OperatorAccountError';
}

const PUBLIC_COLUMNS = ['id', 'email', 'created_at', 'last_sign_in_at'] as const;
const MAX_EMAIL_CHARS = 254;

/** E-mail addresses are compared lower-cased and trimmed: `Ann@Example.com ` is ann@example.com. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (normalized.length > MAX_EMAIL_CHARS || !/^[^\s@]+@[^\s@]+$/.test(normalized)) {
    throw new OperatorAccountError(`Not an e-mail address: ${email}`);
  }
  return normalized;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new OperatorAccountError(problem);
}

/** The people who run the server: their accounts and the check of their passwords. */
export class OperatorAccounts {
  constructor(private readonly db: Database) {}

  async create(email: string, password: string): Promise<Operator> {
    const normalized = checkEmail(email);
    checkPassword(password);
    const row = {
      id: randomUUID(),
      email: normalized,
      password_hash: await hashPassword(password),
    };
    try {
      const [operator] = (await this.db('operators')
        .insert(row)
        .returning(PUBLIC_COLUMNS)) as Operator[];
      return operator!;
    } catch (error) {
      if (uniqueViolation(error)) {
        throw new OperatorAccountError(`An operator with the e-mail ${normalized} exists already.`);
      }
      throw error;
    }
  }

  /** A new password signs the operator out everywhere; false when no operator has the e-mail. */
  async setPassword(email: string, password: string): Promise<boolean> {
    checkPassword(password);
    const hash = await hashPassword(password);
    return this.db.transaction(async (trx) => {
      const [operator] = (await trx('operators')
        .where({ email: normalizeEmail(email) })
        .update({ password_hash: hash, password_changed_at: trx.fn.now() })
        .returning(['id'])) as Array<{ id: string }>;
      if (!operator) return false;
      await trx('operator_sessions').where({ operator_id: operator.id }).delete();
      return true;
    });
  }

  async list(): Promise<Operator[]> {
    return (await this.db('operators').select(PUBLIC_COLUMNS).orderBy('email')) as Operator[];
  }

  async count(): Promise<number> {
    const [row] = (await this.db('operators').count({ n: '*' })) as Array<{ n: string | number }>;
    return Number(row!.n);
  }

  async remove(email: string): Promise<boolean> {
    return (
      (await this.db('operators')
        .where({ email: normalizeEmail(email) })
        .delete()) > 0
    );
  }

  /** The operator whose e-mail and password these are, or undefined (in the same time either way). */
  async verify(email: string, password: string): Promise<Operator | undefined> {
    const row = (await this.db('operators')
      .where({ email: normalizeEmail(email) })
      .first()) as OperatorRow | undefined;
    const matches = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
    if (!row || !matches) return undefined;
    return {
      id: row.id,
      email: row.email,
      created_at: row.created_at,
      last_sign_in_at: row.last_sign_in_at,
    };
  }

  async recordSignIn(operatorId: string): Promise<void> {
    await this.db('operators')
      .where({ id: operatorId })
      .update({ last_sign_in_at: this.db.fn.now() });
  }
}
