import { readFileSync } from 'node:fs';

/** A process's resident memory now (VmRSS) and the most it has held (VmHWM), in KB. */
export function memoryKb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1]);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** Runs `work` while sampling the process's RSS every `everyMs`: its result, and RSS before and at peak. */
export async function rssDuring<T>(
  pid: number,
  everyMs: number,
  work: () => Promise<T>,
): Promise<{ result: T; beforeKb: number; peakKb: number }> {
  const beforeKb = memoryKb(pid).rss;
  let peakKb = beforeKb;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, memoryKb(pid).rss);
  }, everyMs);
  try {
    const result = await work();
    return { result, beforeKb, peakKb };
  } finally {
    clearInterval(sampler);
  }
}
