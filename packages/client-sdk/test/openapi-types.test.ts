/**
 * The SDK's API types are generated from docs/openapi.yaml (src/generated/openapi.ts); the compiler
 * holds src/types.ts to them. What generation cannot reach is checked here.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RepruvError } from '../src/index.js';

const run = promisify(execFile);
const script = new URL('../../../scripts/generate-api-types.mjs', import.meta.url).pathname;
const document = parse(
  readFileSync(new URL('../../../docs/openapi.yaml', import.meta.url), 'utf8'),
) as { components: { schemas: { ErrorCode: { enum: string[] } } } };

describe('types generated from docs/openapi.yaml', () => {
  it('the generated types of the SDK and of the server are what the contract generates today', async () => {
    await expect(run(process.execPath, [script, '--check'])).resolves.toBeDefined();
  });

  it.each(document.components.schemas.ErrorCode.enum)(
    'the error code %s has an error class of its own',
    (code) => {
      const error = RepruvError.fromResponse(599, { error: { code, message: 'm' } });
      expect(error.code).toBe(code);
      expect(error.constructor).not.toBe(RepruvError);
    },
  );
});
