import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuid } from './uuid.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.unstubAllGlobals());

describe('uuid', () => {
  it('uses crypto.randomUUID where it exists', () => {
    expect(uuid()).toMatch(V4);
    expect(uuid()).not.toBe(uuid());
  });

  it('falls back to a v4 UUID without crypto.randomUUID (insecure browser context)', () => {
    vi.stubGlobal('crypto', {});
    const ids = new Set(Array.from({ length: 200 }, uuid));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(V4);
  });
});
