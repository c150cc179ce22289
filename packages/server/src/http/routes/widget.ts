import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Router from '@koa/router';
import type { Config } from '../../config.js';
import { NotFoundError } from '../../errors.js';
import { compressedFiles, sendScript, type Context } from '../compressed-files.js';
import type { AppState } from '../state.js';
import { createRouter } from '../router.js';

const HASHED_CHUNK = /^[\w-]+-[A-Za-z0-9_-]{8,}\.js$/;
const SAFE_NAME = /^[\w.-]+\.js(\.map)?$/;

function defaultWidgetDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../../../widget/dist');
}

function demoPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Repruv Assistant — demo</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/demo.css">
</head>
<body>
  <main>
    <h1>Repruv Assistant</h1>
    <p>This page embeds the assistant with one script tag, as any site would:</p>
    <pre><code>&lt;script src="/widget.js" data-site-key="pk_dev" defer&gt;&lt;/script&gt;</code></pre>
    <p>Open the chat with the button in the corner.</p>
  </main>
  <script src="/widget.js" data-site-key="pk_dev" defer></script>
</body>
</html>`;
}

const DEMO_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7fb;color:#1c1d21}
main{max-width:40rem;margin:4rem auto;padding:0 1.5rem}
pre{background:#fff;border:1px solid #dfe1ea;border-radius:.5rem;padding:1rem;overflow:auto}`;

/** The demo page's icon, so that browsers do not ask for a /favicon.ico that is not there. */
const DEMO_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/><path d="M9 10h14v9H14l-5 4z" fill="#fff"/></svg>`;

/**
 * Serves the widget bundle (`/widget.js` and its hashed chunks, brotli or gzip when accepted) and,
 * outside production, a demo page at `/` that embeds it. Hand-written rather than koa-static with
 * koa-compress: the few files are compressed once, at their best level, and kept, where
 * koa-compress would compress every response again.
 */
export function widgetRoutes(config: Config): Router<AppState> {
  const router = createRouter();
  const dir = config.widgetDistDir ?? defaultWidgetDir();
  const load = compressedFiles(dir);

  router.get('/widget.js', async (ctx) => {
    const file = await load('widget.js');
    ctx.set('Cache-Control', 'public, max-age=300');
    sendScript(ctx, file);
  });

  /** The panel chunk, and the chunks it loads on first use (`chunks/…`, relative to it). */
  // The name is one path segment, checked here: `load` joins it to the dist folder.
  const serveChunk = async (ctx: Context, folder: string) => {
    const name = ctx.params.name ?? '';
    if (!SAFE_NAME.test(name)) throw new NotFoundError('File');
    const file = await load(folder + name);
    ctx.set(
      'Cache-Control',
      HASHED_CHUNK.test(name) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    );
    sendScript(ctx, file);
  };
  router.get('/widget/:name', (ctx) => serveChunk(ctx, ''));
  router.get('/widget/chunks/:name', (ctx) => serveChunk(ctx, 'chunks/'));

  if (!config.isProduction) {
    router.get('/', (ctx) => {
      ctx.type = 'html';
      ctx.set('Content-Security-Policy', demoCsp());
      ctx.body = demoPage();
    });
    router.get('/demo.css', (ctx) => {
      ctx.type = 'css';
      ctx.body = DEMO_CSS;
    });
    router.get('/favicon.svg', (ctx) => {
      ctx.type = 'image/svg+xml';
      ctx.set('Cache-Control', 'public, max-age=86400');
      ctx.body = DEMO_ICON;
    });
  }
  return router;
}

/** The strict policy the widget is built to run under. */
export function demoCsp(): string {
  // blob: for attachments: the widget shows them from blob: URLs of bytes it fetched.
  return "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; frame-ancestors 'none'";
}
