import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Router from '@koa/router';
import { compressedFiles, sendScript } from '../compressed-files.js';
import type { AppState } from '../state.js';
import { createRouter } from '../router.js';

function consoleDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../../../console/dist');
}

/** The console's own policy: its script and the API, nothing inline, never framed. */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SHELL = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>Repruv Assistant console</title>
  <link rel="icon" href="data:,">
</head>
<body>
  <repruv-console></repruv-console>
  <script type="module" src="/admin/console.js"></script>
</body>
</html>`;

/** `/admin`: the operator console (packages/console), a page and its one script. */
export function consoleRoutes(dir = consoleDir()): Router<AppState> {
  const router = createRouter();
  const load = compressedFiles(dir);

  router.get('/admin', (ctx) => {
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', CONSOLE_CSP);
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = SHELL;
  });

  router.get('/admin/console.js', async (ctx) => {
    const file = await load('console.js');
    ctx.set('Cache-Control', 'no-cache');
    sendScript(ctx, file);
  });

  return router;
}
