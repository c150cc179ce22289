/** The console's personas: /admin/personas, and what a session's mode then sends to Claude. */
import { beforeAll, describe, expect, test } from 'vitest';
import { adminFetch, createOperator, signIn, type OperatorSession } from '../support/admin.js';
import { createSession, expectError, MISSING_ID, sendMessage } from '../support/contract.js';
import { requestGuestToken } from '../support/guests.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();
let ops: OperatorSession;

beforeAll(async () => {
  await createOperator(t, 'personas@example.com');
  ops = await signIn(t, 'personas@example.com');
});

async function admin(path: string, init: { method?: string; json?: unknown } = {}) {
  const response = await adminFetch(t, path, { session: ops, ...init });
  return {
    status: response.status,
    body: response.status === 204 ? null : await readJson(response),
  };
}

async function created(json: object) {
  const { status, body } = await admin('/admin/personas', { method: 'POST', json });
  expect(status, JSON.stringify(body)).toBe(201);
  return body;
}

const personaOfMode = async (mode: string) =>
  (await admin('/admin/personas?site_id=global')).body.data.find(
    (p: { mode: string }) => p.mode === mode,
  );

const lastClaudeRequest = () => t.claude.requests.at(-1)!.body;

async function guestOf(siteKey: string, origin: string) {
  const response = await requestGuestToken(t, { site_key: siteKey }, { origin });
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.token as string;
}

