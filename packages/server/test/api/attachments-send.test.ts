import { describe, expect, test } from 'vitest';
import sharp from 'sharp';
import { MISSING_ID, createSession, expectError, expectMessage } from '../support/contract.js';
import { attachmentRows, uploaded } from '../support/attachment-api.js';
import { pdf, png, solidImage } from '../support/attachment-files.js';
import { fileTokensOf } from '../support/fake-claude.js';
import { collectSse, readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';
import { regenerate } from '../support/tree-api.js';

const t = useTestServer({ CHAT_CONTEXT_ATTACHMENTS: '3' });

const send = (json: unknown, as = 'alice', stream = false) =>
  t.request(`/chat/messages${stream ? '?stream=true' : ''}`, { method: 'POST', json, as });

/** The content of the last message of Claude's latest request. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const lastPrompt = (): any => t.claude.requests.at(-1)!.body.messages.at(-1).content;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const kindsOf = (content: any[]) => content.map((block) => block.type);

describe('sending attachments to Claude', () => {
  test('an image and a PDF reach Claude as image and document blocks before the text, the bytes as stored', async () => {
    const session = await createSession(t);
    const image = await uploaded(t, await png(2000, 1000), { name: 'thumb.png' });
    const document = await uploaded(t, await pdf(2), { name: 'kit.pdf' });
    const response = await send({
      session_id: session.id,
      content: 'Why no clicks?',
      attachment_ids: [image.id, document.id],
    });
    const body = await readJson(response);
    expect(response.status, JSON.stringify(body)).toBe(201);
    expectMessage(body.user_message);
    expect(body.user_message.attachments.map((a: { id: string }) => a.id)).toEqual([
      image.id,
      document.id,
    ]);
    expect(body.assistant_message.attachments).toEqual([]);

    const content = lastPrompt();
    expect(kindsOf(content)).toEqual(['image', 'document', 'text']);
    expect(content[0].source).toMatchObject({ type: 'base64', media_type: 'image/png' });
    const sent = Buffer.from(content[0].source.data, 'base64');
    const stored = Buffer.from(
      await (await t.request(`/chat/attachments/${image.id}`)).arrayBuffer(),
    );
    expect(sent.equals(stored)).toBe(true);
    expect((await sharp(sent).metadata()).width).toBe(1568);
    expect(content[1].source).toMatchObject({ type: 'base64', media_type: 'application/pdf' });
    expect(content[2]).toEqual({ type: 'text', text: 'Why no clicks?' });

    const page = await readJson(await t.request(`/chat/messages/${session.id}`));
    expect(page.data[0].attachments).toEqual(body.user_message.attachments);
    const [row] = await attachmentRows(t).where({ id: image.id });
    expect(row).toMatchObject({ message_id: body.user_message.id, session_id: session.id });
  });

  test("usage counts the input tokens Claude reports for the files, in the ledger and the reply's turn", async () => {
    const session = await createSession(t);
    const plain = await readJson(await send({ session_id: session.id, content: 'same words' }));
    const other = await createSession(t);
    const image = await uploaded(t, await png(800, 800));
    const withImage = await readJson(
      await send({ session_id: other.id, content: 'same words', attachment_ids: [image.id] }),
    );
    const fileTokens = fileTokensOf(lastPrompt());
    expect(fileTokens).toBeGreaterThan(100);
    const inputOf = async (reply: { id: string }) =>
      Number(
        (await t.server.db('api_usage_log').where({ message_id: reply.id }).first()).input_tokens,
      );
    expect(
      (await inputOf(withImage.assistant_message)) - (await inputOf(plain.assistant_message)),
    ).toBe(fileTokens);
  });

  test('with files, the text may be empty or left out; without, it may not', async () => {
    const session = await createSession(t);
    const a = await uploaded(t, await solidImage('png'));
    const empty = await send({ session_id: session.id, content: '', attachment_ids: [a.id] });
    expect(empty.status).toBe(201);
    expect(kindsOf(lastPrompt())).toEqual(['image']);
    const b = await uploaded(t, await solidImage('jpeg'));
    expect((await send({ session_id: session.id, attachment_ids: [b.id] })).status).toBe(201);
    await expectError(
      await send({ session_id: session.id, content: '  ' }),
      400,
      'invalid_request',
    );
    await expectError(await send({ session_id: session.id }), 400, 'invalid_request');
    await expectError(
      await send({ session_id: session.id, content: '', attachment_ids: [] }),
      400,
      'invalid_request',
    );
  });

  test('the stream carries the prompt with its files, and so does a re-attach', async () => {
    const session = await createSession(t);
    const a = await uploaded(t, await solidImage('webp'));
    const events = await collectSse(
      await send({ session_id: session.id, content: 'hi', attachment_ids: [a.id] }, 'alice', true),
    );
    const created = events.find((e) => e.event === 'message.created')!.data as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(created.user_message.attachments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const again = await collectSse(
      await t.request(`/chat/messages/${created.assistant_message.id}/stream`),
    );
    const replayed = again.find((e) => e.event === 'message.created')!.data as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(replayed.user_message.attachments).toEqual(created.user_message.attachments);
  });

  test('later turns send the newest files again (CHAT_CONTEXT_ATTACHMENTS) and name older ones; a regenerate keeps them', async () => {
    const session = await createSession(t);
    const files = [];
    for (const format of ['png', 'jpeg', 'gif', 'webp'] as const)
      files.push(await uploaded(t, await solidImage(format), { name: `${format}-file` }));
    await send({
      session_id: session.id,
      content: 'first two',
      attachment_ids: [files[0].id, files[1].id],
    });
    await send({
      session_id: session.id,
      content: 'next two',
      attachment_ids: [files[2].id, files[3].id],
    });
    const reply = (await readJson(await send({ session_id: session.id, content: 'and now?' })))
      .assistant_message;
    const messages = t.claude.requests.at(-1)!.body.messages;
    // Of four files, the newest three are sent again; the oldest is only named.
    expect(kindsOf(messages[0].content)).toEqual(['text', 'image', 'text']);
    expect(messages[0].content[0]).toEqual({
      type: 'text',
      text: '[earlier attachment: png-file]',
    });
    expect(kindsOf(messages[2].content)).toEqual(['image', 'image', 'text']);
    expect(messages.at(-1).content).toBe('and now?');

    const promptWithFiles = (
      await readJson(
        await send({
          session_id: session.id,
          content: 'look',
          attachment_ids: [(await uploaded(t, await solidImage('png'))).id],
        }),
      )
    ).assistant_message;
    expect(reply.id).not.toBe(promptWithFiles.id);
    const again = await regenerate(t, promptWithFiles.id);
    expect(again.user_message.attachments).toHaveLength(1);
    expect(kindsOf(lastPrompt())).toEqual(['image', 'text']);
  });

  test('attachment ids that are not yours, missing, used, repeated or too many are 400 and store nothing', async () => {
    const session = await createSession(t);
    const count = async () =>
      (await t.server.db('ai_chat_messages').where({ session_id: session.id })).length;
    const theirs = await uploaded(t, await solidImage('png'), { as: 'mallory' });
    const mine = await uploaded(t, await solidImage('png'));
    const used = await uploaded(t, await solidImage('png'));
    expect(
      (await send({ session_id: session.id, content: 'x', attachment_ids: [used.id] })).status,
    ).toBe(201);
    const before = await count();
    const requestsBefore = t.claude.requests.length;
    for (const ids of [
      [theirs.id],
      [MISSING_ID],
      [used.id],
      [mine.id, mine.id],
      Array.from({ length: 11 }, () => mine.id),
      ['not-a-uuid'],
    ]) {
      const body = await expectError(
        await send({ session_id: session.id, content: 'x', attachment_ids: ids }),
        400,
        'invalid_request',
      );
      expect(JSON.stringify(body.error)).toMatch(/attachment/);
    }
    await expectError(
      await send({ session_id: session.id, content: 'x', attachment_ids: 'abc' }),
      400,
      'invalid_request',
    );
    expect(await count()).toBe(before);
    expect(t.claude.requests.length).toBe(requestsBefore);
    // Still unsent, so still usable.
    expect(
      (await send({ session_id: session.id, content: 'x', attachment_ids: [mine.id] })).status,
    ).toBe(201);
    const [theirRow] = await attachmentRows(t).where({ id: theirs.id });
    expect(theirRow.message_id).toBeNull();
  });

  test('two sends racing for one file: one gets it, the other is refused and stores nothing', async () => {
    const [first, second] = [await createSession(t), await createSession(t)];
    const file = await uploaded(t, await solidImage('png'));
    const answers = await Promise.all([
      send({ session_id: first.id, content: 'a', attachment_ids: [file.id] }),
      send({ session_id: second.id, content: 'b', attachment_ids: [file.id] }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 400]);
    const stored = await t.server
      .db('ai_chat_messages')
      .whereIn('session_id', [first.id, second.id]);
    expect(stored).toHaveLength(2); // one pair
  });

  test('a repeated client_message_id returns the stored pair with its files, not a 400 for a used file', async () => {
    const session = await createSession(t);
    const file = await uploaded(t, await solidImage('png'));
    const json = {
      session_id: session.id,
      content: 'once',
      attachment_ids: [file.id],
      client_message_id: 'k-1',
    };
    const first = await readJson(await send(json));
    const again = await send(json);
    expect(again.status).toBe(201);
    const repeated = await readJson(again);
    expect(repeated.user_message.id).toBe(first.user_message.id);
    expect(repeated.user_message.attachments.map((a: { id: string }) => a.id)).toEqual([file.id]);
  });
});
