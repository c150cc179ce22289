import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { constants, setPriority } from 'node:os';
import type { HostileGuestsReport } from '../../packages/server/test/support/hostile-guests.js';
import { cpuSeconds, cpuSecondsOfAll } from '../lib/cpu.js';
import { ROOT, type Child } from '../lib/processes.js';
import {
  createSessions,
  freshDatabase,
  startFakeUpstream,
  startRepruv,
  tokenFor,
} from '../lib/stack.js';
import { percentile, spread, type Spread } from '../lib/stats.js';
import { timeStream } from '../lib/stream-timing.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
// The goal's p99 is of every send of a kind, all rounds pooled (240 each: the third-worst); a
// round's own p99 is of 60, its worst but one, and is shown for the spread.
const SENDS_PER_BLOCK = Number(process.env.BENCH_ABUSE_SENDS ?? 60);
const GUESTS = 50;
const PAUSE_BETWEEN_SENDS_MS = 600;
const ORIGIN = 'https://bench.example';

export interface AbuseResult {
  quietP50: Spread;
  quietP99: Spread;
  attackedP50: Spread;
  attackedP99: Spread;
  /** attacked p99 / quiet p99, per round. */
  p99Ratio: Spread;
  /** Every round's sends pooled, quiet and attacked: the p99 of each, and their ratio. */
  pooled: { quietP99: number; attackedP99: number; p99Ratio: number; sends: number };
  guestRequestsPerSecond: number;
  refusedShare: number;
  /** Cores busy while attacked (of the machine's), by who: what the server had to work with. */
  coresUnderAttack: {
    server: number;
    upstream: number;
    guests: number;
    timedClient: number;
    postgres: number;
  };
}

/**
 * A signed-in user's time to first token, quiet and while 50 guests hammer the same server (mint
 * floods, sessions, sends and re-attaches, never waiting for Retry-After). Blocks alternate, quiet
 * then attacked, round after round, so the machine's noise falls on both.
 */