describe('the built-in modes are personas', () => {
  test('general, ideas, strategy and writing are listed, global and built in, with their prompts', async () => {
    const { status, body } = await admin('/admin/personas');
    expect(status).toBe(200);
    const builtIn = body.data.filter((p: { built_in: boolean }) => p.built_in);
    expect(builtIn.map((p: { mode: string }) => p.mode)).toEqual([
      'general',
      'ideas',
      'strategy',
      'writing',
    ]);
    for (const persona of builtIn) {
      expect(persona).toMatchObject({
        site_id: null,
        model: null,
        temperature: null,
        max_tokens: null,
        running_experiment_id: null,
      });
      expect(persona.system_prompt).toMatch(/^You are Repruv AI/);
    }
  });

  test('a session of a mode sends its persona’s prompt, model, temperature and max_tokens; an edit applies to the next send', async () => {
    const ideas = await personaOfMode('ideas');
    const session = await createSession(t, 'persona-user', { mode: 'ideas' });
    await sendMessage(t, session.id, 'First', { as: 'persona-user' });
    expect(lastClaudeRequest()).toMatchObject({
      system: ideas.system_prompt,
      temperature: 0.7,
      max_tokens: t.server.config.claude.maxTokens,
    });

    const edited = await admin(`/admin/personas/${ideas.id}`, {
      method: 'PATCH',
      json: {
        system_prompt: 'You brainstorm hooks only.',
        model: 'claude-haiku-4-5',
        temperature: 0.2,
        max_tokens: 300,
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      system_prompt: 'You brainstorm hooks only.',
      temperature: 0.2,
    });
    // The same conversation, remembered by this process for an early start: the edit still wins.
    const second = await sendMessage(t, session.id, 'Second', { as: 'persona-user' });
    expect(lastClaudeRequest()).toMatchObject({
      system: 'You brainstorm hooks only.',
      model: 'claude-haiku-4-5',
      temperature: 0.2,
      max_tokens: 300,
    });
    expect(second.assistant_message.model).toBe('claude-haiku-4-5');
    const [row] = await t.server.db('ai_chat_messages').where({ id: second.assistant_message.id });
    expect(row).toMatchObject({ persona_id: ideas.id, experiment_id: null, variant_id: null });

    // Back to the server's defaults: null clears each.
    await admin(`/admin/personas/${ideas.id}`, {
      method: 'PATCH',
      json: { model: null, temperature: null, max_tokens: null },
    });
    await sendMessage(t, session.id, 'Third', { as: 'persona-user' });
    expect(lastClaudeRequest()).toMatchObject({
      model: t.server.config.claude.model,
      temperature: 0.7,
      max_tokens: t.server.config.claude.maxTokens,
    });
  });

  test('a built-in persona cannot be removed; its mode and scope cannot be changed', async () => {
    const general = await personaOfMode('general');
    const removed = await adminFetch(t, `/admin/personas/${general.id}`, {
      method: 'DELETE',
      session: ops,
    });
    await expectError(removed, 409, 'conflict');
    const renamed = await adminFetch(t, `/admin/personas/${general.id}`, {
      method: 'PATCH',
      session: ops,
      json: { mode: 'other' },
    });
    await expectError(renamed, 400, 'invalid_request');
  });
});

describe('personas of one site', () => {
  test('a site’s own mode is open to its guests only, and its own "general" replaces the global one for them', async () => {
    const origin = 'https://shop.example';
    const site = (
      await admin('/admin/sites', { method: 'POST', json: { name: 'Shop', origins: [origin] } })
    ).body;
    const support = await created({
      site_id: site.id,
      mode: 'support',
      name: 'Support',
      system_prompt: 'You answer questions about the shop’s orders.',
    });
    expect(support).toMatchObject({ site_id: site.id, built_in: false, description: '' });
    await created({
      site_id: site.id,
      mode: 'general',
      name: 'Shop general',
      system_prompt: 'You are the shop’s assistant.',
    });

    const guest = await guestOf(site.site_key, origin);
    const asGuest = (path: string, json: unknown) =>
      fetch(`${t.api}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${guest}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(json),
      });
    const supportSession = await readJson(await asGuest('/chat/sessions', { mode: 'support' }));
    expect(supportSession.mode).toBe('support');
    expect(
      (
        await asGuest('/chat/messages', {
          session_id: supportSession.id,
          content: 'Where is my order?',
        })
      ).status,
    ).toBe(201);
    expect(lastClaudeRequest().system).toBe('You answer questions about the shop’s orders.');

    const generalSession = await readJson(await asGuest('/chat/sessions', {}));
    await asGuest('/chat/messages', {
      session_id: generalSession.id,
      content: 'Hi',
    });
    expect(lastClaudeRequest().system).toBe('You are the shop’s assistant.');

    // Another site's visitor (here: a host's own user) knows no "support" mode.
    const refused = await t.request('/chat/sessions', {
      method: 'POST',
      as: 'not-a-shop-guest',
      json: { mode: 'support' },
    });
    const error = await expectError(refused, 400, 'invalid_request');
    expect(error.error.message).toContain('general, ideas, strategy, writing');
    expect(error.error.message).not.toContain('support');

    // The site's default mode may name its own persona, not another site's.
    expect(
      (
        await admin(`/admin/sites/${site.id}`, {
          method: 'PATCH',
          json: { default_mode: 'support' },
        })
      ).status,
    ).toBe(200);
    const elsewhere = await admin('/admin/sites', {
      method: 'POST',
      json: { name: 'Other', origins: ['https://other.example'], default_mode: 'support' },
    });
    expect(elsewhere.status).toBe(400);

    // Removed: its sessions are answered by the global persona of that mode, or "general".
    expect((await admin(`/admin/personas/${support.id}`, { method: 'DELETE' })).status).toBe(204);
    await asGuest('/chat/messages', {
      session_id: supportSession.id,
      content: 'Still there?',
    });
    expect(lastClaudeRequest().system).toBe('You are the shop’s assistant.');
  });

  test('a mode is unique per site and among the global ones', async () => {
    const taken = await adminFetch(t, '/admin/personas', {
      method: 'POST',
      session: ops,
      json: { mode: 'writing', name: 'Writing again', system_prompt: 'x' },
    });
    await expectError(taken, 409, 'conflict');
    const unknownSite = await adminFetch(t, '/admin/personas', {
      method: 'POST',
      session: ops,
      json: { site_id: MISSING_ID, mode: 'extra', name: 'Extra', system_prompt: 'x' },
    });
    await expectError(unknownSite, 404, 'not_found');
  });
});

describe('hostile and wrong input', () => {
  const valid = { mode: 'podcasts', name: 'Podcasts', system_prompt: 'About podcasts.' };

  test.each([
    ['a wrong type', { ...valid, name: 42 }, 'name'],
    ['an unknown field', { ...valid, built_in: true }, 'body'],
    ['a mode that is no word', { ...valid, mode: 'Drop Table' }, 'mode'],
    ['a temperature over 1', { ...valid, temperature: 2 }, 'temperature'],
    ['max_tokens of 0', { ...valid, max_tokens: 0 }, 'max_tokens'],
    ['a fractional max_tokens', { ...valid, max_tokens: 10.5 }, 'max_tokens'],
    ['a model that is no model id', { ...valid, model: 'gpt-4o; rm -rf' }, 'model'],
    ['an empty prompt', { ...valid, system_prompt: '   ' }, 'system_prompt'],
    [
      'a prompt over 20,000 characters',
      { ...valid, system_prompt: 'x'.repeat(20_001) },
      'system_prompt',
    ],
    ['a site id that is no UUID', { ...valid, site_id: '1 OR 1=1' }, 'site_id'],
  ])('%s is a 400 naming the field', async (_name, json, field) => {
    const response = await adminFetch(t, '/admin/personas', { method: 'POST', session: ops, json });
    const body = await expectError(response, 400, 'invalid_request');
    expect(JSON.stringify(body.error.details)).toContain(field);
  });

  test('a body over the JSON limit is a 413; malformed JSON a 400; nothing is stored', async () => {
    const before = await t.server.db('ai_personas').count({ n: '*' }).first();
    const huge = await adminFetch(t, '/admin/personas', {
      method: 'POST',
      session: ops,
      json: { ...valid, description: 'x'.repeat(2_000_000) },
    });
    expect(huge.status).toBe(413);
    const malformed = await adminFetch(t, '/admin/personas', {
      method: 'POST',
      session: ops,
      headers: { 'Content-Type': 'application/json' },
      body: '{"mode": "x",',
    });
    await expectError(malformed, 400, 'invalid_request');
    expect(await t.server.db('ai_personas').count({ n: '*' }).first()).toEqual(before);
  });

  test('an unknown or malformed id is a 404 or a 400; an empty change a 400', async () => {
    await expectError(
      await adminFetch(t, `/admin/personas/${MISSING_ID}`, { session: ops }),
      404,
      'not_found',
    );
    await expectError(
      await adminFetch(t, '/admin/personas/nope', { session: ops }),
      400,
      'invalid_request',
    );
    const general = await personaOfMode('general');
    const empty = await adminFetch(t, `/admin/personas/${general.id}`, {
      method: 'PATCH',
      session: ops,
      json: {},
    });
    await expectError(empty, 400, 'invalid_request');
    await expectError(
      await adminFetch(t, '/admin/personas?site_id=everyone', { session: ops }),
      400,
      'invalid_request',
    );
  });

  test('no operator, a chat token, a missing CSRF token or another origin opens nothing', async () => {
    await expectError(await adminFetch(t, '/admin/personas'), 401, 'unauthorized');
    const withChatToken = await fetch(`${t.api}/admin/personas`, {
      headers: { Authorization: `Bearer ${await t.tokenFor('alice')}` },
    });
    await expectError(withChatToken, 401, 'unauthorized');
    const noCsrf = await adminFetch(t, '/admin/personas', {
      method: 'POST',
      session: ops,
      headers: { 'X-CSRF-Token': 'wrong' },
      json: valid,
    });
    await expectError(noCsrf, 403, 'forbidden');
    const crossSite = await adminFetch(t, '/admin/personas', {
      method: 'POST',
      session: ops,
      headers: { Origin: 'https://evil.example' },
      json: valid,
    });
    await expectError(crossSite, 403, 'forbidden');
    expect(await t.server.db('ai_personas').where({ mode: 'podcasts' })).toHaveLength(0);
  });

  test('two creates of one mode at once: one is stored, the other is a 409', async () => {
    const json = { mode: 'racing', name: 'Racing', system_prompt: 'Fast.' };
    const statuses = await Promise.all(
      [1, 2, 3].map(
        async () =>
          (await adminFetch(t, '/admin/personas', { method: 'POST', session: ops, json })).status,
      ),
    );
    expect(statuses.sort()).toEqual([201, 409, 409]);
    expect(await t.server.db('ai_personas').where({ mode: 'racing' })).toHaveLength(1);
  });
});
