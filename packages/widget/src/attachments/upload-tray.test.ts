import { AbortError, PayloadTooLargeError } from '@repruv/client-sdk';
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../controllers/chat-message.js';
import { UploadTray, type PendingFile, type UploadFile } from './upload-tray.js';

const png = (name: string, size = 10) =>
  new File([new Uint8Array(size)], name, { type: 'image/png' });

function attachmentFor(file: File): Attachment {
  return {
    id: `id-${file.name}`,
    kind: 'image',
    media_type: 'image/png',
    name: file.name,
    size: file.size,
    width: 1,
    height: 1,
    pages: null,
    created_at: new Date(0).toISOString(),
  };
}

/** A server whose uploads finish when the test says so. */
function controlledUploads() {
  const calls: {
    file: File;
    signal: AbortSignal;
    progress: (f: number) => void;
    finish: (error?: unknown) => void;
  }[] = [];
  const upload: UploadFile = (file, { onProgress, signal }) =>
    new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new AbortError()));
      calls.push({
        file,
        signal,
        progress: onProgress,
        finish: (error) => (error ? reject(error) : resolve(attachmentFor(file))),
      });
    });
  return { upload, calls };
}

function trayWith(upload: UploadFile) {
  const uploaded: PendingFile[] = [];
  const failed: unknown[] = [];
  let changes = 0;
  const tray = new UploadTray({
    upload,
    onChange: () => changes++,
    onUploaded: (file) => uploaded.push(file),
    onFailed: (error) => failed.push(error),
  });
  return { tray, uploaded, failed, changes: () => changes };
}

describe('UploadTray', () => {
  it('uploads each file at once, with its progress and a preview URL, and a send takes them', async () => {
    const server = controlledUploads();
    const { tray, uploaded, changes } = trayWith(server.upload);
    tray.add([png('a.png'), png('b.png')]);
    expect(server.calls.map((c) => c.file.name)).toEqual(['a.png', 'b.png']);
    expect(tray.files.every((f) => f.previewUrl?.startsWith('blob:'))).toBe(true);
    expect(tray.uploading).toBe(true);

    server.calls[0]!.progress(0.5);
    expect(tray.files[0]!.progress).toBe(0.5);
    const before = changes();
    server.calls[0]!.finish();
    server.calls[1]!.finish();
    const sent = await tray.take();
    expect(sent.map((a) => a.id)).toEqual(['id-a.png', 'id-b.png']);
    expect(uploaded.map((f) => f.file.name)).toEqual(['a.png', 'b.png']);
    expect(tray.files).toEqual([]);
    expect(changes()).toBeGreaterThan(before);
  });

  it('a send waits for the uploads still going', async () => {
    const server = controlledUploads();
    const { tray } = trayWith(server.upload);
    tray.add([png('slow.png')]);
    let taken: Attachment[] | null = null;
    const sending = tray.take().then((a) => (taken = a));
    await Promise.resolve();
    expect(taken).toBeNull();
    server.calls[0]!.finish();
    await sending;
    expect(taken!.map((a) => a.name)).toEqual(['slow.png']);
  });

  it('a second send while the first waits does not take the same files again', async () => {
    const server = controlledUploads();
    const { tray } = trayWith(server.upload);
    tray.add([png('once.png')]);
    const first = tray.take();
    expect(tray.sendable).toBe(false);
    const second = tray.take();
    server.calls[0]!.finish();
    expect((await first).map((a) => a.name)).toEqual(['once.png']);
    expect(await second).toEqual([]);
  });

  it('removing a file while it uploads aborts the upload and sends nothing of it', async () => {
    const server = controlledUploads();
    const { tray, uploaded } = trayWith(server.upload);
    tray.add([png('gone.png'), png('kept.png')]);
    tray.remove(tray.files[0]!.key);
    expect(server.calls[0]!.signal.aborted).toBe(true);
    expect(tray.files.map((f) => f.file.name)).toEqual(['kept.png']);
    server.calls[1]!.finish();
    expect((await tray.take()).map((a) => a.name)).toEqual(['kept.png']);
    expect(uploaded.map((f) => f.file.name)).toEqual(['kept.png']);
  });

  it('refuses a file before uploading it, and keeps it, with why, after a send', async () => {
    const server = controlledUploads();
    const { tray } = trayWith(server.upload);
    tray.add([new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' }), png('ok.png')]);
    expect(server.calls.map((c) => c.file.name)).toEqual(['ok.png']);
    expect(tray.files[0]!.refusal).toEqual({ reason: 'type' });
    expect(tray.files[0]!.previewUrl).toBeNull();
    server.calls[0]!.finish();
    expect((await tray.take()).map((a) => a.name)).toEqual(['ok.png']);
    expect(tray.files.map((f) => f.file.name)).toEqual(['logo.svg']);
  });

  it("keeps the server's refusal with the file and reports it", async () => {
    const server = controlledUploads();
    const { tray, failed } = trayWith(server.upload);
    tray.add([png('wide.png')]);
    const refusal = new PayloadTooLargeError('The image is over 8000 px on a side', {
      status: 413,
    });
    server.calls[0]!.finish(refusal);
    expect(await tray.take()).toEqual([]);
    expect(tray.files[0]!.error).toBe(refusal);
    expect(failed).toEqual([refusal]);
  });

  it('counts only the files that can be sent towards the ten of a message', () => {
    const server = controlledUploads();
    const { tray } = trayWith(server.upload);
    tray.add([new File(['x'], 'x.txt', { type: 'text/plain' })]);
    tray.add(Array.from({ length: 11 }, (_, i) => png(`${i}.png`)));
    expect(server.calls).toHaveLength(10);
    expect(tray.files.at(-1)!.refusal).toEqual({ reason: 'count', limit: 10 });
  });
});
