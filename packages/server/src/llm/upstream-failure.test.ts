import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, test } from 'vitest';
import {
  ClaudeThreadEndedError,
  toUpstreamFailure,
  UpstreamDisconnectedError,
  UpstreamFailure,
  UpstreamTimeoutError,
  UserAbortError,
} from './upstream-failure.js';

const MODEL = 'claude-sonnet-5-5';

/** What the SDK throws for an HTTP error answer (it picks the subclass by status). */
function httpError(status: number, type: string) {
  const body = { type: 'error', error: { type, message: `a ${type}` } };
  return Anthropic.APIError.generate(status, body, undefined, new Headers({ 'request-id': 'r' }));
}

/** What the SDK throws for an `error` event in the middle of a stream: no status. */
function midStreamError(type: Anthropic.ErrorType) {
  const body = { type: 'error', error: { type, message: `a ${type}` } };
  return new Anthropic.APIError(undefined, body, undefined, new Headers(), type);
}

function socketError(code: string) {
  return Object.assign(new Error(`socket ${code}`), { code });
}

describe('toUpstreamFailure', () => {
  test.each<[string, unknown, Partial<UpstreamFailure>, RegExp]>([
    [
      'HTTP 529',
      httpError(529, 'overloaded_error'),
      { kind: 'overloaded', outage: true, retryable: true, status: 529 },
      /overloaded/,
    ],
    [
      'HTTP 500',
      httpError(500, 'api_error'),
      { kind: 'server_error', outage: true, retryable: true, status: 500 },
      /failed to answer/,
    ],
    [
      'HTTP 503',
      httpError(503, 'api_error'),
      { kind: 'server_error', outage: true, retryable: true, status: 503 },
      /failed to answer/,
    ],
    [
      'HTTP 429',
      httpError(429, 'rate_limit_error'),
      { kind: 'rate_limited', outage: false, retryable: true, status: 429 },
      /rate limiting/,
    ],
    [
      'HTTP 400',
      httpError(400, 'invalid_request_error'),
      { kind: 'rejected', outage: false, retryable: false, status: 400 },
      /rejected/,
    ],
    [
      'HTTP 401',
      httpError(401, 'authentication_error'),
      { kind: 'rejected', outage: false, retryable: false, status: 401 },
      /rejected/,
    ],
    [
      'HTTP 404 not_found_error',
      httpError(404, 'not_found_error'),
      { kind: 'unknown_model', outage: false, retryable: false, status: 404 },
      /"claude-sonnet-5-5".*CLAUDE_MODEL/,
    ],
    [
      'a mid-stream not_found_error',
      midStreamError('not_found_error'),
      { kind: 'unknown_model', outage: false, retryable: false, status: null },
      /"claude-sonnet-5-5".*CLAUDE_MODEL/,
    ],
    [
      'a mid-stream overloaded_error',
      midStreamError('overloaded_error'),
      { kind: 'overloaded', outage: true, retryable: true, status: null },
      /overloaded/,
    ],
    [
      'a mid-stream api_error',
      midStreamError('api_error'),
      { kind: 'server_error', outage: true, retryable: true, status: null },
      /failed to answer/,
    ],
    [
      'the SDK out of reach',
      new Anthropic.APIConnectionError({ cause: socketError('ECONNREFUSED') }),
      { kind: 'unreachable', outage: true, retryable: true },
      /Could not reach/,
    ],
    [
      "the SDK's own request timeout",
      new Anthropic.APIConnectionTimeoutError(),
      { kind: 'unreachable', outage: true, retryable: true },
      /Could not reach/,
    ],
    [
      'a socket reset mid-stream',
      socketError('ECONNRESET'),
      { kind: 'disconnected', outage: true, retryable: true },
      /connection to Claude was lost/,
    ],
    [
      "fetch's terminated",
      new TypeError('terminated'),
      { kind: 'disconnected', outage: true, retryable: true },
      /connection to Claude was lost/,
    ],
    [
      "the SDK's bare error for a cut stream",
      new Anthropic.AnthropicError('terminated'),
      { kind: 'disconnected', outage: true, retryable: true },
      /connection to Claude was lost/,
    ],
    [
      'a stream that ended before message_stop',
      new UpstreamDisconnectedError(),
      { kind: 'disconnected', outage: true, retryable: true },
      /connection to Claude was lost/,
    ],
    [
      'the idle timeout',
      new UpstreamTimeoutError(300),
      {
        kind: 'idle_timeout',
        outage: true,
        retryable: true,
        message: expect.stringMatching(/300 ms/),
      },
      /too long/,
    ],
    [
      'the Claude thread ending',
      new ClaudeThreadEndedError(),
      { kind: 'thread_ended', outage: true, retryable: true },
      /failed to answer/,
    ],
    [
      "the SDK's user abort",
      new Anthropic.APIUserAbortError(),
      { kind: 'aborted', endedByUs: true, outage: false, retryable: false },
      /failed to answer/,
    ],
    [
      "fetch's AbortError",
      new DOMException('This operation was aborted', 'AbortError'),
      { kind: 'aborted', endedByUs: true, outage: false, retryable: false },
      /failed to answer/,
    ],
    [
      'our own stop',
      new UserAbortError(),
      { kind: 'aborted', endedByUs: true, outage: false, retryable: false },
      /failed to answer/,
    ],
    [
      'anything else',
      new RangeError('a bug'),
      { kind: 'unexpected', endedByUs: false, outage: false, retryable: false },
      /failed to answer/,
    ],
  ])('%s', (_name, thrown, expected, clientMessage) => {
    const failure = toUpstreamFailure(thrown, MODEL);
    expect(failure).toBeInstanceOf(UpstreamFailure);
    expect(failure).toMatchObject({ code: 'upstream_error', ...expected });
    expect(failure.clientMessage).toMatch(clientMessage);
    expect(failure.cause).toBe(thrown);
  });

  test('keeps the name and message of what was thrown, for the log', () => {
    const failure = toUpstreamFailure(httpError(401, 'authentication_error'), MODEL);
    expect(failure.name).toBe('AuthenticationError');
    expect(failure.message).toMatch(/^401 .*authentication_error/);
  });

  test('a failure already classified comes back as it is', () => {
    const failure = toUpstreamFailure(httpError(529, 'overloaded_error'), MODEL);
    expect(toUpstreamFailure(failure, 'another-model')).toBe(failure);
  });

  test('crosses a thread boundary as data and is rebuilt the same', () => {
    for (const thrown of [httpError(404, 'not_found_error'), new UpstreamTimeoutError(5)]) {
      const failure = toUpstreamFailure(thrown, MODEL);
      // structuredClone is what postMessage does to a worker's message.
      const rebuilt = new UpstreamFailure(structuredClone(failure.toJSON()));
      expect(rebuilt).toBeInstanceOf(UpstreamFailure);
      expect(rebuilt.toJSON()).toEqual(failure.toJSON());
      expect(rebuilt.endedByUs).toBe(failure.endedByUs);
    }
  });
});
