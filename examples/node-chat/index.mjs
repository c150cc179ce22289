// A terminal chat with the Repruv assistant: replies stream in as they are written.
// Ctrl+C stops the reply being written; Ctrl+C twice while idle quits.
import { createInterface } from 'node:readline';
import { AbortError, RepruvClient, RepruvError } from '@repruv/client-sdk';

const baseUrl = process.env.REPRUV_URL ?? 'http://localhost:3000';
const client = process.env.REPRUV_TOKEN
  ? new RepruvClient({ baseUrl, token: process.env.REPRUV_TOKEN })
  : RepruvClient.guest({
      baseUrl,
      siteKey: process.env.REPRUV_SITE_KEY ?? 'pk_dev',
      // Guest tokens are issued only to allowed origins; a browser sends Origin by itself.
      headers: { Origin: process.env.REPRUV_ORIGIN ?? 'http://localhost:3000' },
    });

const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
let session = null;
let reply = null; // the ChatStream being written, if any
let quitArmed = false;

const commands = {
  async '/new'() {
    session = await client.sessions.create();
    console.log(`New session ${session.id}`);
  },
  async '/history'() {
    let count = 0;
    for await (const s of client.sessions.list({ limit: 20 })) {
      const current = s.id === session?.id ? '*' : ' ';
      console.log(
        `${current} ${s.title.padEnd(30)} ${String(s.message_count).padStart(4)} msgs  ${s.id}`,
      );
      if (++count === 20) break;
    }
    if (!count) console.log('No sessions yet.');
  },
  async '/quit'() {
    quit();
  },
};

async function ask(content) {
  session ??= await client.sessions.create();
  reply = client.messages.stream({ sessionId: session.id, content });
  process.stdout.write('assistant> ');
  try {
    for await (const event of reply) {
      if (event.type === 'delta') process.stdout.write(event.text);
    }
    process.stdout.write('\n');
  } catch (err) {
    if (err instanceof AbortError) process.stdout.write(' [stopped]\n');
    else throw err;
  } finally {
    reply = null;
  }
}

async function handle(line) {
  const text = line.trim();
  if (!text) return;
  const command = commands[text];
  if (command) return command();
  if (text.startsWith('/')) return console.log('Commands: /new, /history, /quit');
  return ask(text);
}

function quit() {
  rl.close();
  process.exit(0);
}

rl.on('SIGINT', () => {
  if (reply) return reply.abort();
  if (quitArmed) return quit();
  quitArmed = true;
  process.stdout.write('\n(Ctrl+C again to quit)\n');
  rl.prompt();
});

console.log(
  `Repruv chat at ${baseUrl}. Type a message; /new, /history, /quit. Ctrl+C stops a reply.`,
);
rl.prompt();

// One line at a time, in order: lines that arrive while a reply streams (a pipe sends them
// all at once) wait their turn, and the end of input waits for the last reply.
for await (const line of rl) {
  quitArmed = false;
  try {
    await handle(line);
  } catch (err) {
    const detail =
      err instanceof RepruvError ? ` (${err.code}${err.status ? ` ${err.status}` : ''})` : '';
    console.error(`\nError: ${err.message}${detail}`);
  }
  rl.prompt();
}
process.exit(0);
