import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the ESM package on a server', () => {
  it('imports without a window, and defining twice is harmless', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const widget = await import('./index.js');
    expect(typeof widget.RepruvChat).toBe('function');
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(() => widget.defineRepruvChat()).not.toThrow();
    expect(() => widget.defineRepruvChat()).not.toThrow();
    await import('./define.js');
  });

  it("loads Lit's production build, which says nothing about dev mode", async () => {
    const warn = vi.spyOn(console, 'warn');
    await import('./index.js');
    // Lit's dev build records each warning it issues here; the production build has no such set.
    expect((globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings).toBeUndefined();
    expect(import.meta.resolve('lit-html')).not.toMatch(/\/development\//);
    expect(warn.mock.calls.flat().join('\n')).not.toMatch(/dev mode/i);
  });
});
