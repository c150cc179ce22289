/**
 * Helpers of the attachments test: real files (a PNG made by sharp, a one-page PDF written
 * out as text), and files handed to the panel as a paste or a drop would hand them.
 */
import type { Page } from 'playwright-core';
import sharp from 'sharp';

export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A solid PNG of `width` × `height`. */
export async function png(name: string, width = 48, height = 32): Promise<TestFile> {
  const buffer = await sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 40, b: 60 } },
  })
    .png()
    .toBuffer();
  return { name, mimeType: 'image/png', buffer };
}

/** The smallest well-formed PDF of one empty page: four objects and their byte offsets. */
export function pdf(name: string): TestFile {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let text = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = text.length;
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  text += offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('');
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(text, 'latin1') };
}

/** What the page builds a File from: the bytes as base64, or a size of zeros (a large file). */
type FileInPage = { name: string; type: string; base64?: string; zeros?: number };

const inPage = (file: TestFile): FileInPage => ({
  name: file.name,
  type: file.mimeType,
  base64: file.buffer.toString('base64'),
});

/**
 * Dispatches `type` (paste, dragover, drop…) on the composer's input with a DataTransfer
 * holding `files`, as the browser does for a paste or a drop.
 */
async function transfer(page: Page, type: string, files: FileInPage[]): Promise<void> {
  await page.evaluate(
    ({ type, files }) => {
      const data = new DataTransfer();
      for (const f of files) {
        const bytes = f.base64
          ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))
          : new Uint8Array(f.zeros ?? 0);
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const root = document.querySelector('repruv-chat')!.shadowRoot!;
      const target = root.querySelector(type === 'paste' ? 'textarea' : '.log')!;
      const init = { bubbles: true, cancelable: true, composed: true };
      const event =
        type === 'paste'
          ? new ClipboardEvent(type, { ...init, clipboardData: data })
          : new DragEvent(type, { ...init, dataTransfer: data });
      target.dispatchEvent(event);
    },
    { type, files },
  );
}

export const paste = (page: Page, ...files: TestFile[]) =>
  transfer(page, 'paste', files.map(inPage));

/** A paste of a file of `size` zero bytes, made in the page (nothing that large crosses over). */
export const pasteLarge = (page: Page, name: string, type: string, size: number) =>
  transfer(page, 'paste', [{ name, type, zeros: size }]);

/** Drags `files` over the transcript; `drop` finishes it. */
export const dragOver = (page: Page, ...files: TestFile[]) =>
  transfer(page, 'dragover', files.map(inPage));
export const drop = (page: Page, ...files: TestFile[]) => transfer(page, 'drop', files.map(inPage));

/** The `src` of every image shown in the transcript's attachments. */
export function thumbnailSources(page: Page): Promise<string[]> {
  return page
    .locator('.msg [part="attachment"] img')
    .evaluateAll((images) =>
      images.map((img) =>
        (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0
          ? (img as HTMLImageElement).src
          : '',
      ),
    );
}
