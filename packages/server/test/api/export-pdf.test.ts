import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSession, expectError } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { uploaded } from '../support/attachment-api.js';
import { pdf, png } from '../support/attachment-files.js';
import { freshUser, sessionWith } from '../support/search-api.js';
import { useTestServer } from '../support/test-server.js';

const run = promisify(execFile);
const t = useTestServer();
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'repruv-export-pdf-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The PDF export of a session, written to a file; its path. */
async function exportedPdf(
  sessionId: string,
  as: string,
): Promise<{ file: string; response: Response }> {
  const response = await t.request(`/chat/sessions/${sessionId}/export?format=pdf`, { as });
  expect(response.status).toBe(200);
  const file = path.join(folder, `${sessionId}.pdf`);
  await writeFile(file, Buffer.from(await response.arrayBuffer()));
  return { file, response };
}

/** Whitespace collapsed, and the direction marks pdftotext puts around right-to-left runs dropped. */
const normalise = (text: string) =>
  text
    .replace(/[\u202a-\u202c]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const LINES = [
  'Plan my week of videos, please.',
  'Español: ¿Cuál es la mejor hora para publicar? Mañana temprano.',
  'Ελληνικά: Η στρατηγική περιεχομένου είναι σημαντική.',
  'Русский: Как продвигать канал на YouTube?',
  // Right to left: poppler orders a run by its own rules around digits and ASCII punctuation
  // (export/pdf/write-pdf.test.ts shows those characters all come out, in its order), so these
  // lines hold letters and spaces only, and must come back exactly, in logical order.
  'كيف أزيد عدد المشتركين في قناتي',
  'איך להגדיל את מספר המנויים',
  'हिन्दी: मेरे चैनल के लिए वीडियो विचार',
  '中文：我想提高视频的播放量',
  '日本語：東京タワーで動画を撮影しました',
  '한국어: 유튜브 채널을 성장시키는 방법',
];

describe('GET /chat/sessions/{id}/export?format=pdf', () => {
  test('every line of a multilingual conversation comes back out of its text layer', async () => {
    const as = freshUser();
    const code = '```js\nconst views = await channel.views();\n```';
    const { session } = await sessionWith(t, as, [...LINES, code], { title: 'Multilingual' });
    const { file, response } = await exportedPdf(session.id, as);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="Multilingual.pdf"',
    );
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const text = normalise(stdout);
    for (const line of [...LINES, 'const views = await channel.views();']) {
      expect(text, line).toContain(normalise(line));
    }
    const { stdout: fonts } = await run('pdffonts', [file]);
    expect(fonts).toMatch(/mono/i);
  });

  test('attachments are listed by name and images drawn', async () => {
    const as = freshUser();
    const image = await uploaded(t, await png(300, 200), { as, name: 'thumbnail.png' });
    const document = await uploaded(t, await pdf(1), { as, name: 'media kit.pdf' });
    const session = await createSession(t, as, { title: 'With files' });
    const sent = await t.request('/chat/messages', {
      method: 'POST',
      as,
      json: {
        session_id: session.id,
        content: 'What do you think?',
        attachment_ids: [image.id, document.id],
      },
    });
    expect(sent.status, JSON.stringify(await readJson(sent.clone()))).toBe(201);
    const { file } = await exportedPdf(session.id, as);
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(text).toContain('thumbnail.png');
    expect(text).toContain('media kit.pdf');
    const { stdout: images } = await run('pdfimages', ['-list', file]);
    expect(images.trim().split('\n').length - 2).toBeGreaterThanOrEqual(1);
  });

  test("another user's session: 404, and no PDF begun", async () => {
    const { session } = await sessionWith(t, freshUser(), ['secret']);
    await expectError(
      await t.request(`/chat/sessions/${session.id}/export?format=pdf`, { as: freshUser() }),
      404,
      'not_found',
    );
  });
});

describe('PDF exports at once', () => {
  test('three PDFs asked at once by one user: one is refused with 429 and Retry-After; another user is not held up', async () => {
    const as = freshUser();
    const { session } = await sessionWith(
      t,
      as,
      Array.from({ length: 600 }, (_, i) => `message ${i} ${'words to lay out '.repeat(40)}`),
    );
    const path = `/chat/sessions/${session.id}/export?format=pdf`;
    const other = freshUser();
    const { session: small } = await sessionWith(t, other, ['hi']);
    const [a, b, c, others] = await Promise.all([
      t.request(path, { as }),
      t.request(path, { as }),
      t.request(path, { as }),
      t.request(`/chat/sessions/${small.id}/export?format=pdf`, { as: other }),
    ]);
    const responses = [a, b, c];
    const refused = responses.filter((response) => response.status === 429);
    expect(refused).toHaveLength(1);
    await expectError(refused[0]!, 429, 'rate_limited');
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const made of responses.filter((response) => response.status === 200)) {
      expect(
        Buffer.from(await made.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    expect(others.status).toBe(200);
    await others.arrayBuffer();
    // Both finished: the slots are free again.
    const again = await t.request(path, { as });
    expect(again.status).toBe(200);
    await again.arrayBuffer();
  }, 60_000);
});
