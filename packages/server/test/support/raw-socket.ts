import { connect, type Socket } from 'node:net';

/**
 * Plain TCP clients for what fetch cannot do: hold idle connections, bind another local address
 * (127.0.0.2 is loopback too, on Linux), or send a request a byte at a time.
 */
export interface RawClient {
  socket: Socket;
  /** Everything the server sent so far. */
  readonly received: string;
  /** Resolves when the connection is closed (by either side). */
  readonly closed: Promise<void>;
  readonly isClosed: boolean;
}

export function openRaw(url: string, localAddress = '127.0.0.1'): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    let received = '';
    let isClosed = false;
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => (received += text));
    socket.on('error', () => undefined); // a reset shows as the close
    const closed = new Promise<void>((done) =>
      socket.once('close', () => {
        isClosed = true;
        done();
      }),
    );
    socket.once('connect', () =>
      resolve({
        socket,
        closed,
        get received() {
          return received;
        },
        get isClosed() {
          return isClosed;
        },
      }),
    );
    socket.once('error', reject);
  });
}

/** Writes `text` one character every `everyMs` until it is all out or the server closes. */
export async function dribble(client: RawClient, text: string, everyMs: number): Promise<number> {
  let sent = 0;
  while (sent < text.length && !client.isClosed) {
    client.socket.write(text[sent]!);
    sent += 1;
    await Promise.race([client.closed, new Promise((resolve) => setTimeout(resolve, everyMs))]);
  }
  return sent;
}

/** One request with `Connection: close`, the whole response as text. */
export async function rawRequest(client: RawClient, head: string, body = ''): Promise<string> {
  client.socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`);
  await client.closed;
  return client.received;
}

export function statusOf(response: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(response);
  return match ? Number(match[1]) : undefined;
}

/** The JSON body of a complete raw response. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function jsonOf(response: string): any {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
}
