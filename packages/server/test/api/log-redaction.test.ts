import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSession, expectError } from '../support/contract.js';
import { eventually, messageBody } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const KEY = 'sk-ant-api03-leakedKey_0123456789abcdefghijklmnopqrstuv';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';

const logged: string[] = [];
let t: TestServer;
beforeAll(async () => {
  const logger = pino({ level: 'trace' }, { write: (line: string) => logged.push(line) });
  t = await startTestServer({}, { logger });
});
afterAll(async () => {
  await t?.close();
});

test('an upstream error body is logged without the credentials it echoes', async () => {
  const session = await createSession(t);
  t.claude.enqueue({
    kind: 'http-error',
    status: 401,
    errorType: 'authentication_error',
    message: `invalid x-api-key: ${KEY} (Authorization: Bearer ${JWT})`,
  });
  const response = await t.request('/chat/messages', {
    method: 'POST',
    json: messageBody(session.id, 'hello'),
  });
  await expectError(response, 502, 'upstream_error');

  const line = await eventually(async () =>
    logged.find((entry) => entry.includes('Claude call failed')),
  );
  expect(line).toContain('authentication_error');
  expect(line).toContain('[redacted]');
  const everything = logged.join('\n');
  expect(everything).not.toContain(KEY);
  expect(everything).not.toContain(JWT);
});
