import { describe, expect, it } from 'vitest';
import { lastActivity } from './last-activity.js';

const NOW = Date.parse('2026-03-20T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('lastActivity', () => {
  it('says how long ago within a week, in the locale', () => {
    expect(lastActivity(ago(5), 'en', NOW)).toBe('now');
    expect(lastActivity(ago(5 * 60), 'en', NOW)).toBe('5 minutes ago');
    expect(lastActivity(ago(3 * 3600), 'en', NOW)).toBe('3 hours ago');
    expect(lastActivity(ago(26 * 3600), 'en', NOW)).toBe('yesterday');
    expect(lastActivity(ago(3 * 3600), 'de', NOW)).toBe('vor 3 Stunden');
  });

  it('gives the date after a week', () => {
    expect(lastActivity('2026-03-01T10:00:00Z', 'en', NOW)).toBe('Mar 1, 2026');
    expect(lastActivity('2026-03-01T10:00:00Z', 'fr', NOW)).toBe('1 mars 2026');
  });
});
