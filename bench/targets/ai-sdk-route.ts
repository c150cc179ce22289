/**
 * The peer a developer would otherwise pick: a minimal Vercel AI SDK `streamText` route with
 * `@ai-sdk/anthropic`, on the same upstream. usage: ai-sdk-route.ts <port> <upstream url>
 */
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { createAnthropic } from '@ai-sdk/anthropic';
import { streamText } from 'ai';

const [port, upstream] = [Number(process.argv[2]), process.argv[3]!];
const anthropic = createAnthropic({ baseURL: `${upstream}/v1`, apiKey: 'bench' });

createServer(async (req, res) => {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  const { content } = JSON.parse(raw) as { content: string };
  const result = streamText({
    model: anthropic('claude-sonnet-5-5'),
    temperature: 0.7,
    maxOutputTokens: 1024,
    messages: [{ role: 'user', content }],
  });
  const response = result.toTextStreamResponse();
  res.writeHead(response.status, Object.fromEntries(response.headers));
  Readable.fromWeb(response.body! as never).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`ai-sdk route listening on ${port}`));
