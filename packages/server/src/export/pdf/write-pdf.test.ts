import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePdfTranscript, type PdfEntry } from './write-pdf.js';

const run = promisify(execFile);

/** One line of each script, as a person would write it. */
const LINES = {
  english: 'The quick brown fox jumps over the lazy dog, twice.',
  spanish: '¿Dónde está la biblioteca? Mañana será otro día, señor Muñoz.',
  greek: 'Καλημέρα κόσμε, η ελληνική γλώσσα έχει τόνους και διαλυτικά ϊ ΰ.',
  russian: 'Съешь же ещё этих мягких французских булок, да выпей чаю.',
  // right to left with only what poppler counts as right to left: see the test further down
  arabic: 'مرحبا بالعالم كيف حالك اليوم؟',
  hebrew: 'שלום עולם מה שלומך היום',
  hindi: 'नमस्ते दुनिया, आप कैसे हैं? हिन्दी में लिखी किताब पढ़िए।',
  chinese: '你好，世界。这是一个中文句子，用来测试文字提取。',
  japanese: 'こんにちは、世界。これは日本語の文章です。カタカナも。',
  korean: '안녕하세요, 세계. 이것은 한국어 문장입니다.',
};

const CODE = [
  'function greet(name: string): string {',
  '  const message = `Hello, ${name}!`; // a comment long enough to wrap onto a second line of the page, at a space',
  '  return message.replace(/\\s+/g, " ");',
  '}',
];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'repruv-pdf-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function entry(role: PdfEntry['role'], content: string, attachments: PdfEntry['attachments'] = []) {
  return { role, content, created_at: '2024-05-01T12:34:56.000Z', attachments };
}

async function* each<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function writePdf(
  name: string,
  entries: AsyncIterable<PdfEntry>,
  loadImage: (id: string) => Promise<Buffer | null> = async () => null,
  title = 'A conversation',
): Promise<string> {
  const file = join(dir, name);
  const header = { title, mode: 'support', exportedAt: new Date('2024-05-02T08:00:00Z') };
  await writePdfTranscript(createWriteStream(file), header, entries, loadImage);
  return file;
}

