#!/usr/bin/env node
/** The panel bundles @repruv/client-sdk from its dist: build it first when it is missing. */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sdkDist = fileURLToPath(new URL('../../client-sdk/dist/index.js', import.meta.url));
if (!existsSync(sdkDist)) {
  execSync('npm run build -w @repruv/client-sdk', {
    stdio: 'inherit',
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
  });
}
