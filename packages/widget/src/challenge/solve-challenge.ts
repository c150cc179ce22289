import { solveChallenge as solveHere, type Challenge } from '@repruv/client-sdk/challenge';

type WorkerAnswer = { solution: string } | { error: string };

/*
 * The worker's whole script. The SDK's solver is self-contained (no imports, no module-level
 * bindings), so its source text, minified or not, is a complete function.
 */
const workerScript = () => `const solve = ${String(solveHere)};
onmessage = (event) => solve(event.data).then(
  (solution) => postMessage({ solution }),
  (error) => postMessage({ error: String(error) }),
);`;

/**
 * Solves the server's proof-of-work challenge without blocking the page: in a Web Worker
 * started from a Blob URL (a worker script must be same-origin with the page, and the panel is
 * served from another origin), or, where the page's CSP allows no `blob:` workers, on the
 * page's own thread with the SDK's solver, which yields to the event loop between slices.
 */
export async function solveChallenge(
  challenge: Challenge,
  { signal }: { signal?: AbortSignal } = {},
): Promise<string> {
  const worker = startWorker();
  if (worker) {
    try {
      return await solveInWorker(worker, challenge, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      // The worker did not start: Chromium blocks a blob: worker the CSP forbids this way.
    }
  }
  return solveHere(challenge, signal ? { signal } : {});
}

interface StartedWorker {
  worker: Worker;
  url: string;
}

function startWorker(): StartedWorker | null {
  if (typeof Worker !== 'function') return null;
  const url = URL.createObjectURL(new Blob([workerScript()], { type: 'text/javascript' }));
  try {
    return { worker: new Worker(url), url };
  } catch {
    // Some browsers throw here for a CSP without blob: in worker-src.
    URL.revokeObjectURL(url);
    return null;
  }
}

function solveInWorker(
  { worker, url }: StartedWorker,
  challenge: Challenge,
  signal: AbortSignal | undefined,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const finish = () => {
      worker.terminate();
      URL.revokeObjectURL(url);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(signal?.reason);
    };
    worker.onmessage = ({ data }: MessageEvent<WorkerAnswer>) => {
      finish();
      if ('solution' in data) resolve(data.solution);
      else reject(new Error(data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(new Error(event.message || 'the challenge worker did not start'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    worker.postMessage(challenge);
  });
}
