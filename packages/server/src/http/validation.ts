import { z } from 'zod';
import { InvalidRequestError } from '../errors.js';

/** Validates one request part against its schema; every problem becomes a 400 with details. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || where,
    problem: issue.message,
  }));
  const first = issues[0]!;
  throw new InvalidRequestError(`Invalid ${where}: ${first.field}: ${first.problem}`, { issues });
}

export const uuid = z.uuid({ message: 'must be a UUID' });

/** `limit` query parameter: an integer from 1 to 100. */
export function limitParam(fallback: number, max = 100) {
  return z
    .string()
    .regex(/^\d+$/, `must be an integer from 1 to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(1, `must be from 1 to ${max}`).max(max, `must be from 1 to ${max}`))
    .optional()
    .transform((value) => value ?? fallback);
}
