#!/usr/bin/env node
/** The web examples import @repruv/widget from its dist: build it (and the SDK) when it is missing. */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const widgetDist = fileURLToPath(new URL('../packages/widget/dist/index.js', import.meta.url));
if (!existsSync(widgetDist)) {
  execSync('npm run build -w @repruv/widget', {
    stdio: 'inherit',
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
}
