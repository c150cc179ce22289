import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import minifyHTMLLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/*
 * The browser packages' bundles, in one place. Each package's `build` script picks its own:
 *   rollup -c ../../rollup.config.js --environment PACKAGE:client-sdk   (or widget, or console)
 * Without PACKAGE, `rollup -c` at the root bundles them all, the SDK first since the widget's
 * panel bundles the SDK's dist. Declarations and size budgets are the build scripts' job, so the full
 * build is `npm run build`.
 * Every path is absolute, so the build does not depend on the directory rollup runs in.
 */

const root = path.dirname(fileURLToPath(import.meta.url));

/** Resolves `rel` inside `packages/<name>`. */
const inPackage = (name) => (rel) => path.join(root, 'packages', name, rel);

/**
 * The SDK: ESM and CJS for bundlers and Node, and the minified ESM the size budget measures.
 * The challenge solver is an entry of its own (`@repruv/client-sdk/challenge`), outside the budget.
 */
function clientSdk() {
  const at = inPackage('client-sdk');
  // Types come from `tsc -p tsconfig.build.json --emitDeclarationOnly` (see the build script).
  const ts = () => typescript({ tsconfig: at('tsconfig.build.json'), declaration: false });
  return [
    {
      input: at('src/index.ts'),
      plugins: [ts()],
      output: [
        { file: at('dist/index.js'), format: 'es' },
        { file: at('dist/index.cjs'), format: 'cjs' },
      ],
    },
    {
      input: at('src/challenge.ts'),
      plugins: [ts()],
      output: [
        { file: at('dist/challenge.js'), format: 'es' },
        { file: at('dist/challenge.cjs'), format: 'cjs' },
      ],
    },
    {
      input: at('src/index.ts'),
      plugins: [ts(), terser({ module: true, compress: { passes: 2 } })],
      output: { file: at('dist/index.min.js'), format: 'es' },
    },
  ];
}

/*
 * The widget: three builds, in order:
 * 1. the panel chunk `dist/panel-[hash].js` (ES module: Lit, element, Markdown, SDK), which the
 *    server caches immutably thanks to the hash, and the chunks it loads on first use
 *    (`dist/chunks/attachments-[hash].js`, and one per locale but English,
 *    `dist/chunks/<locale>-[hash].js`); and `dist/panel.js`, a one-line module importing it
 *    under a name that does not change, for pages that load the element without the launcher
 *    (the console's site preview);
 * 2. the launcher `dist/widget.js` (classic IIFE script, no Lit) with the panel's file name
 *    written in, which it loads with import() relative to its own URL;
 * 3. the npm package: `dist/index.js` and `dist/define.js`, with lit and the SDK left external.
 */
function widget() {
  const at = inPackage('widget');
  const dist = at('dist');
  const ts = () =>
    typescript({
      tsconfig: at('tsconfig.build.json'),
      compilerOptions: { emitDeclarationOnly: false, declaration: false, outDir: dist },
    });

  let panelFile = '';

  /**
   * Drops panel chunks (and their lazy chunks) of earlier builds, so dist holds exactly one, and
   * names the new one: for the launcher, and in `panel.js`.
   */
  const cleanPanels = {
    name: 'clean-panels',
    buildStart() {
      for (const name of safeReaddir(dist)) {
        if (/^panel-.*\.js$/.test(name)) rmSync(path.join(dist, name));
      }
      rmSync(path.join(dist, 'chunks'), { recursive: true, force: true });
    },
    generateBundle(_options, bundle) {
      panelFile = Object.values(bundle).find(
        (file) => file.type === 'chunk' && file.isEntry,
      ).fileName;
      this.emitFile({
        type: 'asset',
        fileName: 'panel.js',
        source: `import './${panelFile}';\n`,
      });
    },
  };

  const injectPanelFile = {
    name: 'inject-panel-file',
    transform(code) {
      if (!code.includes('__PANEL_FILE__')) return null;
      if (!panelFile) this.error('the panel chunk must be built before the launcher');
      return { code: code.replaceAll('__PANEL_FILE__', JSON.stringify(panelFile)), map: null };
    },
  };

  const minify = (module) =>
    terser({ module, ecma: 2020, compress: { passes: 2 }, format: { comments: false } });

  // The whitespace of Lit's html`` and css`` templates, which terser leaves as it is; after
  // ts(), so it reads JavaScript. A template it cannot parse fails the build, not ships as is.
  const minifyTemplates = () =>
    minifyHTMLLiterals({ include: [at('src/**/*.ts')], failOnError: true });

  return [
    {
      input: at('src/panel.ts'),
      plugins: [cleanPanels, nodeResolve({ browser: true }), ts(), minifyTemplates(), minify(true)],
      output: {
        dir: dist,
        format: 'es',
        entryFileNames: 'panel-[hash].js',
        // Code loaded on first use (attachments, a locale's strings), imported relative to the panel's own URL.
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
    {
      input: at('src/embed.ts'),
      plugins: [injectPanelFile, ts(), minifyTemplates(), minify(false)],
      output: { file: at('dist/widget.js'), format: 'iife' },
    },
    {
      input: { index: at('src/index.ts'), define: at('src/define.ts') },
      external: (id) => /^(lit|@lit|@repruv\/client-sdk)(\/|$)/.test(id),
      plugins: [ts()],
      output: { dir: dist, format: 'es', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  ];
}

function safeReaddir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The operator console: one ES module (Lit included) that the server serves at /admin/console.js. */
function operatorConsole() {
  const at = inPackage('console');
  return [
    {
      input: at('src/main.ts'),
      plugins: [
        nodeResolve({ browser: true }),
        typescript({
          tsconfig: at('tsconfig.json'),
          // rootDir: the console imports the API's generated types from packages/server (types only).
          compilerOptions: {
            noEmit: false,
            sourceMap: false,
            outDir: at('dist'),
            rootDir: at('..'),
          },
        }),
        minifyHTMLLiterals({ include: [at('src/**/*.ts')], failOnError: true }),
        terser({ module: true, ecma: 2020, format: { comments: false } }),
      ],
      output: { file: at('dist/console.js'), format: 'es' },
    },
  ];
}

/** In build order: the widget's panel bundles the SDK's dist. */
const packages = { 'client-sdk': clientSdk, widget, console: operatorConsole };

export default () => {
  const selected = process.env.PACKAGE;
  if (selected === undefined) return Object.values(packages).flatMap((build) => build());
  const build = packages[selected];
  if (!build) {
    throw new Error(
      `PACKAGE=${selected} is not a browser package; use one of: ${Object.keys(packages).join(', ')}`,
    );
  }
  return build();
};
