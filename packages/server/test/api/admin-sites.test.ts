/** The console's sites: /admin/sites and the public /sites/{site_key}/config the widget reads. */
import { beforeAll, describe, expect, test } from 'vitest';
import { adminFetch, createOperator, signIn, type OperatorSession } from '../support/admin.js';
import { requestGuestToken, userHash } from '../support/guests.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();
let ops: OperatorSession;

beforeAll(async () => {
  await createOperator(t, 'sites@example.com');
  ops = await signIn(t, 'sites@example.com');
});

const NEW_SITE = { name: 'Blog', origins: ['http://localhost:*', 'https://Blog.Example.com/'] };

async function createSite(body: object = NEW_SITE) {
  const response = await adminFetch(t, '/admin/sites', {
    method: 'POST',
    session: ops,
    json: body,
  });
  const json = await readJson(response);
  expect(response.status, JSON.stringify(json)).toBe(201);
  return json;
}

const patchSite = (id: string, json: unknown, session: OperatorSession = ops) =>
  adminFetch(t, `/admin/sites/${id}`, { method: 'PATCH', session, json });

const publicConfig = (siteKey: string) => fetch(`${t.api}/sites/${siteKey}/config`);

describe('sites in the console', () => {
  test('creating one answers its identity secret once; lists and reads never show it', async () => {
    const site = await createSite();
    expect(site).toMatchObject({
      name: 'Blog',
      origins: ['http://localhost:*', 'https://blog.example.com'],
      challenge: 'off',
      identity: 'optional',
      daily_budget_usd: null,
      fallback_model: null,
      widget: {},
      default_mode: null,
      disabled: false,
    });
    expect(site.site_key).toMatch(/^pk_live_[0-9a-f]{32}$/);
    expect(site.identity_secret).toMatch(/^sk_id_/);

    const list = await readJson(await adminFetch(t, '/admin/sites', { session: ops }));
    const listed = list.data.find((s: { id: string }) => s.id === site.id);
    expect(listed.site_key).toBe(site.site_key);
    const read = await readJson(await adminFetch(t, `/admin/sites/${site.id}`, { session: ops }));
    for (const shown of [JSON.stringify(list), JSON.stringify(read)]) {
      expect(shown).not.toContain(site.identity_secret);
      expect(shown).not.toContain('identity_secret');
    }
  });

  test('the widget’s look and default mode, changed in the console, are what the widget reads', async () => {
    const site = await createSite();
    const widget = {
      title: '  Ask the blog  ',
      primary_color: '#0F766E',
      accent_color: '#ecfdf5',
      quick_prompts: ['What is new?', 'Summarise the last post'],
    };
    const changed = await patchSite(site.id, { widget, default_mode: 'writing' });
    expect(changed.status).toBe(200);
    const config = await publicConfig(site.site_key);
    expect(config.status).toBe(200);
    expect(config.headers.get('Cache-Control')).toMatch(/^public, max-age=60/);
    expect(await readJson(config)).toEqual({
      site_key: site.site_key,
      widget: { ...widget, title: 'Ask the blog', primary_color: '#0f766e' },
      default_mode: 'writing',
      challenge: 'off',
      identity: 'optional',
    });
    // Cleared again: the widget's own look.
    await patchSite(site.id, { widget: {}, default_mode: null });
    expect(await readJson(await publicConfig(site.site_key))).toMatchObject({
      widget: {},
      default_mode: null,
    });
  });

  test('visitor rules and budget, as sites set changes them', async () => {
    const site = await createSite();
    const response = await patchSite(site.id, {
      challenge: 'on',
      identity: 'required',
      daily_budget_usd: 12.5,
      fallback_model: 'claude-haiku-4-5',
      name: 'Members',
      origins: ['https://members.example.com'],
    });
    expect(await readJson(response)).toMatchObject({
      name: 'Members',
      origins: ['https://members.example.com'],
      challenge: 'on',
      identity: 'required',
      daily_budget_usd: 12.5,
      fallback_model: 'claude-haiku-4-5',
    });
    const cleared = await readJson(
      await patchSite(site.id, { daily_budget_usd: null, fallback_model: null }),
    );
    expect(cleared).toMatchObject({ daily_budget_usd: null, fallback_model: null });
  });

  test('a disabled site issues no guest token and has no config; enabled again, it does', async () => {
    const site = await createSite();
    expect((await requestGuestToken(t, { site_key: site.site_key })).status).toBe(200);
    const disabled = await readJson(await patchSite(site.id, { disabled: true }));
    expect(disabled.disabled).toBe(true);
    const refused = await requestGuestToken(t, { site_key: site.site_key });
    expect(refused.status).toBe(403);
    expect((await readJson(refused)).error.message).toMatch(/disabled/);
    expect((await publicConfig(site.site_key)).status).toBe(404);
    // Disabling again keeps when it was first disabled.
    const again = await readJson(await patchSite(site.id, { disabled: true }));
    expect(again.disabled_at).toBe(disabled.disabled_at);

    expect((await readJson(await patchSite(site.id, { disabled: false }))).disabled).toBe(false);
    expect((await requestGuestToken(t, { site_key: site.site_key })).status).toBe(200);
  });

  test('rotating the secret: the old user_hash stops working, the new one works', async () => {
    const site = await createSite();
    const asUser = (secret: string) =>
      requestGuestToken(t, {
        site_key: site.site_key,
        user_id: 'member-7',
        user_hash: userHash(secret, 'member-7'),
      });
    expect((await asUser(site.identity_secret)).status).toBe(200);
    const rotated = await adminFetch(t, `/admin/sites/${site.id}/rotate-secret`, {
      method: 'POST',
      session: ops,
    });
    expect(rotated.headers.get('Cache-Control')).toBe('no-store');
    const { identity_secret: secret } = await readJson(rotated);
    expect(secret).not.toBe(site.identity_secret);
    expect((await asUser(site.identity_secret)).status).toBe(401);
    expect((await asUser(secret)).status).toBe(200);
  });

  test('two changes at once to different fields both stay', async () => {
    const site = await createSite();
    await Promise.all([
      patchSite(site.id, { name: 'Renamed' }),
      patchSite(site.id, { widget: { title: 'Help' } }),
      patchSite(site.id, { challenge: 'on' }),
    ]);
    const read = await readJson(await adminFetch(t, `/admin/sites/${site.id}`, { session: ops }));
    expect(read).toMatchObject({ name: 'Renamed', widget: { title: 'Help' }, challenge: 'on' });
  });
});

