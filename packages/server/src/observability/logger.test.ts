import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', format: 'json', destination }) };
}

test('an error logged anywhere has its message and stack stripped of credentials', () => {
  const { lines, logger } = capture();
  const error = new Error('upstream said: invalid x-api-key: sk-ant-api03-abcdefghijklmnop');
  logger.error({ err: error }, 'unhandled error');
  const logged = JSON.parse(lines[0]!) as { err: { message: string; stack: string; type: string } };
  expect(logged.err.type).toBe('Error');
  expect(logged.err.message).toContain('invalid x-api-key');
  expect(lines[0]).not.toContain('sk-ant-api03-abcdefghijklmnop');
  expect(logged.err.stack).toContain('[redacted]');
});

test('authorization headers, tokens and message content never reach the log', () => {
  const { lines, logger } = capture();
  logger.info(
    { req: { headers: { authorization: 'Bearer abc.def.ghi' } }, body: { content: 'secret text' } },
    'request',
  );
  expect(lines[0]).not.toContain('abc.def.ghi');
  expect(lines[0]).not.toContain('secret text');
});
