import { readdirSync, rmSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/*
 * Three builds, in order:
 * 1. the panel chunk `dist/panel-[hash].js` (ES module: Lit, element, Markdown, SDK), which the
 *    server caches immutably thanks to the hash;
 * 2. the launcher `dist/widget.js` (classic IIFE script, no Lit) with the panel's file name
 *    written in, which it loads with import() relative to its own URL;
 * 3. the npm package: `dist/index.js` and `dist/define.js`, with lit and the SDK left external.
 */

const ts = () =>
  typescript({
    tsconfig: './tsconfig.build.json',
    compilerOptions: { emitDeclarationOnly: false, declaration: false, outDir: 'dist' },
  });

let panelFile = '';

/** Drops panel chunks of earlier builds, so dist holds exactly one. */
const cleanPanels = {
  name: 'clean-panels',
  buildStart() {
    for (const name of safeReaddir('dist')) {
      if (/^panel-.*\.js$/.test(name)) rmSync(`dist/${name}`);
    }
    rmSync('dist/chunks', { recursive: true, force: true });
  },
  generateBundle(_options, bundle) {
    panelFile = Object.values(bundle).find(
      (file) => file.type === 'chunk' && file.isEntry,
    ).fileName;
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

function safeReaddir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const minify = (module) =>
  terser({ module, ecma: 2020, compress: { passes: 2 }, format: { comments: false } });

export default [
  {
    input: 'src/panel.ts',
    plugins: [cleanPanels, nodeResolve({ browser: true }), ts(), minify(true)],
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: 'panel-[hash].js',
      inlineDynamicImports: true,
    },
  },
  {
    input: 'src/embed.ts',
    plugins: [injectPanelFile, ts(), minify(false)],
    output: { file: 'dist/widget.js', format: 'iife' },
  },
  {
    input: { index: 'src/index.ts', define: 'src/define.ts' },
    external: (id) => /^(lit|@lit|@repruv\/client-sdk)(\/|$)/.test(id),
    plugins: [ts()],
    output: { dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js' },
  },
];
