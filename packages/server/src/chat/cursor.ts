import { InvalidRequestError } from '../errors.js';

/** Session list cursors are the opaque base64url form of the last row's activity sequence number. */
export function encodeSessionCursor(activitySeq: string | number): string {
  return Buffer.from(`s:${activitySeq}`, 'utf8').toString('base64url');
}

export function decodeSessionCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^s:(\d{1,19})$/.exec(decoded);
  if (!match) throw new InvalidRequestError('The cursor is not valid.', { field: 'cursor' });
  return match[1]!;
}
