import { expect, test } from 'vitest';
import { createSession } from '../support/contract.js';
import { messageBody } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();

test('every response carries X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer', async () => {
  const session = await createSession(t);
  const token = await t.tokenFor('alice');
  const auth = { Authorization: `Bearer ${token}` };
  const json = { ...auth, 'Content-Type': 'application/json' };
  const requests: Array<[string, string, RequestInit]> = [
    ['GET', '/healthz', {}],
    ['GET', '/readyz', {}],
    ['GET', '/metrics', {}],
    ['GET', '/', {}],
    ['GET', '/widget.js', {}],
    ['GET', '/nowhere', {}],
    ['DELETE', '/healthz', {}],
    ['GET', '/api/v1/chat/sessions', {}],
    ['GET', '/api/v1/chat/sessions', { headers: auth }],
    [
      'OPTIONS',
      '/api/v1/chat/sessions',
      {
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
      },
    ],
    [
      'POST',
      '/api/v1/auth/guest',
      {
        headers: { Origin: 'http://localhost:5173', 'Content-Type': 'application/json' },
        body: JSON.stringify({ site_key: 'pk_dev' }),
      },
    ],
    ['POST', '/api/v1/chat/sessions', { headers: json, body: '{' }],
    ['POST', '/api/v1/chat/sessions', { headers: json, body: 'x'.repeat(70_000) }],
    [
      'POST',
      '/api/v1/chat/messages?stream=true',
      { headers: json, body: JSON.stringify(messageBody(session.id, 'hello')) },
    ],
  ];
  const missing: string[] = [];
  for (const [method, path, init] of requests) {
    const response = await fetch(`${t.url}${path}`, { method, ...init });
    await response.arrayBuffer();
    const seen = `${response.headers.get('x-content-type-options')} ${response.headers.get('referrer-policy')}`;
    if (seen !== 'nosniff no-referrer')
      missing.push(`${method} ${path} → ${response.status}: ${seen}`);
  }
  expect(missing).toEqual([]);
});
