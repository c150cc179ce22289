import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

// Types come from `tsc -p tsconfig.build.json --emitDeclarationOnly` (see the build script).
const ts = () => typescript({ tsconfig: './tsconfig.build.json', declaration: false });

export default [
  {
    input: 'src/index.ts',
    plugins: [ts()],
    output: [
      { file: 'dist/index.js', format: 'es' },
      { file: 'dist/index.cjs', format: 'cjs' },
    ],
  },
  {
    input: 'src/index.ts',
    plugins: [ts(), terser({ module: true, compress: { passes: 2 } })],
    output: { file: 'dist/index.min.js', format: 'es' },
  },
];
