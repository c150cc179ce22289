import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../src/', import.meta.url).pathname;
const sources = (readdirSync(root, { recursive: true }) as string[]).filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
);

describe('runtime footprint', () => {
  it('touches no browser global and no Node module in the SDK source', () => {
    for (const file of sources) {
      const code = readFileSync(join(root, file), 'utf8').replace(
        /\/\*\*[\s\S]*?\*\/|\/\/.*$/gm,
        '',
      );
      // Without its single-quoted strings: `kind: 'image' | 'document'` names no global.
      // Nor does asking whether one exists: `typeof document` is how a call picks its runtime.
      const unquoted = code.replace(/'[^'\n]*'/g, "''").replace(/\btypeof \w+/g, '');
      expect(unquoted, file).not.toMatch(
        /\b(window|document|localStorage|sessionStorage|navigator)\b/,
      );
      expect(code, file).not.toMatch(/from ['"]node:|require\(/);
      expect(code, file).not.toMatch(/from ['"](?!\.)/); // no runtime dependency at all
    }
  });

  it('imports with no window and no fetch until a request is made', async () => {
    const saved = globalThis.fetch;
    // @ts-expect-error: simulate a runtime without fetch at import time
    delete globalThis.fetch;
    try {
      const sdk = await import('../src/index.js');
      expect(typeof sdk.RepruvClient).toBe('function');
      expect('window' in globalThis).toBe(false);
      new sdk.RepruvClient({ baseUrl: 'http://localhost:3000' });
    } finally {
      globalThis.fetch = saved;
    }
  });

  it('the package declares no runtime dependency', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.sideEffects).toBe(false);
  });
});