describe('who may', () => {
  test('no operator, a chat token, or no CSRF token: refused, and nothing is changed', async () => {
    const site = await createSite();
    const before = (await readJson(await adminFetch(t, '/admin/sites', { session: ops }))).data;
    const chatToken = { Authorization: `Bearer ${await t.tokenFor('alice')}` };
    expect((await adminFetch(t, '/admin/sites')).status).toBe(401);
    expect((await adminFetch(t, '/admin/sites', { headers: chatToken })).status).toBe(401);
    const noCsrf = await adminFetch(t, '/admin/sites', {
      method: 'POST',
      session: ops,
      json: NEW_SITE,
      headers: { 'X-CSRF-Token': '' },
    });
    expect(noCsrf.status).toBe(403);
    const control = await patchSite(site.id, { name: 'Pwned' });
    expect(control.status).toBe(200); // the control: the same request from the console works
    const fromElsewhere = await adminFetch(t, `/admin/sites/${site.id}`, {
      method: 'PATCH',
      session: ops,
      json: { name: 'Evil' },
      headers: { Origin: 'https://evil.example' },
    });
    expect(fromElsewhere.status).toBe(403);
    const rotate = await adminFetch(t, `/admin/sites/${site.id}/rotate-secret`, {
      method: 'POST',
      headers: { Cookie: ops.cookie, 'X-CSRF-Token': 'guessed' },
    });
    expect(rotate.status).toBe(403);
    const after = (await readJson(await adminFetch(t, '/admin/sites', { session: ops }))).data;
    expect(after).toHaveLength(before.length);
    const read = await readJson(await adminFetch(t, `/admin/sites/${site.id}`, { session: ops }));
    expect(read.name).toBe('Pwned');
  });
});

