// Writes src/generated/openapi.ts from docs/openapi.yaml (`--check`: fails if the file is stale).
// The SDK's API types come from the contract itself, so the two cannot drift.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const contract = new URL('../../../docs/openapi.yaml', import.meta.url);
const target = fileURLToPath(new URL('../src/generated/openapi.ts', import.meta.url));
const HEADER =
  '// Generated from docs/openapi.yaml by `npm run generate:types -w @repruv/client-sdk`.\n' +
  '// Do not edit: change the contract and run the script again.\n\n';

const ast = await openapiTS(contract, { alphabetize: false });
const options = (await prettier.resolveConfig(target)) ?? {};
const generated = await prettier.format(HEADER + astToString(ast), {
  ...options,
  filepath: target,
});

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== generated) {
    console.error(`${target} is stale: run npm run generate:types -w @repruv/client-sdk`);
    process.exit(1);
  }
} else {
  await writeFile(target, generated);
}