/** `-layout` keeps the page's line order (a right-aligned Arabic line stays where it is) and code's indentation. */
async function pdftotext(file: string): Promise<string> {
  return (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout;
}

/**
 * pdftotext wraps every right-to-left stretch it outputs in U+202B RLE … U+202C PDF (and
 * left-to-right inside a right-to-left page in U+202A LRE … U+202C): poppler's reorderText does
 * so whenever the output encoding is Unicode. They are formatting characters pdftotext adds, not
 * characters of the PDF, so they go; whitespace is collapsed because lines are broken anew.
 */
function normalised(text: string): string {
  return text
    .replace(/[\u202a-\u202c]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

async function fontNames(file: string): Promise<string[]> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
}

describe('writePdfTranscript', () => {
  it('gives back every line of a multilingual conversation through pdftotext', async () => {
    const file = await writePdf(
      'multilingual.pdf',
      each([
        entry('user', [LINES.english, LINES.spanish, LINES.greek, LINES.russian].join('\n')),
        entry('assistant', [LINES.arabic, '', LINES.hebrew, LINES.hindi].join('\n')),
        entry('user', LINES.chinese),
        entry('assistant', `${LINES.japanese}\n\n${LINES.korean}`),
        entry('user', ['Here is the code:', '```ts', ...CODE, '```', 'Thanks.'].join('\n')),
      ]),
      async () => null,
      'Ελληνικά, العربية, 日本語: a title',
    );
    const text = normalised(await pdftotext(file));

    for (const line of [...Object.values(LINES), ...CODE, 'Here is the code:', 'Thanks.']) {
      expect(text).toContain(normalised(line));
    }
    expect(text).not.toContain('```');
    expect(text).toContain('Ελληνικά, العربية, 日本語: a title');
    expect(text).toContain('You 2024-05-01 12:34 UTC');
    expect(text).toContain('Assistant 2024-05-01 12:34 UTC');
    expect(text).toContain('Mode: support');
    expect(text).toContain('Exported: 2024-05-02 08:00 UTC');

    const fonts = await fontNames(file);
    for (const font of [
      'NotoSans-Regular',
      'NotoNaskhArabic',
      'NotoSansHebrew',
      'JetBrainsMono-Regular',
    ]) {
      expect(fonts).toContain(font);
    }
    expect(fonts).toEqual(
      expect.arrayContaining(['NotoSansHans-Regular', 'NotoSansJP-Regular', 'NotoSansKR-Regular']),
    );
  });

  it('lets every character of right-to-left text with digits and punctuation be copied out', async () => {
    // pdftotext cannot give these lines back in logical order, whatever the PDF: poppler's
    // reorderText (TextOutputDev.cc) reads each line as visual order under one direction for
    // the whole page (left to right here), takes a right-to-left stretch to end at the first
    // left-to-right letter or "number" (its UnicodeTypeTable counts ASCII digits, + , - . / :
    // and the Arabic comma as numbers), and leaves other neutrals where they are. So a full
    // stop or "?" ending an Arabic or Hebrew sentence comes out at its start, the halves around
    // ":" or "," swap, and a space after a Hebrew word inside English moves before it. Every
    // character is still there, which is what this checks.
    const lines = [
      'العربية: مرحبا بالعالم.',
      'مرحبا، كيف حالك؟',
      'שלום, עולם! מה שלומך היום?',
      'عام 2024 كان جيدا',
      'In Hebrew one says שלום עולם and in Arabic مرحبا بالعالم in a line.',
    ];
    const file = await writePdf(
      'rtl-punctuation.pdf',
      each([entry('assistant', lines.join('\n'))]),
    );
    const extracted = (await pdftotext(file)).split('\n').map(normalised);
    const letters = (text: string) => [...text.replace(/\s/g, '')].sort().join('');
    for (const line of lines) {
      expect(extracted.map(letters)).toContain(letters(line));
    }
  });

  it('embeds only the fonts the text needs', async () => {
    const file = await writePdf(
      'english.pdf',
      each([
        entry('user', 'What is the capital of France?'),
        entry('assistant', 'Paris is the capital of France.\n```\nprint("Paris")\n```'),
      ]),
    );
    expect(await fontNames(file)).toEqual(
      expect.arrayContaining(['NotoSans-Regular', 'NotoSans-Bold', 'JetBrainsMono-Regular']),
    );
    expect(await fontNames(file)).toHaveLength(3);
    expect((await stat(file)).size).toBeLessThan(60_000);
  });

  it('draws image attachments and lists the others by name', async () => {
    const webp = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 80, b: 40 } },
    })
      .webp()
      .toBuffer();
    const images: Record<string, Buffer | null> = { photo: webp, gone: null };
    const file = await writePdf(
      'attachments.pdf',
      each([
        entry('user', 'Look at these.', [
          { id: 'photo', kind: 'image', name: 'holiday photo.webp', media_type: 'image/webp' },
          { id: 'gone', kind: 'image', name: 'deleted since.png', media_type: 'image/png' },
          {
            id: 'doc',
            kind: 'document',
            name: 'quarterly report.pdf',
            media_type: 'application/pdf',
          },
        ]),
      ]),
      async (id) => images[id] ?? null,
    );

    const listed = (await run('pdfimages', ['-list', file])).stdout
      .split('\n')
      .slice(2)
      .filter(Boolean);
    expect(listed).toHaveLength(1);
    const [, , type, width, height] = listed[0]!.trim().split(/\s+/);
    expect([type, width, height]).toEqual(['image', '640', '480']);
    const text = normalised(await pdftotext(file));
    for (const name of ['holiday photo.webp', 'deleted since.png', 'quarterly report.pdf']) {
      expect(text).toContain(name);
    }
  });

  it('streams 2,000 messages of ~1 KB with bounded memory', { timeout: 60_000 }, async () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    await writePdf('warm-up.pdf', each([entry('user', 'Loads pdfkit and the fonts once.')]));
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let retained = 0;
    let writtenHalfway = 0;
    const file = join(dir, 'long.pdf');
    const out = createWriteStream(file);
    async function* messages(): AsyncGenerator<PdfEntry> {
      for (let i = 0; i < 2000; i++) {
        if (i % 200 === 0) {
          gc();
          retained = Math.max(retained, process.memoryUsage().heapUsed - baseline);
        }
        if (i === 1000) writtenHalfway = out.bytesWritten;
        yield entry(i % 2 ? 'assistant' : 'user', message(i));
      }
    }
    const header = { title: 'Long', mode: 'support', exportedAt: new Date() };
    await writePdfTranscript(out, header, messages(), async () => null);

    const { stdout } = await run('pdfinfo', [file]);
    expect(Number(/Pages:\s+(\d+)/.exec(stdout)?.[1])).toBeGreaterThan(500);
    expect(writtenHalfway).toBeGreaterThan(500_000); // pages went out while messages were read
    expect(retained).toBeLessThan(60 * 1024 * 1024);
  });
});

/** ~1 KB of varied English-like text: words from a 5,000-word list, a line break now and then. */
function message(seed: number): string {
  let state = seed + 1;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  let text = '';
  while (text.length < 1000) {
    const word = WORDS[Math.floor(next() ** 2 * WORDS.length)]!;
    text += word + (next() < 0.06 ? '.\n' : next() < 0.1 ? ', ' : ' ');
  }
  return text;
}

const WORDS = Array.from({ length: 5000 }, (_, i) => {
  const syllables = ['ka', 'to', 'ri', 'men', 'sal', 'u', 'ver', 'no', 'ex', 'pli', 'qua', 'dor'];
  let word = '';
  for (let n = i + 7; n > 0; n = Math.floor(n / 12)) word += syllables[n % 12];
  return word;
});
