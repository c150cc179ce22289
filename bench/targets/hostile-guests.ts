/**
 * Worker thread of the abuse benchmark: hammers the server as guests (workerData: the options
 * below) until the parent posts 'stop', then posts back what they were answered. A thread of its
 * own, so that the attack's event loop is not the timed client's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { hammerAsGuests } from '../../packages/server/test/support/hostile-guests.js';

const { api, siteKey, origin, guests } = workerData as {
  api: string;
  siteKey: string;
  origin: string;
  guests: number;
};
const stop = new AbortController();
parentPort!.once('message', () => stop.abort());

const report = await hammerAsGuests({
  api,
  siteKey,
  origin,
  guests,
  addressOf: (guest) => `203.0.113.${(guest % 250) + 1}`,
  signal: stop.signal,
});
parentPort!.postMessage(report);
