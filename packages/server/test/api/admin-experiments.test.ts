/** The console's prompt experiments: /admin/experiments, sticky variants, results, stop and promote. */
import { beforeAll, describe, expect, test } from 'vitest';
import { assignVariant } from '../../src/personas/variant-assignment.js';
import { wilsonInterval } from '../../src/personas/wilson-interval.js';
import { adminFetch, createOperator, signIn, type OperatorSession } from '../support/admin.js';
import { createSession, expectError, MISSING_ID, sendMessage } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';
import { postMessage, regenerate } from '../support/tree-api.js';

const t = useTestServer();
let ops: OperatorSession;

async function admin(path: string, init: { method?: string; json?: unknown } = {}) {
  const response = await adminFetch(t, path, { session: ops, ...init });
  return { status: response.status, body: await readJson(response) };
}

async function newPersona(mode: string) {
  const { status, body } = await admin('/admin/personas', {
    method: 'POST',
    json: { mode, name: mode, system_prompt: `The ${mode} persona’s own prompt.` },
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body;
}

async function startExperiment(personaId: string, weights = [50, 50]) {
  const { status, body } = await admin('/admin/experiments', {
    method: 'POST',
    json: {
      persona_id: personaId,
      name: 'Shorter answers?',
      variants: weights.map((weight, i) => ({
        name: `V${i + 1}`,
        system_prompt: `Prompt ${i + 1}.`,
        weight,
      })),
    },
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body;
}

const rate = async (as: string, messageId: string, rating: 'up' | 'down') => {
  const response = await t.request(`/chat/messages/${messageId}/feedback`, {
    method: 'PUT',
    as,
    json: { rating },
  });
  expect(response.status).toBe(200);
};

/**
 * Users with a session of `mode`, each with the variant the experiment deals them: at least
 * `count` of them, and more until every variant has two (the experiment's id is random, so a
 * fixed number of users could, rarely, all land on one variant).
 */
async function usersByVariant(
  mode: string,
  experiment: { id: string; variants: { id: string; weight: number }[] },
  count: number,
) {
  const users: Array<{ name: string; sessionId: string; variantId: string }> = [];
  const dealt = (variantId: string) => users.filter((user) => user.variantId === variantId).length;
  const everyVariantTwice = () => experiment.variants.every((variant) => dealt(variant.id) >= 2);
  for (let i = 0; users.length < count || !everyVariantTwice(); i++) {
    if (i === 200) throw new Error('200 users and a variant still has fewer than two');
    const name = `${mode}-user-${i}`;
    const session = await createSession(t, name, { mode });
    const [row] = await t.server.db('ai_chat_sessions').where({ id: session.id });
    const variant = assignVariant(experiment.id, row.user_id, experiment.variants);
    users.push({ name, sessionId: session.id, variantId: variant.id });
  }
  return users;
}

beforeAll(async () => {
  await createOperator(t, 'experiments@example.com');
  ops = await signIn(t, 'experiments@example.com');
  t.claude.setDefault({
    kind: 'text',
    chunks: ['Hello', ' there'],
    chunkDelayMs: 0,
    inputTokens: 10,
    outputTokens: 4,
  });
});

describe('an experiment’s variants and results', () => {
  test('each visitor keeps one variant; its prompt is what Claude is sent and what the reply records', async () => {
    const persona = await newPersona('sticky');
    const experiment = await startExperiment(persona.id);
    expect(experiment).toMatchObject({
      status: 'running',
      winner_variant_id: null,
      persona_id: persona.id,
    });
    expect((await admin(`/admin/personas/${persona.id}`)).body.running_experiment_id).toBe(
      experiment.id,
    );
    const users = await usersByVariant('sticky', experiment, 12);
    expect(new Set(users.map((user) => user.variantId)).size).toBe(2);
    for (const user of users.slice(0, 6)) {
      for (const content of ['One', 'Two']) {
        const pair = await sendMessage(t, user.sessionId, content, { as: user.name });
        const variant = experiment.variants.find((v: { id: string }) => v.id === user.variantId);
        expect(t.claude.requests.at(-1)!.body.system).toBe(variant.system_prompt);
        const [row] = await t.server
          .db('ai_chat_messages')
          .where({ id: pair.assistant_message.id });
        expect(row).toMatchObject({
          persona_id: persona.id,
          experiment_id: experiment.id,
          variant_id: user.variantId,
        });
      }
    }
  });

  test('the results per variant match a hand count: sessions, messages, votes and their interval, regenerates, errors, tokens, first token', async () => {
    const persona = await newPersona('counted');
    const experiment = await startExperiment(persona.id);
    const [v1, v2] = experiment.variants;
    const users = await usersByVariant('counted', experiment, 20);
    const [a1, a2] = users.filter((user) => user.variantId === v1.id);
    const [b1] = users.filter((user) => user.variantId === v2.id);
    expect(a1 && a2 && b1).toBeTruthy();

    // V1: two visitors, three replies (2 up, 1 down).
    const a1First = await sendMessage(t, a1!.sessionId, 'Q1', { as: a1!.name });
    const a1Second = await sendMessage(t, a1!.sessionId, 'Q2', { as: a1!.name });
    const a2First = await sendMessage(t, a2!.sessionId, 'Q1', { as: a2!.name });
    await rate(a1!.name, a1First.assistant_message.id, 'up');
    await rate(a1!.name, a1Second.assistant_message.id, 'up');
    await rate(a2!.name, a2First.assistant_message.id, 'down');
    // V2: one visitor, a reply, its regenerate (rated up), and a reply that failed.
    const b1First = await sendMessage(t, b1!.sessionId, 'Q1', { as: b1!.name });
    const again = await regenerate(t, b1First.assistant_message.id, { as: b1!.name });
    await rate(b1!.name, again.assistant_message.id, 'up');
    t.claude.enqueue({ kind: 'http-error', status: 400, errorType: 'invalid_request_error' });
    await postMessage(t, b1!.sessionId, 'Q2', { as: b1!.name });
    await expect
      .poll(
        async () =>
          (await t.server.db('ai_chat_messages').where({ variant_id: v2.id, status: 'error' }))
            .length,
      )
      .toBe(1);

    // Before the rollup job's next run: the votes count at once, the replies not yet.
    const early = (await admin(`/admin/experiments/${experiment.id}/results`)).body;
    expect(early.variants[0]).toMatchObject({ votes_up: 2, votes_down: 1, messages: 0 });

    await t.server.usageRollups.runOnce();
    const { status, body } = await admin(`/admin/experiments/${experiment.id}/results`);
    expect(status).toBe(200);
    expect(body.experiment.id).toBe(experiment.id);
    expect(Date.parse(body.figures_as_of)).toBeGreaterThan(Date.now() - 60_000);
    const [r1, r2] = body.variants;
    expect(r1).toMatchObject({
      variant_id: v1.id,
      name: 'V1',
      sessions: 2,
      messages: 3,
      messages_per_session: 1.5,
      votes_up: 2,
      votes_down: 1,
      regenerate_rate: 0,
      error_rate: 0,
      input_tokens: 30,
      output_tokens: 12,
      tokens_per_session: 21,
    });
    expect(r1.thumbs_up_share).toBeCloseTo(2 / 3, 10);
    expect(r1.thumbs_up_interval.low).toBeCloseTo(wilsonInterval(2, 3)!.low, 10);
    expect(r1.thumbs_up_interval.high).toBeCloseTo(wilsonInterval(2, 3)!.high, 10);
    expect(r1.first_token_ms.p50).toEqual(expect.any(Number));
    expect(r1.first_token_ms.p95).toBeGreaterThanOrEqual(r1.first_token_ms.p50);
    expect(r2).toMatchObject({
      variant_id: v2.id,
      sessions: 1,
      messages: 3,
      messages_per_session: 3,
      votes_up: 1,
      votes_down: 0,
      thumbs_up_share: 1,
      input_tokens: 20,
      output_tokens: 8,
      tokens_per_session: 28,
    });
    expect(r2.regenerate_rate).toBeCloseTo(1 / 3, 10);
    expect(r2.error_rate).toBeCloseTo(1 / 3, 10);
    // What the ledger priced these calls at, summed per variant.
    const [ledger] = await t.server
      .db('api_usage_log as u')
      .join('ai_chat_messages as m', 'm.id', 'u.message_id')
      .where('m.variant_id', v1.id)
      .sum({ cost: 'u.estimated_cost_usd' });
    const priced = Number(ledger!.cost);
    expect(priced).toBeGreaterThan(0);
    expect(r1.cost_usd).toBeCloseTo(priced, 6);
    expect(r1.cost_per_session_usd).toBeCloseTo(priced / 2, 6);

    // A rerun finds nothing changed and counts nothing twice; a deleted conversation leaves the figures.
    await t.server.usageRollups.runOnce();
    expect(
      (await admin(`/admin/experiments/${experiment.id}/results`)).body.variants[1],
    ).toMatchObject({ messages: 3, sessions: 1 });
    const gone = await t.request(`/chat/sessions/${a2!.sessionId}`, {
      method: 'DELETE',
      as: a2!.name,
    });
    expect(gone.status).toBe(204);
    expect(
      (await admin(`/admin/experiments/${experiment.id}/results`)).body.variants[0],
    ).toMatchObject({ sessions: 1, messages: 2, votes_up: 2, votes_down: 0 });

    // The ratings carry the variant: the feedback browser filters by it.
    const rated = await admin(`/admin/feedback?variant_id=${v1.id}`);
    expect(rated.body.data).toHaveLength(2);
    expect(
      rated.body.data.every((item: { persona_id: string }) => item.persona_id === persona.id),
    ).toBe(true);
  });

  test('an experiment without replies yet has empty results, not zeros that pretend', async () => {
    const persona = await newPersona('quiet');
    const experiment = await startExperiment(persona.id, [30, 30, 40]);
    const { body } = await admin(`/admin/experiments/${experiment.id}/results`);
    expect(body.variants).toHaveLength(3);
    expect(body.variants[2]).toMatchObject({
      name: 'V3',
      weight: 40,
      sessions: 0,
      messages: 0,
      messages_per_session: null,
      thumbs_up_share: null,
      thumbs_up_interval: null,
      first_token_ms: { p50: null, p95: null },
    });
  });
});

describe('stop and promote', () => {
  test('one experiment runs per persona; stopped, the persona’s own prompt answers again', async () => {
    const persona = await newPersona('stoppable');
    const experiment = await startExperiment(persona.id);
    const second = await adminFetch(t, '/admin/experiments', {
      method: 'POST',
      session: ops,
      json: {
        persona_id: persona.id,
        name: 'Another',
        variants: experiment.variants.map(
          ({ name, system_prompt, weight }: Record<string, unknown>) => ({
            name,
            system_prompt,
            weight,
          }),
        ),
      },
    });
    await expectError(second, 409, 'conflict');

    const stopped = await admin(`/admin/experiments/${experiment.id}/stop`, { method: 'POST' });
    expect(stopped.body).toMatchObject({ status: 'stopped', winner_variant_id: null });
    expect(stopped.body.stopped_at).toEqual(expect.any(String));
    await expectError(
      await adminFetch(t, `/admin/experiments/${experiment.id}/stop`, {
        method: 'POST',
        session: ops,
      }),
      409,
      'conflict',
    );

    const session = await createSession(t, 'after-stop', { mode: 'stoppable' });
    const pair = await sendMessage(t, session.id, 'Hi', { as: 'after-stop' });
    expect(t.claude.requests.at(-1)!.body.system).toBe('The stoppable persona’s own prompt.');
    const [row] = await t.server.db('ai_chat_messages').where({ id: pair.assistant_message.id });
    expect(row).toMatchObject({ persona_id: persona.id, experiment_id: null, variant_id: null });

    // A stopped experiment lets another start; both are listed, newest first.
    const next = await startExperiment(persona.id);
    const listed = await admin(`/admin/experiments?persona_id=${persona.id}`);
    expect(listed.body.data.map((e: { id: string }) => e.id)).toEqual([next.id, experiment.id]);
    const running = await admin(`/admin/experiments?persona_id=${persona.id}&status=running`);
    expect(running.body.data.map((e: { id: string }) => e.id)).toEqual([next.id]);
  });

  test('promoting a variant makes its prompt the persona’s and stops the experiment, once', async () => {
    const persona = await newPersona('promoted');
    const experiment = await startExperiment(persona.id);
    const winner = experiment.variants[1];
    const other = await startExperiment((await newPersona('elsewhere')).id);
    const foreign = await adminFetch(t, `/admin/experiments/${experiment.id}/promote`, {
      method: 'POST',
      session: ops,
      json: { variant_id: other.variants[0].id },
    });
    await expectError(foreign, 400, 'invalid_request');

    const promoted = await admin(`/admin/experiments/${experiment.id}/promote`, {
      method: 'POST',
      json: { variant_id: winner.id },
    });
    expect(promoted.body).toMatchObject({ status: 'stopped', winner_variant_id: winner.id });
    expect((await admin(`/admin/personas/${persona.id}`)).body).toMatchObject({
      system_prompt: winner.system_prompt,
      running_experiment_id: null,
    });
    const session = await createSession(t, 'after-promote', { mode: 'promoted' });
    await sendMessage(t, session.id, 'Hi', { as: 'after-promote' });
    expect(t.claude.requests.at(-1)!.body.system).toBe(winner.system_prompt);

    const twice = await adminFetch(t, `/admin/experiments/${experiment.id}/promote`, {
      method: 'POST',
      session: ops,
      json: { variant_id: experiment.variants[0].id },
    });
    await expectError(twice, 409, 'conflict');
  });
});

describe('hostile and wrong input', () => {
  const variant = (name: string, weight: number = 50) => ({ name, system_prompt: 'P', weight });

  test.each([
    ['one variant', [variant('A')], 'variants'],
    ['six variants', ['A', 'B', 'C', 'D', 'E', 'F'].map((n) => variant(n)), 'variants'],
    ['two variants of one name', [variant('A'), variant('A')], 'variants'],
    ['a weight of 0', [variant('A', 0), variant('B')], 'weight'],
    ['a weight over 100', [variant('A', 101), variant('B')], 'weight'],
    ['a weight that is a string', [variant('A'), { ...variant('B'), weight: '50' }], 'weight'],
    ['variants that are no list', { A: variant('A') }, 'variants'],
  ])('%s is a 400 naming the field', async (_name, variants, field) => {
    const persona = (await admin('/admin/personas?site_id=global')).body.data.find(
      (p: { mode: string }) => p.mode === 'general',
    );
    const response = await adminFetch(t, '/admin/experiments', {
      method: 'POST',
      session: ops,
      json: { persona_id: persona.id, name: 'Bad', variants },
    });
    const body = await expectError(response, 400, 'invalid_request');
    expect(JSON.stringify(body.error.details)).toContain(field);
    expect((await admin(`/admin/personas/${persona.id}`)).body.running_experiment_id).toBeNull();
  });

  test('an unknown persona or experiment is a 404; a malformed id a 400; nothing half-made is left', async () => {
    const before = await t.server.db('prompt_experiments').count({ n: '*' }).first();
    const unknownPersona = await adminFetch(t, '/admin/experiments', {
      method: 'POST',
      session: ops,
      json: { persona_id: MISSING_ID, name: 'Orphan', variants: [variant('A'), variant('B')] },
    });
    await expectError(unknownPersona, 404, 'not_found');
    expect(await t.server.db('prompt_experiments').count({ n: '*' }).first()).toEqual(before);
    for (const path of [
      `/admin/experiments/${MISSING_ID}`,
      `/admin/experiments/${MISSING_ID}/results`,
    ]) {
      await expectError(await adminFetch(t, path, { session: ops }), 404, 'not_found');
    }
    await expectError(
      await adminFetch(t, `/admin/experiments/${MISSING_ID}/stop`, {
        method: 'POST',
        session: ops,
      }),
      404,
      'not_found',
    );
    await expectError(
      await adminFetch(t, '/admin/experiments/1%20OR%201=1/results', { session: ops }),
      400,
      'invalid_request',
    );
    await expectError(
      await adminFetch(t, '/admin/experiments?status=paused', { session: ops }),
      400,
      'invalid_request',
    );
  });

  test('experiments need an operator: a chat token or no CSRF token opens nothing', async () => {
    const withChatToken = await fetch(`${t.api}/admin/experiments`, {
      headers: { Authorization: `Bearer ${await t.tokenFor('alice')}` },
    });
    await expectError(withChatToken, 401, 'unauthorized');
    const noCsrf = await adminFetch(t, `/admin/experiments/${MISSING_ID}/stop`, {
      method: 'POST',
      session: ops,
      headers: { 'X-CSRF-Token': 'nope' },
    });
    await expectError(noCsrf, 403, 'forbidden');
  });

  test('two experiments started at once on one persona: one runs, the other is a 409', async () => {
    const persona = await newPersona('raced');
    const json = { persona_id: persona.id, name: 'Race', variants: [variant('A'), variant('B')] };
    const statuses = await Promise.all(
      [1, 2, 3].map(
        async () =>
          (await adminFetch(t, '/admin/experiments', { method: 'POST', session: ops, json }))
            .status,
      ),
    );
    expect(statuses.sort()).toEqual([201, 409, 409]);
    expect(await t.server.db('prompt_experiments').where({ persona_id: persona.id })).toHaveLength(
      1,
    );
  });
});
