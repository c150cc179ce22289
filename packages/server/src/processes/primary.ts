import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:net';
import type { Logger } from '../observability/logger.js';

const RESTART_DELAY_MS = 1000;

/**
 * The primary of WEB_CONCURRENCY server processes (node:cluster; they accept on one port, which
 * the primary hands round). The first starts alone, so that migrations and first-start work run
 * once before the others; a process that dies later is replaced; one that dies before it ever
 * listened (a setting, a busy port) stops them all, with its exit code. SIGTERM and SIGINT pass to
 * every process, each draining its own replies, and the primary exits once they all have.
 * PORT=0 is chosen here, once: processes that each listened on port 0 would get a port apiece.
 */
export async function runPrimary(
  count: number,
  logger: Logger,
  address: { port: number; host: string | undefined },
): Promise<number> {
  const port = address.port || (await unusedPort(address.host));
  let stopping = false;
  let failure = 0;
  const workers = new Set<Worker>();

  return new Promise((resolve) => {
    const stopAll = (exitCode: number) => {
      failure ||= exitCode;
      stopping = true;
      for (const worker of workers) worker.process.kill('SIGTERM');
      if (workers.size === 0) resolve(failure);
    };

    const start = (): Promise<void> =>
      new Promise((listening) => {
        const worker = cluster.fork({ PORT: String(port) });
        let listened = false;
        workers.add(worker);
        worker.once('listening', () => {
          listened = true;
          listening();
        });
        worker.once('exit', (code, signal) => {
          workers.delete(worker);
          if (stopping) {
            if (code) failure ||= code;
            if (workers.size === 0) resolve(failure);
            return;
          }
          if (!listened) {
            stopAll(code || 1);
            return;
          }
          logger.error(
            { pid: worker.process.pid, code, signal },
            'a server process exited; starting another',
          );
          setTimeout(() => {
            if (!stopping) void start();
          }, RESTART_DELAY_MS).unref();
        });
      });

    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (!stopping) logger.info({ signal, processes: workers.size }, 'stopping every process');
        stopAll(0);
      });
    }

    void start().then(async () => {
      for (let i = 1; i < count && !stopping; i++) await start();
      if (!stopping) logger.info({ processes: count }, `${count} server processes share the port`);
    });
  });
}

function unusedPort(host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
