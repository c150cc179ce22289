/**
 * Finding and keeping conversations through the SDK, against the real server (Claude faked at
 * its HTTP boundary, echoing "You said: …"): the session list's filters, search paged by
 * `for await`, a hit on a branch not shown, and exports read as a Node stream or a File.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AbortError,
  InvalidRequestError,
  NotFoundError,
  type RepruvClient,
  type SessionDownload,
  type SessionExport,
} from '../../src/index.js';
import { clientFor, rejectionOf, useTestServer } from './support.js';

const t = useTestServer({
  SEARCHES_PER_USER_PER_MINUTE: '1000',
  EXPORTS_PER_USER_PER_MINUTE: '1000',
});

const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** A session titled `title` with one exchange: `content`, answered "You said: <content>". */
async function conversation(client: RepruvClient, title: string, content: string) {
  const session = await client.sessions.create({ title });
  const sent = await client.messages.send({ sessionId: session.id, content });
  return { session, sent };
}

describe('sessions.list with status and mode', () => {
  it('pages through only the sessions of that status and mode, keeping the filters', async () => {
    const client = clientFor(t, 'list-filters');
    const create = (mode: string) => client.sessions.create({ title: mode, mode });
    const activeIdeas = [await create('ideas'), await create('ideas'), await create('ideas')];
    const archivedIdeas = [await create('ideas'), await create('ideas')];
    for (const session of archivedIdeas) {
      await client.sessions.update(session.id, { status: 'archived' });
    }
    const general = await create('general');

    const first = await client.sessions.list({ mode: 'ideas', status: 'active', limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(ids([...first.data, ...second.data])).toEqual(ids(activeIdeas));
    expect(second.next_cursor).toBeNull();

    const iterated = await all(client.sessions.list({ mode: 'ideas', status: 'active', limit: 2 }));
    expect(ids(iterated)).toEqual(ids(activeIdeas));
    expect(ids(await all(client.sessions.list({ status: 'archived', limit: 1 })))).toEqual(
      ids(archivedIdeas),
    );
    expect(ids(await all(client.sessions.list({ mode: 'general' })))).toEqual([general.id]);
    expect(await all(client.sessions.list({ mode: 'general', status: 'archived' }))).toEqual([]);
    expect(await all(client.sessions.list({ limit: 4 }))).toHaveLength(6);
  });

  it('an unknown status is the server’s InvalidRequestError', async () => {
    const client = clientFor(t, 'list-filters-bad');
    const bad = { status: 'deleted' } as unknown as { status: 'active' };
    expect(await rejectionOf(client.sessions.list(bad))).toBeInstanceOf(InvalidRequestError);
  });
});

describe('client.search', () => {
  it('awaited gives one page; iterated gives every hit across pages, one per session', async () => {
    const client = clientFor(t, 'search-pages');
    const matching = [];
    for (let i = 0; i < 5; i++) {
      matching.push((await conversation(client, `Chat ${i}`, `the zebracorn number ${i}`)).session);
    }
    await conversation(client, 'Other', 'nothing to see here');

    const page = await client.search({ q: 'zebracorn', limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.next_cursor).toEqual(expect.any(String));

    const hits = await all(client.search({ q: 'zebracorn', limit: 2 }));
    expect(ids(hits.map((hit) => hit.session))).toEqual(ids(matching));
    for (const hit of hits) {
      expect(hit.message?.content).toMatch(/zebracorn/);
      const [start, end] = hit.highlights[0]!;
      expect(Array.from(hit.snippet).slice(start, end).join('').toLowerCase()).toBe('zebracorn');
    }
    // Another user finds none of them.
    expect(await all(clientFor(t, 'search-stranger').search({ q: 'zebracorn' }))).toEqual([]);
  });

  it('takes from and to as Dates or ISO strings, and mode and status as filters', async () => {
    const client = clientFor(t, 'search-filters');
    const before = new Date();
    const { session } = await conversation(client, 'Dated', 'the okapi came by');
    const after = new Date(Date.now() + 60_000);

    const hits = await all(client.search({ q: 'okapi', from: before, to: after.toISOString() }));
    expect(hits.map((hit) => hit.session.id)).toEqual([session.id]);
    expect(await all(client.search({ q: 'okapi', to: before }))).toEqual([]);
    expect(await all(client.search({ q: 'okapi', from: after }))).toEqual([]);
    expect(
      await all(client.search({ q: 'okapi', mode: 'general', status: 'active' })),
    ).toHaveLength(1);
    expect(await all(client.search({ q: 'okapi', status: 'archived' }))).toEqual([]);
    expect(
      await rejectionOf(client.search({ q: 'okapi', from: after, to: before })),
    ).toBeInstanceOf(InvalidRequestError);
  });

  it('finds a message on a branch not shown; its id opens that branch as `leaf`', async () => {
    const client = clientFor(t, 'search-branch');
    const { session } = await conversation(client, 'Branches', 'about the quokka');
    // Editing the first message: a new first message, and the branch shown is now that one.
    await client.messages.send({ sessionId: session.id, content: 'about apples', parentId: null });
    const shown = await all(client.messages.list(session.id));
    expect(shown.map((m) => m.content).join(' ')).not.toMatch(/quokka/);

    const [hit, ...rest] = await all(client.search({ q: 'quokka' }));
    expect(rest).toEqual([]);
    expect(hit!.session.id).toBe(session.id);
    expect(hit!.message!.content).toMatch(/quokka/);
    const branch = await all(client.messages.list(session.id, { leaf: hit!.message!.id }));
    expect(branch.map((m) => m.id)).toContain(hit!.message!.id);
    expect(branch.map((m) => m.content)).toContain('about the quokka');
  });

  it('a query over 200 characters is the server’s InvalidRequestError', async () => {
    const client = clientFor(t, 'search-hostile');
    const error = await rejectionOf(client.search({ q: 'a'.repeat(201) }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
    await expect(client.search({ q: 'a'.repeat(200) })).resolves.toMatchObject({ data: [] });
  });
});

describe('sessions.export', () => {
  const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

  it('outside a browser resolves the body as a stream: md by default', async () => {
    const client = clientFor(t, 'export-md');
    const { session } = await conversation(client, 'Launch ideas', 'a **bold** plan');
    const stream = await client.sessions.export(session.id);
    expectTypeOf(stream).toEqualTypeOf<File | ReadableStream<Uint8Array>>();
    expect(stream).toBeInstanceOf(ReadableStream);
    const markdown = await text(stream as ReadableStream<Uint8Array>);
    expect(markdown).toMatch(/Launch ideas/);
    expect(markdown).toMatch(/a \*\*bold\*\* plan/);
    expect(markdown).toMatch(/You said: a \*\*bold\*\* plan/);
  });

  it("as: 'stream' gives the server's file name (filename* when not ASCII) and type", async () => {
    const client = clientFor(t, 'export-named');
    const { session } = await conversation(client, 'Café plan 😀', 'hello');
    const download = await client.sessions.export(session.id, { format: 'txt', as: 'stream' });
    expectTypeOf(download).toEqualTypeOf<SessionDownload>();
    expect(download.filename).toBe('Café plan 😀.txt');
    expect(download.contentType).toMatch(/^text\/plain/);
    expect(await text(download.stream)).toMatch(/You said: hello/);
  });

  it('json, current branch or all branches, parses as a SessionExport', async () => {
    const client = clientFor(t, 'export-json');
    const { session, sent } = await conversation(client, 'Tree', 'first');
    await client.messages.send({ sessionId: session.id, content: 'second', parentId: null });

    const current = await client.sessions.export(session.id, { format: 'json', as: 'stream' });
    expect(current).toMatchObject({ filename: 'Tree.json' });
    expect(current.contentType).toMatch(/^application\/json/);
    const shown = JSON.parse(await text(current.stream)) as SessionExport;
    expect(shown).toMatchObject({ format: 'repruv.conversation.v1', branches: 'current' });
    expect(shown.session.id).toBe(session.id);
    expect(shown.messages.map((m) => m.content)).toEqual(['second', 'You said: second']);

    const tree = await client.sessions.export(session.id, { format: 'json', branches: 'all' });
    const whole = JSON.parse(await text(tree as ReadableStream<Uint8Array>)) as SessionExport;
    expect(whole.branches).toBe('all');
    expect(whole.messages.map((m) => m.id)).toContain(sent.assistant_message.id);
    expect(whole.messages).toHaveLength(4);
  });

  it('pdf: bytes that start with %PDF-; as a File too, where File exists', async () => {
    const client = clientFor(t, 'export-pdf');
    const { session } = await conversation(client, 'Report', 'print me');
    const download = await client.sessions.export(session.id, { format: 'pdf', as: 'stream' });
    expect(download).toMatchObject({ filename: 'Report.pdf', contentType: 'application/pdf' });
    const bytes = new Uint8Array(await new Response(download.stream).arrayBuffer());
    expect(bytes.length).toBeGreaterThan(100);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');

    const file = await client.sessions.export(session.id, { format: 'pdf', as: 'file' });
    expectTypeOf(file).toEqualTypeOf<File>();
    expect(file).toBeInstanceOf(File);
    expect(file).toMatchObject({ name: 'Report.pdf', type: 'application/pdf' });
    expect(new TextDecoder().decode(await file.slice(0, 5).arrayBuffer())).toBe('%PDF-');
  });

  it("maps refusals to typed errors: 404 for an unknown or another user's session, 400", async () => {
    const client = clientFor(t, 'export-errors');
    const { session } = await conversation(client, 'Mine', 'secret');
    const stranger = clientFor(t, 'export-stranger');
    expect(await rejectionOf(stranger.sessions.export(session.id))).toBeInstanceOf(NotFoundError);
    expect(
      await rejectionOf(client.sessions.export('00000000-0000-4000-8000-000000000000')),
    ).toBeInstanceOf(NotFoundError);
    const error = await rejectionOf(
      client.sessions.export(session.id, { format: 'md', branches: 'all' }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
  });

  it('the signal aborts the request, and the body once it is open', async () => {
    const client = clientFor(t, 'export-abort');
    const { session } = await conversation(client, 'Abort', 'stop me');
    const aborted = AbortSignal.abort();
    expect(
      await rejectionOf(client.sessions.export(session.id, { signal: aborted })),
    ).toBeInstanceOf(AbortError);

    const controller = new AbortController();
    const download = await client.sessions.export(session.id, {
      format: 'pdf',
      as: 'stream',
      signal: controller.signal,
    });
    controller.abort();
    await expect(new Response(download.stream).arrayBuffer()).rejects.toThrow();
  });
});
