import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type Router from '@koa/router';
import { NotFoundError } from '../errors.js';
import type { AppState } from './state.js';

export interface CompressedFile {
  raw: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

export type Context = Parameters<Parameters<Router<AppState>['get']>[1]>[0];

/**
 * The files of a bundle folder, each read and compressed once (at the best levels) and kept:
 * `load(name)` answers 404 for a file that is not there. `name` must be checked by the caller.
 */
export function compressedFiles(dir: string): (name: string) => Promise<CompressedFile> {
  const cache = new Map<string, CompressedFile>();
  return async (name) => {
    const cached = cache.get(name);
    if (cached) return cached;
    const file = path.join(dir, name);
    if (!existsSync(file)) throw new NotFoundError('File');
    const raw = await readFile(file);
    const entry = {
      raw,
      gzip: gzipSync(raw, { level: 9 }),
      brotli: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
    };
    cache.set(name, entry);
    return entry;
  };
}

/** A script, brotli or gzip when the client takes them. */
export function sendScript(ctx: Context, file: CompressedFile): void {
  ctx.type = 'application/javascript; charset=utf-8';
  ctx.vary('Accept-Encoding');
  ctx.compress = false;
  // Browsers list br after gzip at the same weight; brotli is the smaller, so it wins a tie.
  const encoding = ctx.acceptsEncodings('br') || ctx.acceptsEncodings('gzip', 'identity');
  if (encoding === 'br' || encoding === 'gzip') {
    ctx.set('Content-Encoding', encoding);
    ctx.body = encoding === 'br' ? file.brotli : file.gzip;
  } else {
    ctx.body = file.raw;
  }
}
