/**
 * The floor: a bare HTTP pass-through to the upstream, with no auth, storage or parsing.
 * usage: passthrough-proxy.ts <port> <upstream url>
 */
import { createServer, request } from 'node:http';

const [port, upstream] = [Number(process.argv[2]), new URL(process.argv[3]!)];

createServer((req, res) => {
  const forward = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: req.url,
      method: req.method,
      headers: req.headers,
    },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  forward.on('error', () => res.destroy());
  req.pipe(forward);
}).listen(port, '127.0.0.1', () => console.log(`passthrough listening on ${port}`));