describe('hostile input', () => {
  test('every ill-typed or out-of-range field: 400 naming it, nothing stored', async () => {
    const site = await createSite();
    const cases: Array<[object, string]> = [
      [{ name: 5 }, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ origins: 'https://a.example' }, 'origins'],
      [{ origins: [] }, 'origins'],
      [{ origins: ['javascript:alert(1)'] }, 'origins.0'],
      [{ origins: ['not a url'] }, 'origins.0'],
      [{ origins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`) }, 'origins'],
      [{ challenge: 'maybe' }, 'challenge'],
      [{ identity: true }, 'identity'],
      [{ daily_budget_usd: -1 }, 'daily_budget_usd'],
      [{ daily_budget_usd: '5' }, 'daily_budget_usd'],
      [{ daily_budget_usd: 1e9 }, 'daily_budget_usd'],
      [{ fallback_model: 'bad model!' }, 'fallback_model'],
      [{ widget: { primary_color: 'red' } }, 'widget.primary_color'],
      [{ widget: { accent_color: '#12345' } }, 'widget.accent_color'],
      [{ widget: { title: 'x'.repeat(61) } }, 'widget.title'],
      [{ widget: { quick_prompts: Array(7).fill('hi') } }, 'widget.quick_prompts'],
      [{ widget: { quick_prompts: [''] } }, 'widget.quick_prompts.0'],
      [{ widget: { quick_prompts: [{ text: 'hi' }] } }, 'widget.quick_prompts.0'],
      [{ widget: { script: '<script>' } }, 'widget'],
      [{ widget: 'blue' }, 'widget'],
      [{ default_mode: 'pirate' }, 'default_mode'],
      [{ disabled: 'yes' }, 'disabled'],
      [{ site_key: 'pk_mine' }, 'body'],
      [{ identity_secret: 'sk_id_mine' }, 'body'],
      [{}, 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await patchSite(site.id, body);
      const json = await readJson(response);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(
        json.error.details.issues.map((issue: { field: string }) => issue.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const read = await readJson(await adminFetch(t, `/admin/sites/${site.id}`, { session: ops }));
    expect(read).toMatchObject({ name: 'Blog', widget: {}, challenge: 'off' });
    for (const body of [{}, { name: 'No origins' }, { origins: ['https://a.example'] }, []]) {
      const response = await adminFetch(t, '/admin/sites', {
        method: 'POST',
        session: ops,
        json: body,
      });
      expect(response.status).toBe(400);
    }
  });

  test('ids: malformed is 400, unknown is 404; a huge body is 413', async () => {
    expect((await adminFetch(t, '/admin/sites/not-a-uuid', { session: ops })).status).toBe(400);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await adminFetch(t, `/admin/sites/${unknown}`, { session: ops })).status).toBe(404);
    expect((await patchSite(unknown, { name: 'x' })).status).toBe(404);
    const rotate = await adminFetch(t, `/admin/sites/${unknown}/rotate-secret`, {
      method: 'POST',
      session: ops,
    });
    expect(rotate.status).toBe(404);
    const huge = await adminFetch(t, '/admin/sites', {
      method: 'POST',
      session: ops,
      json: { ...NEW_SITE, name: 'x'.repeat(70_000) },
    });
    expect(huge.status).toBe(413);
  });

  test('the public config: unknown and malformed keys answer 404 alike; pk_dev has defaults', async () => {
    for (const key of ['pk_unknown', 'not-a-key', `pk_${'a'.repeat(200)}`, "pk_'--"]) {
      const response = await publicConfig(encodeURIComponent(key));
      expect(response.status).toBe(404);
      expect((await readJson(response)).error.code).toBe('not_found');
    }
    const dev = await publicConfig('pk_dev');
    expect(await readJson(dev)).toEqual({
      site_key: 'pk_dev',
      widget: {},
      default_mode: null,
      challenge: 'off',
      identity: 'optional',
    });
  });
});
