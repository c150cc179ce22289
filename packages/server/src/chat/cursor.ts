import { InvalidRequestError } from '../errors.js';

/** Session list cursors are the opaque base64url form of the last row's activity sequence number. */
export function encodeSessionCursor(activitySeq: string | number): string {
  return Buffer.from(`s:${activitySeq}`, 'utf8').toString('base64url');
}

/** PostgreSQL's largest bigint: a cursor beyond it would fail in the database (a 500). */
export const MAX_BIGINT = 9223372036854775807n;

export function decodeSessionCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^s:(\d{1,19})$/.exec(decoded);
  // Beyond PostgreSQL's bigint the comparison would fail in the database (a 500), so reject it here.
  if (!match || BigInt(match[1]!) > MAX_BIGINT) {
    throw new InvalidRequestError('The cursor is not valid.', { field: 'cursor' });
  }
  return match[1]!;
}
