import http from 'node:http';
import { chunkTimer, type StreamTiming } from './stream-timing.js';

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * POSTs `body` and times the streamed response with node:http, reading raw chunks: at thousands of
 * concurrent streams the load generator must cost far less than what it measures (fetch and web
 * streams cost several times more per chunk). A chunk carries text when it contains `textMarker`;
 * times count from `start` (default: now).
 */
export function postAndTimeStream(
  url: string,
  headers: Record<string, string>,
  body: string,
  textMarker: string,
  start = performance.now(),
): Promise<StreamTiming | undefined> {
  const marker = Buffer.from(textMarker);
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', headers, agent }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        response.on('end', () => resolve(undefined));
        return;
      }
      const timer = chunkTimer(start);
      response.on('data', (chunk: Buffer) => {
        if (chunk.includes(marker)) timer.chunk();
      });
      response.on('end', () => resolve(timer.timing()));
      response.on('error', () => resolve(undefined));
    });
    request.on('error', () => resolve(undefined));
    request.end(body);
  });
}

/** POSTs a JSON body and resolves with the parsed answer, or undefined for anything but a 2xx. */
export function postJson<T>(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', headers, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (part: string) => (text += part));
      response.on('end', () => {
        const ok = response.statusCode !== undefined && response.statusCode < 300;
        resolve(ok ? (JSON.parse(text) as T) : undefined);
      });
      response.on('error', () => resolve(undefined));
    });
    request.on('error', () => resolve(undefined));
    request.end(body);
  });
}
