import { describe, expect, it } from 'vitest';

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
});
