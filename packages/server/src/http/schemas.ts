import { z } from 'zod';
import { MAX_SOLUTION_CHARS } from '../auth/guest-challenges.js';
import { MODE_NAME_PATTERN, MODE_NAME_RULE } from '../personas/mode-name.js';
import { limitParam, uuid } from './validation.js';

/** A host's user id, as `user_id` of POST /auth/guest. */
export const MAX_USER_ID_CHARS = 255;

const title = z
  .string({ message: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/** A mode's name; whether a persona has it is the persona catalog's to say (it depends on the site). */
export const mode = z
  .string({ message: 'must be a string' })
  .regex(MODE_NAME_PATTERN, MODE_NAME_RULE);

export const createSessionBody = z.strictObject({ title: title.optional(), mode: mode.optional() });

export const updateSessionBody = z
  .strictObject({
    title: title.optional(),
    status: z
      .enum(['active', 'archived'], { message: 'must be "active" or "archived"' })
      .optional(),
    current_message_id: uuid.optional(),
  })
  .refine(
    (body) =>
      body.title !== undefined ||
      body.status !== undefined ||
      body.current_message_id !== undefined,
    { message: 'give at least one of title, status, current_message_id' },
  );

export const forkSessionBody = z.strictObject({ message_id: uuid, title: title.optional() });

const once = { message: 'must be given once' };
const cursorParam = z.string(once).min(1).optional();
const statusFilter = z
  .enum(['active', 'archived'], { message: 'must be "active" or "archived"' })
  .optional();
/** Any mode name: one no session has simply matches none. */
const modeFilter = z.string(once).min(1).max(64, 'must be at most 64 characters').optional();
export const dateTimeParam = z
  .string(once)
  .pipe(z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }))
  .transform((value) => new Date(value))
  .optional();

export const sessionListQuery = z.object({
  limit: limitParam(20),
  cursor: cursorParam,
  status: statusFilter,
  mode: modeFilter,
});

/** GET /chat/search; `q` itself is read by search/search-query.ts, which says what is wrong with it. */
export const searchQuery = z.object({
  q: z.string({ message: 'is required, once' }),
  limit: limitParam(20, 50),
  cursor: cursorParam,
  status: statusFilter,
  mode: modeFilter,
  from: dateTimeParam,
  to: dateTimeParam,
});

export const exportQuery = z
  .object({
    format: z
      .enum(['md', 'txt', 'json', 'pdf'], { message: 'must be one of: md, txt, json, pdf' })
      .default('md'),
    branches: z
      .enum(['current', 'all'], { message: 'must be "current" or "all"' })
      .default('current'),
  })
  .refine((query) => query.branches === 'current' || query.format === 'json', {
    message: 'branches=all is for format=json only',
    path: ['branches'],
  });

/** An idempotency key chosen by the client, unique within the session. */
const clientMessageId = z
  .string({ message: 'must be a string' })
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

/** At most 10 different uploads (SPEC "Attachments"); whose they are is checked on sending. */
const attachmentIds = z
  .array(uuid, { message: 'must be an array of attachment ids' })
  .max(10, 'must hold at most 10 attachment ids')
  .refine((ids) => new Set(ids).size === ids.length, 'must not name an attachment twice');

export function sendMessageBody(maxContentChars: number) {
  return z
    .strictObject({
      session_id: uuid,
      content: z
        .string({ message: 'must be a string' })
        .refine(
          (text) => text.length <= maxContentChars,
          `must be at most ${maxContentChars} characters`,
        )
        .optional(),
      attachment_ids: attachmentIds.optional(),
      client_message_id: clientMessageId.optional(),
      parent_id: uuid.nullable().optional(),
    })
    .superRefine((body, issues) => {
      // Text may be left out only when files carry the message.
      if ((body.content ?? '').trim() === '' && !body.attachment_ids?.length) {
        issues.addIssue({
          code: 'custom',
          path: ['content'],
          message:
            body.content === undefined ? 'is required' : 'must not be empty or only whitespace',
        });
      }
    })
    .transform((body) => ({ ...body, content: body.content ?? '' }));
}

export const regenerateBody = z.strictObject({ client_message_id: clientMessageId.optional() });

export const messageListQuery = z.object({
  limit: limitParam(50),
  before: uuid.optional(),
  leaf: uuid.optional(),
});

export const idParam = z.object({ id: uuid });

// Stored as text: no NUL (PostgreSQL refuses it); a label also no other control character.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

const feedbackTag = z
  .string({ message: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .refine((tag) => !CONTROL_CHARACTERS.test(tag), 'must not hold control characters');

export const feedbackBody = z.strictObject({
  rating: z.enum(['up', 'down'], { message: 'must be "up" or "down"' }),
  comment: z
    .string({ message: 'must be a string or null' })
    .max(2000, 'must be at most 2000 characters')
    .refine((comment) => !comment.includes('\u0000'), 'must not hold NUL characters')
    .nullable()
    .optional()
    .transform((comment) => (comment?.trim() ? comment : null)),
  tags: z
    .array(feedbackTag, { message: 'must be an array of strings' })
    .max(10, 'must hold at most 10 tags')
    .optional()
    .transform((tags) => [...new Set(tags ?? [])]),
});

const siteKey = z.string({ message: 'must be a string' }).min(1, 'must not be empty').max(200);

export const guestTokenBody = z
  .strictObject({
    site_key: siteKey,
    user_id: z
      .string({ message: 'must be a string' })
      .min(1, 'must not be empty')
      .max(MAX_USER_ID_CHARS, `must be at most ${MAX_USER_ID_CHARS} characters`)
      // Stored as text: no NUL (PostgreSQL refuses it) nor other control characters, and no lone
      // surrogate, which would be stored as U+FFFD and so merge two of the host's users.
      // eslint-disable-next-line no-control-regex
      .refine((id) => !/[\u0000-\u001f\u007f]|\p{Cs}/u.test(id), {
        message: 'must not hold control characters or unpaired surrogates',
      })
      .optional(),
    user_hash: z
      .string({ message: 'must be a string' })
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .optional(),
    challenge_solution: z
      .string({ message: 'must be a string' })
      .min(1, 'must not be empty')
      .max(MAX_SOLUTION_CHARS, `must be at most ${MAX_SOLUTION_CHARS} characters`)
      .optional(),
  })
  .refine((body) => body.user_hash === undefined || body.user_id !== undefined, {
    message: 'is given without user_id',
    path: ['user_hash'],
  });

export const challengeQuery = z.object({
  site_key: z
    .string({
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be given once'),
    })
    .pipe(siteKey),
});
