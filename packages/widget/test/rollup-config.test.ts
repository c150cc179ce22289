import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The browser packages are built by the one rollup.config.js at the repository root. */

const root = fileURLToPath(new URL('../../..', import.meta.url));
const configFile = path.join(root, 'rollup.config.js');

interface Build {
  input: string | Record<string, string>;
}

async function buildsFor(pkg: string | undefined): Promise<Build[]> {
  if (pkg === undefined) delete process.env.PACKAGE;
  else vi.stubEnv('PACKAGE', pkg);
  const config = (await import(/* @vite-ignore */ configFile)) as { default: () => Build[] };
  return config.default();
}

const inputsOf = (builds: Build[]): string[] =>
  builds.flatMap((b) => (typeof b.input === 'string' ? [b.input] : Object.values(b.input)));

const pkgDir = (name: string) => path.join(root, 'packages', name);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the root rollup.config.js', () => {
  it('is the only rollup config of the browser packages', () => {
    expect(existsSync(configFile)).toBe(true);
    expect(existsSync(path.join(pkgDir('client-sdk'), 'rollup.config.js'))).toBe(false);
    expect(existsSync(path.join(pkgDir('widget'), 'rollup.config.js'))).toBe(false);
    expect(existsSync(path.join(pkgDir('console'), 'rollup.config.js'))).toBe(false);
  });

  it.each(['client-sdk', 'widget', 'console'])(
    "is what %s's build script runs, for that package only",
    (name) => {
      const manifest = JSON.parse(
        readFileSync(path.join(pkgDir(name), 'package.json'), 'utf8'),
      ) as {
        scripts: { build: string };
      };
      expect(manifest.scripts.build).toContain(
        `rollup -c ../../rollup.config.js --environment PACKAGE:${name}`,
      );
    },
  );

  it('selects the SDK builds with PACKAGE=client-sdk: the core, the challenge entry, the minified core', async () => {
    const inputs = inputsOf(await buildsFor('client-sdk'));
    expect(inputs).toEqual([
      path.join(pkgDir('client-sdk'), 'src/index.ts'),
      path.join(pkgDir('client-sdk'), 'src/challenge.ts'),
      path.join(pkgDir('client-sdk'), 'src/index.ts'),
    ]);
  });

  it('selects the widget builds with PACKAGE=widget: panel, launcher, then the npm entries', async () => {
    const inputs = inputsOf(await buildsFor('widget'));
    const src = (file: string) => path.join(pkgDir('widget'), 'src', file);
    expect(inputs).toEqual([src('panel.ts'), src('embed.ts'), src('index.ts'), src('define.ts')]);
  });

  it('selects the operator console with PACKAGE=console: one module', async () => {
    expect(inputsOf(await buildsFor('console'))).toEqual([
      path.join(pkgDir('console'), 'src', 'main.ts'),
    ]);
  });

  it('builds all without PACKAGE, the SDK before the widget whose panel bundles it', async () => {
    const inputs = inputsOf(await buildsFor(undefined));
    expect(inputs).toHaveLength(8);
    expect(inputs.slice(0, 3).every((i) => i.startsWith(pkgDir('client-sdk')))).toBe(true);
    expect(inputs.slice(3, 7).every((i) => i.startsWith(pkgDir('widget')))).toBe(true);
    expect(inputs[7]!.startsWith(pkgDir('console'))).toBe(true);
  });

  it('names the browser packages when PACKAGE is none of them', async () => {
    await expect(buildsFor('server')).rejects.toThrow(
      'PACKAGE=server is not a browser package; use one of: client-sdk, widget, console',
    );
  });
});
