import { InvalidRequestError } from '../errors.js';
import type { SearchPosition } from './search-sql.js';
import { MAX_BIGINT } from '../chat/cursor.js';

/** Search cursors: the opaque base64url form of the last hit's score and session activity. */
export function encodeSearchCursor(position: SearchPosition): string {
  return Buffer.from(`q:${position.score}:${position.activitySeq}`, 'utf8').toString('base64url');
}

export function decodeSearchCursor(cursor: string): SearchPosition {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^q:(\d{1,4}(?:\.\d{1,20})?(?:e-\d{1,3})?):(\d{1,19})$/.exec(decoded);
  const score = match ? Number(match[1]) : NaN;
  if (!match || !Number.isFinite(score) || BigInt(match[2]!) > MAX_BIGINT) {
    throw new InvalidRequestError('The cursor is not valid.', { field: 'cursor' });
  }
  return { score, activitySeq: match[2]! };
}
