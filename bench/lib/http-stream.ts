import http from 'node:http';
import type { StreamTiming } from './stream-timing.js';

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * POSTs `body` and times the streamed response with node:http, reading raw chunks: at thousands of
 * concurrent streams the load generator must cost far less than what it measures (fetch and web
 * streams cost several times more per chunk). A chunk carries text when it contains `textMarker`.
 */
export function postAndTimeStream(
  url: string,
  headers: Record<string, string>,
  body: string,
  textMarker: string,
): Promise<StreamTiming | undefined> {
  const marker = Buffer.from(textMarker);
  return new Promise((resolve) => {
    const start = performance.now();
    const request = http.request(url, { method: 'POST', headers, agent }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        response.on('end', () => resolve(undefined));
        return;
      }
      let first = Number.NaN;
      let last = Number.NaN;
      let chunks = 0;
      const gaps: number[] = [];
      response.on('data', (chunk: Buffer) => {
        if (!chunk.includes(marker)) return;
        const now = performance.now();
        if (chunks === 0) first = now - start;
        else gaps.push(now - last);
        last = now;
        chunks++;
      });
      response.on('end', () => resolve({ firstTextMs: first, gapsMs: gaps, textChunks: chunks }));
      response.on('error', () => resolve(undefined));
    });
    request.on('error', () => resolve(undefined));
    request.end(body);
  });
}
