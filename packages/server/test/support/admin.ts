import { OperatorAccounts } from '../../src/admin/operator-accounts.js';
import type { TestServer } from './test-server.js';

export const OPERATOR_PASSWORD = 'correct horse battery staple';

export interface OperatorSession {
  /** `repruv_operator=…`, as a browser would send it back. */
  cookie: string;
  csrf: string;
  body: { operator: { id: string; email: string }; csrf_token: string; expires_at: string };
  setCookie: string;
}

/** An operator account in the test server's database. */
export async function createOperator(
  t: TestServer,
  email: string,
  password = OPERATOR_PASSWORD,
): Promise<void> {
  await new OperatorAccounts(t.server.db).create(email, password);
}

/** Signs in as a browser on the console's own origin would (an `Origin` of the server). */
export async function signIn(
  t: TestServer,
  email: string,
  password = OPERATOR_PASSWORD,
): Promise<OperatorSession> {
  const response = await adminFetch(t, '/admin/session', {
    method: 'POST',
    json: { email, password },
  });
  if (response.status !== 200) {
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  }
  const setCookie = response.headers
    .getSetCookie()
    .find((c) => /^(__Host-)?repruv_operator=/.test(c));
  if (!setCookie) throw new Error('sign-in set no repruv_operator cookie');
  const body = (await response.json()) as OperatorSession['body'];
  return { cookie: setCookie.split(';')[0]!, csrf: body.csrf_token, body, setCookie };
}

/**
 * fetch against `/api/v1…` as the console would: the session's cookie and CSRF token when given,
 * and the server's own Origin on unsafe methods (unless `headers` names another).
 */
export function adminFetch(
  t: TestServer,
  path: string,
  init: RequestInit & { session?: OperatorSession; json?: unknown } = {},
): Promise<Response> {
  const { session, json, ...rest } = init;
  const headers = new Headers(rest.headers);
  const method = (rest.method ?? 'GET').toUpperCase();
  if (session) headers.set('Cookie', session.cookie);
  if (session && method !== 'GET' && !headers.has('X-CSRF-Token')) {
    headers.set('X-CSRF-Token', session.csrf);
  }
  if (method !== 'GET' && !headers.has('Origin')) headers.set('Origin', t.url);
  if (json !== undefined) headers.set('Content-Type', 'application/json');
  return fetch(`${t.api}${path}`, {
    ...rest,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
}
