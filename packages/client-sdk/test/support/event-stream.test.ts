import { describe, expect, it } from 'vitest';
import { EventStreamBody } from './event-stream.js';

/** Reads the body to its end: the chunks as text, and the error that ended it, if any. */
async function drain(body: EventStreamBody): Promise<{ chunks: string[]; error?: unknown }> {
  const reader = body.stream.getReader();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { chunks };
      chunks.push(decoder.decode(value));
    }
  } catch (error) {
    return { chunks, error };
  }
}

describe('the faked event-stream body', () => {
  it('delivers everything written before a cut, then fails the read as a dropped socket does', async () => {
    let gone = 0;
    const body = new EventStreamBody(new AbortController().signal, () => gone++);
    body.write('one');
    body.write('two');
    body.cut();
    body.write('after the cut');
    const { chunks, error } = await drain(body);
    expect(chunks).toEqual(['one', 'two']);
    expect(error).toBeInstanceOf(TypeError);
    expect(gone).toBe(1);
  });

  it('ends normally after what was written, and splits writes of bytesPerWrite bytes', async () => {
    const body = new EventStreamBody(new AbortController().signal, () => {});
    body.write('abcde', 2);
    body.end();
    expect(await drain(body)).toEqual({ chunks: ['ab', 'cd', 'e'] });
  });

  it('waits for writes that come later', async () => {
    const body = new EventStreamBody(new AbortController().signal, () => {});
    const read = drain(body);
    setTimeout(() => {
      body.write('late');
      body.end();
    }, 10);
    expect(await read).toEqual({ chunks: ['late'] });
  });

  it('breaks with the abort reason when the request is aborted, as fetch does', async () => {
    const controller = new AbortController();
    let gone = 0;
    const body = new EventStreamBody(controller.signal, () => gone++);
    body.write('one');
    const reader = body.stream.getReader();
    await reader.read();
    const pending = reader.read();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(gone).toBe(1);
    expect(body.open).toBe(false);
  });
});
