import type { Server } from 'node:net';

/**
 * At most `perAddress` open connections from one socket address; the excess is destroyed as it
 * arrives, unanswered, so that it holds a file descriptor for no longer than the accept. The
 * address is the TCP peer's: behind a proxy that is the proxy's, so there the cap must be raised
 * (or set to 0, off) and the proxy should cap each client instead.
 */
export function capConnectionsPerAddress(server: Server, perAddress: number): void {
  if (perAddress <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress;
    if (address === undefined) return; // already gone
    const count = open.get(address) ?? 0;
    if (count >= perAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
