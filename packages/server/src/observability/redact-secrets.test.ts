import { describe, expect, test } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

const ANTHROPIC_KEY = 'sk-ant-api03-Xy7_kP2-qR9sT4uV6wZ8aB1cD3eF5gH7jK9mN0pQ';
const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6OTk5OTk5OTk5OX0.x3pWbHs1a2b3c4d5e6f7g8h9i0jKlMnOpQrStUvWx';

describe('redactSecrets', () => {
  test.each([
    ['an Anthropic key', `401 {"error":{"message":"invalid key ${ANTHROPIC_KEY}"}}`, ANTHROPIC_KEY],
    ['another sk- key', 'key sk-proj-abcdefghijklmnop rejected', 'sk-proj-abcdefghijklmnop'],
    ['a bearer token', 'sent Authorization: Bearer abc.def-ghi_jkl~mno', 'abc.def-ghi_jkl~mno'],
    ['a bearer token alone', 'token was Bearer 0123456789abcdef', '0123456789abcdef'],
    ['an x-api-key header', 'headers: x-api-key: k3y-v4lu3-0123', 'k3y-v4lu3-0123'],
    ['an x-api-key in JSON', '{"x-api-key":"k3y-v4lu3-0123","model":"m"}', 'k3y-v4lu3-0123'],
    ['an api_key in a query', 'GET /v1?api_key=k3y-v4lu3-0123&x=1', 'k3y-v4lu3-0123'],
    ['a JWT', `the token ${JWT} expired`, JWT],
    ['an unsigned JWT', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0. was refused', 'eyJhbGciOiJub25lIn0'],
  ])('removes %s', (_name, text, secret) => {
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain('[redacted]');
  });

  test('keeps the rest of the message as it was', () => {
    expect(redactSecrets(`401 {"type":"error","error":{"message":"bad ${ANTHROPIC_KEY}"}}`)).toBe(
      '401 {"type":"error","error":{"message":"bad [redacted]"}}',
    );
    expect(redactSecrets('x-api-key: abcdefgh, model: claude')).toBe(
      'x-api-key: [redacted], model: claude',
    );
  });

  test('leaves text without credentials alone', () => {
    for (const text of [
      '529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      '401 {"error":{"type":"authentication_error","message":"invalid x-api-key"}}',
      'The connection to Claude closed before the reply ended.',
      'task-ant-colony and risk-management are words',
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });
});
