/**
 * The abuse benchmark's attacker, a process of its own: hammers the server as guests (argv[2]: the
 * options below, as JSON) until the parent sends 'stop', then sends back what they were answered.
 * The parent runs it at the lowest CPU priority, as if it were on a machine of its own: on two
 * shared cores the attack's own CPU would otherwise be taken from the server it attacks.
 */
import { hammerAsGuests } from '../../packages/server/test/support/hostile-guests.js';

const { api, siteKey, origin, guests } = JSON.parse(process.argv[2]!) as {
  api: string;
  siteKey: string;
  origin: string;
  guests: number;
};
const stop = new AbortController();
process.once('message', () => stop.abort());
// A bench that failed mid-block never says stop: without its parent, the attack ends too.
process.once('disconnect', () => process.exit(1));
process.send!('started');

const report = await hammerAsGuests({
  api,
  siteKey,
  origin,
  guests,
  addressOf: (guest) => `203.0.113.${(guest % 250) + 1}`,
  signal: stop.signal,
});
process.send!(report, () => process.exit(0));
