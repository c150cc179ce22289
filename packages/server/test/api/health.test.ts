import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSession } from '../support/contract.js';
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
