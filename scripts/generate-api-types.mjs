// Writes the API's TypeScript types from docs/openapi.yaml into the SDK and the server
// (`--check`: fails if either file is stale), so that neither can drift from the contract.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const contract = new URL('../docs/openapi.yaml', import.meta.url);
const targets = [
  'packages/client-sdk/src/generated/openapi.ts',
  'packages/server/src/generated/openapi.ts',
].map((file) => fileURLToPath(new URL(`../${file}`, import.meta.url)));
const HEADER =
  '// Generated from docs/openapi.yaml by `npm run generate:api-types`.\n' +
  '// Do not edit: change the contract and run the script again.\n\n';

const source = HEADER + astToString(await openapiTS(contract, { alphabetize: false }));
let stale = 0;
for (const target of targets) {
  const options = (await prettier.resolveConfig(target)) ?? {};
  const generated = await prettier.format(source, { ...options, filepath: target });
  if (!process.argv.includes('--check')) {
    await writeFile(target, generated);
  } else if ((await readFile(target, 'utf8').catch(() => '')) !== generated) {
    console.error(`${target} is stale: run npm run generate:api-types`);
    stale++;
  }
}
process.exit(stale > 0 ? 1 : 0);
