import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) a process has used so far, from /proc; with `reapedChildren`, also
 * what its children used before they exited (PostgreSQL backends come and go with connections).
 */
export function cpuSeconds(pid: number, reapedChildren = false): number {
  const fields = statFields(pid);
  const own = fields[11]! + fields[12]!;
  return (reapedChildren ? own + fields[13]! + fields[14]! : own) / TICKS_PER_SECOND;
}

/** CPU seconds used so far by every process named `name` (all of PostgreSQL), exited backends included. */
export function cpuSecondsOfAll(name: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name)
        total += cpuSeconds(Number(entry), true);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** CPU seconds used so far by a process and its live children (a node:cluster primary and its workers). */
export function cpuSecondsOfTree(pid: number): number {
  let total = cpuSeconds(pid, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (statFields(Number(entry))[1] === pid) total += cpuSeconds(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** The numeric fields of /proc/<pid>/stat after the command name: state (NaN), ppid, … */
function statFields(pid: number): number[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
}
