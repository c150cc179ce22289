import type { TestServer } from './test-server.js';

export interface UploadOptions {
  /** Whose token; null: none. Default alice. */
  as?: string | null;
  name?: string;
  /** The declared type: never believed, so tests can lie with it. */
  type?: string;
  field?: string;
}

/** POST /chat/attachments with one file part, as a browser's FormData sends it. */
export function upload(
  t: TestServer,
  bytes: Buffer,
  options: UploadOptions = {},
): Promise<Response> {
  const form = new FormData();
  form.append(
    options.field ?? 'file',
    new Blob([bytes], { type: options.type ?? 'application/octet-stream' }),
    options.name ?? 'file.bin',
  );
  return t.request('/chat/attachments', {
    method: 'POST',
    body: form,
    as: options.as === undefined ? 'alice' : options.as,
  });
}

/** An upload that must succeed: the Attachment. */
export async function uploaded(
  t: TestServer,
  bytes: Buffer,
  options: UploadOptions = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
  const response = await upload(t, bytes, options);
  const body = await response.json();
  if (response.status !== 201)
    throw new Error(`upload answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

export const attachmentRows = (t: TestServer) => t.server.db('ai_attachments');
