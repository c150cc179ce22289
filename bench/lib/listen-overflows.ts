import { readFileSync } from 'node:fs';

/**
 * How many connections this machine's kernel has dropped so far because a listening socket's
 * accept queue was full (TcpExt ListenOverflows): a server too busy to accept shows up here first.
 */
export function listenOverflows(): number {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
  const names = lines.find((line) => line.startsWith('TcpExt:'))?.split(' ') ?? [];
  const values = lines.filter((line) => line.startsWith('TcpExt:'))[1]?.split(' ') ?? [];
  const at = names.indexOf('ListenOverflows');
  return at < 0 ? 0 : Number(values[at]);
}
