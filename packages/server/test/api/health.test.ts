import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSession, expectError } from '../support/contract.js';
import { messageBody } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

describe('operational endpoints (root, no token)', () => {
  test('GET /healthz answers 200 {"status":"ok"} with an X-Request-Id', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  test('GET /readyz answers 200 {"status":"ready"} once the database is migrated', async () => {
    const response = await fetch(`${t.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  test('GET /metrics answers Prometheus text with the repruv_ metrics', async () => {
    await createSession(t); // something for the request counter to count
    const response = await fetch(`${t.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const name of [
      'repruv_http_requests_total',
      'repruv_http_request_duration_seconds',
      'repruv_reply_duration_seconds',
      'repruv_claude_tokens_total',
      'repruv_claude_upstream_errors_total',
      'repruv_live_streams',
      'repruv_claude_circuit_state',
    ]) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} \\w+$`, 'm'));
    }
    // Requests are labelled by route pattern, never by raw path.
    expect(text).toMatch(
      /^repruv_http_requests_total\{method="POST",route="\/api\/v1\/chat\/sessions",status="201"\} \d+$/m,
    );
    expect(text).toMatch(/^repruv_claude_circuit_state 0$/m);
  });

  test('/metrics counts an error by the status it answered with, 4xx and 5xx alike', async () => {
    const metricLine = (text: string, route: string, status: number) =>
      new RegExp(
        `^repruv_http_requests_total\\{method="[A-Z]+",route="${route}",status="${status}"\\} \\d+$`,
        'm',
      ).test(text);
    await expectError(await t.request('/chat/sessions', { as: null }), 401, 'unauthorized');
    const session = await createSession(t);
    t.claude.enqueue({ kind: 'http-error', status: 500, errorType: 'api_error' });
    const failed = await t.request('/chat/messages', {
      method: 'POST',
      json: messageBody(session.id, 'hello'),
    });
    await expectError(failed, 502, 'upstream_error');

    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(metricLine(text, '/api/v1/chat/sessions', 401), text).toBe(true);
    expect(metricLine(text, '/api/v1/chat/messages', 502), text).toBe(true);
    expect(text).not.toMatch(/route="\/api\/v1\/chat\/messages",status="404"/);
  });

  test('a sane incoming X-Request-Id is echoed back', async () => {
    const response = await fetch(`${t.url}/healthz`, {
      headers: { 'X-Request-Id': 'trace-abc-12345' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-abc-12345');
  });

  test('the health endpoints need no token and ignore a bad one', async () => {
    const response = await fetch(`${t.url}/readyz`, {
      headers: { Authorization: 'Bearer garbage' },
    });
    expect(response.status).toBe(200);
  });
});
