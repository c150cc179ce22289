import { readFileSync } from 'node:fs';

/** A process's resident memory now (VmRSS) and the most it has held (VmHWM), in KB. */
export function memoryKb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1]);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}
