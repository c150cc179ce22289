import { z } from 'zod';
import { knownModes } from '../llm/system-prompts.js';
import { limitParam, uuid } from './validation.js';

const title = z
  .string({ message: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

const mode = z
  .string({ message: 'must be a string' })
  // The list is read when a request fails, so modes added by CHAT_MODES at start-up are named too.
  .refine((value) => knownModes().includes(value), {
    error: () => `must be one of: ${knownModes().join(', ')}`,
  });

export const createSessionBody = z.strictObject({ title: title.optional(), mode: mode.optional() });

export const updateSessionBody = z
  .strictObject({
    title: title.optional(),
    status: z
      .enum(['active', 'archived'], { message: 'must be "active" or "archived"' })
      .optional(),
  })
  .refine((body) => body.title !== undefined || body.status !== undefined, {
    message: 'give at least one of title, status',
  });

export const sessionListQuery = z.object({
  limit: limitParam(20),
  cursor: z.string({ message: 'must be given once' }).min(1).optional(),
});

export function sendMessageBody(maxContentChars: number) {
  return z.strictObject({
    session_id: uuid,
    content: z
      .string({ message: 'must be a string' })
      .refine((text) => text.trim() !== '', 'must not be empty or only whitespace')
      .refine(
        (text) => text.length <= maxContentChars,
        `must be at most ${maxContentChars} characters`,
      ),
    client_message_id: z
      .string({ message: 'must be a string' })
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .optional(),
  });
}

export const messageListQuery = z.object({
  limit: limitParam(50),
  before: uuid.optional(),
});

export const idParam = z.object({ id: uuid });

export const guestTokenBody = z.strictObject({
  site_key: z.string({ message: 'must be a string' }).min(1, 'must not be empty').max(200),
});
