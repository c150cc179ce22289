import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Vite's default conditions include `development` outside production builds, and vitest hands
 * them to its Node workers as `--conditions`; Lit then loads its dev build and prints "Lit is
 * in dev mode". Tests should run what ships. Vite concatenates `resolve.conditions` from the
 * config with vitest's defaults, so the condition can only be taken out after they are merged.
 */
const withoutDevelopmentCondition: Plugin = {
  name: 'without-development-condition',
  config(config) {
    const environments = Object.values(config.environments ?? {});
    for (const resolve of [
      config.resolve,
      config.ssr?.resolve,
      ...environments.map((e) => e.resolve),
    ]) {
      if (resolve?.conditions) {
        resolve.conditions = resolve.conditions.filter(
          (condition) => condition !== 'development' && condition !== 'development|production',
        );
      }
    }
  },
};

export default defineConfig({
  plugins: [withoutDevelopmentCondition],
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/**/test/**/*.test.ts',
    ],
    exclude: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/*/test/e2e/**',
      'packages/*/test/faults/**',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