export async function benchAbuse(): Promise<AbuseResult> {
  const children: Child[] = [];
  try {
    const upstream = await startFakeUpstream(200, 20);
    children.push(upstream.child);
    const databaseUrl = await freshDatabase('repruv_bench_abuse');
    // The limits as shipped (the other rows lift them), behind one proxy so that each guest has an
    // address of its own; connections are the proxy's to cap there.
    const repruv = await startRepruv(upstream.url, databaseUrl, {
      TRUST_PROXY: '1',
      RATE_LIMIT_MESSAGES_PER_MINUTE: '120',
      STREAMS_PER_USER: '4',
      SESSIONS_PER_USER_PER_HOUR: '60',
      CONNECTIONS_PER_IP: '0',
      // The timed user's 1,000-odd sends in a long run would spend the shipped 200,000 tokens a
      // day; a limit this high is still checked on every send, as the shipped one is.
      BUDGET_USER_TOKENS_PER_DAY: '100000000',
    });
    children.push(repruv.child);
    const siteKey = addSite(databaseUrl);

    const token = await tokenFor('bench-signed-in');
    // One conversation per block, as a user keeps chatting (sessions an hour are capped too).
    const sessions = await createSessions(repruv.url, token, ROUNDS * 2 + 1);
    let block = 0;
    const firstToken = async () => {
      // A person chatting, if a quick one: the user's own 120 sends a minute are never reached.
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_SENDS_MS));
      const start = performance.now();
      const response = await fetch(`${repruv.url}/api/v1/chat/messages?stream=true`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ session_id: sessions[block], content: 'Give me ideas' }),
      });
      if (response.status !== 200) {
        throw new Error(`signed-in send answered ${response.status}: ${await response.text()}`);
      }
      return (await timeStream(start, response, (chunk) => chunk.includes('message.delta')))
        .firstTextMs;
    };
    for (let i = 0; i < 5; i++) await firstToken(); // warm-up
    block++;

    const quiet = { p50: [] as number[], p99: [] as number[], all: [] as number[] };
    const attacked = { p50: [] as number[], p99: [] as number[], all: [] as number[] };
    let guestRequests = 0;
    let refused = 0;
    let attackSeconds = 0;
    const busy = { server: 0, upstream: 0, guests: 0, timedClient: 0, postgres: 0 };
    const upstreamPid = upstream.child.process.pid!;
    const serverPid = repruv.child.process.pid!;
    const ownCpu = () => {
      const { user, system } = process.cpuUsage(); // this process: the timed client
      return (user + system) / 1e6;
    };
    for (let round = 0; round < ROUNDS; round++) {
      const calm: number[] = [];
      for (let i = 0; i < SENDS_PER_BLOCK; i++) calm.push(await firstToken());
      block++;
      quiet.p50.push(percentile(calm, 50));
      quiet.p99.push(percentile(calm, 99));
      quiet.all.push(...calm);

      const attackStart = performance.now();
      const cpuBefore = [
        cpuSeconds(serverPid),
        ownCpu(),
        cpuSecondsOfAll('postgres'),
        cpuSeconds(upstreamPid),
      ];
      const guests = await startGuests({
        api: `${repruv.url}/api/v1`,
        siteKey,
        origin: ORIGIN,
        guests: GUESTS,
      });
      await new Promise((resolve) => setTimeout(resolve, 1000)); // let the flood build up
      const underAttack: number[] = [];
      for (let i = 0; i < SENDS_PER_BLOCK; i++) underAttack.push(await firstToken());
      busy.guests += cpuSeconds(guests.process.pid!);
      const report = await guests.stop();
      busy.server += cpuSeconds(serverPid) - cpuBefore[0]!;
      busy.timedClient += ownCpu() - cpuBefore[1]!;
      busy.postgres += cpuSecondsOfAll('postgres') - cpuBefore[2]!;
      busy.upstream += cpuSeconds(upstreamPid) - cpuBefore[3]!;
      attackSeconds += (performance.now() - attackStart) / 1000;
      block++;
      attacked.p50.push(percentile(underAttack, 50));
      attacked.p99.push(percentile(underAttack, 99));
      attacked.all.push(...underAttack);
      guestRequests += report.requests;
      refused += Object.entries(report.answers)
        .filter(([key]) => / (4\d\d|5\d\d) /.test(`${key} `))
        .reduce((sum, [, n]) => sum + n, 0);
    }
    return {
      quietP50: spread(quiet.p50),
      quietP99: spread(quiet.p99),
      attackedP50: spread(attacked.p50),
      attackedP99: spread(attacked.p99),
      p99Ratio: spread(attacked.p99.map((value, i) => value / quiet.p99[i]!)),
      pooled: {
        quietP99: percentile(quiet.all, 99),
        attackedP99: percentile(attacked.all, 99),
        p99Ratio: percentile(attacked.all, 99) / percentile(quiet.all, 99),
        sends: quiet.all.length,
      },
      guestRequestsPerSecond: guestRequests / attackSeconds,
      refusedShare: guestRequests > 0 ? refused / guestRequests : 0,
      coresUnderAttack: {
        server: busy.server / attackSeconds,
        upstream: busy.upstream / attackSeconds,
        guests: busy.guests / attackSeconds,
        timedClient: busy.timedClient / attackSeconds,
        postgres: busy.postgres / attackSeconds,
      },
    };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

/**
 * The attacker's process (bench/targets/hostile-guests.ts), once it runs, at the lowest CPU
 * priority: it takes what the machine has left, as a machine of its own would.
 */
async function startGuests(options: object): Promise<{
  process: ChildProcess;
  stop(): Promise<HostileGuestsReport>;
}> {
  const child = fork(
    new URL('../targets/hostile-guests.ts', import.meta.url),
    [JSON.stringify(options)],
    { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  setPriority(child.pid!, constants.priority.PRIORITY_LOW);
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the guests' process exited (${String(code)})`);
  });
  exited.catch(() => undefined);
  await Promise.race([once(child, 'message'), exited]); // 'started'
  return {
    process: child,
    async stop() {
      const report = once(child, 'message');
      child.send('stop');
      const [answered] = await Promise.race([report, exited]);
      return answered as HostileGuestsReport;
    },
  };
}

/** A site for the guests, registered with the CLI as an operator would; returns its key. */
function addSite(databaseUrl: string): string {
  const output = execFileSync(
    process.execPath,
    ['packages/server/bin/repruv-server.js', 'sites', 'add', '--name', 'bench', '--origin', ORIGIN],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' },
  );
  const key = /pk_live_[0-9a-f]+/.exec(output)?.[0];
  if (!key) throw new Error(`sites add printed no key:\n${output}`);
  return key;
}
