import { AdminApiError } from './admin-api.js';

/** What to tell the operator when a call failed. */
export function messageOf(error: unknown): string {
  if (error instanceof AdminApiError) return error.message;
  return 'The server could not be reached; try again.';
}
