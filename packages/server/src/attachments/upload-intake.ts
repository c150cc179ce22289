import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import {
  FileTooLargeError,
  formatBytes,
  InvalidRequestError,
  RequestTimeoutError,
  UnsupportedMediaTypeError,
  type AppError,
} from '../errors.js';
import { kindOf, MarkupScan, SNIFF_BYTES, type FileKind } from './file-kind.js';

export interface UploadLimits {
  imageBytes: number;
  documentBytes: number;
  /** When the whole body must be in (epoch ms). */
  deadline: number;
}

/** The one file of an upload, on disk until `dispose()`, its kind read from its first bytes. */
export interface ReceivedFile {
  path: string;
  size: number;
  /** The part's filename as the client sent it, if any. */
  name: string | undefined;
  kind: FileKind;
  /** Markup (HTML, SVG, script) was seen somewhere in the bytes: see MarkupScan. */
  holdsMarkup: boolean;
  dispose(): Promise<void>;
}

/** Room for the multipart framing around the file, over the largest file allowed. */
const FRAMING_BYTES = 64 * 1024;

/**
 * Streams the `file` part of a multipart body to a temporary file, deciding its kind from its first
 * bytes and refusing it as soon as it passes its kind's limit, is not a kind we take, or the
 * deadline passes. Whatever goes wrong (the client gone mid-upload included), the file is removed:
 * nothing is left behind, and no more than a chunk of the body is ever held in memory.
 */
export async function receiveUpload(
  request: IncomingMessage,
  limits: UploadLimits,
): Promise<ReceivedFile> {
  const type = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new InvalidRequestError('Upload a file as multipart/form-data, in a part named "file".');
  }
  const largest = Math.max(limits.imageBytes, limits.documentBytes);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > largest + FRAMING_BYTES) {
    throw new FileTooLargeError(
      `Too large: ${formatBytes(declared)}, the limit is ${formatBytes(largest)}.`,
      { limit_bytes: largest, actual: declared },
    );
  }
  const directory = await mkdtemp(join(tmpdir(), 'repruv-upload-'));
  const dispose = () => rm(directory, { recursive: true, force: true });
  try {
    const file = await readFilePart(request, limits, join(directory, 'file'));
    return { ...file, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

type FilePart = Omit<ReceivedFile, 'dispose'>;

function readFilePart(
  request: IncomingMessage,
  limits: UploadLimits,
  path: string,
): Promise<FilePart> {
  return new Promise<FilePart>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        defParamCharset: 'utf8', // browsers send filenames as UTF-8
        limits: { files: 2, fields: 20, fieldSize: 1024, parts: 30, headerPairs: 50 },
      });
    } catch {
      reject(new InvalidRequestError('The multipart body has no boundary.'));
      return;
    }
    let settled = false;
    let received: Promise<FilePart> | undefined;
    const timer = setTimeout(
      () => fail(new RequestTimeoutError('body')),
      Math.max(0, limits.deadline - Date.now()),
    );
    const fail = (error: AppError | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.unpipe(parser);
      request.resume(); // the rest is read and dropped, so the answer reaches a client still sending
      reject(error);
    };
    const onGone = () => {
      if (!request.complete)
        fail(new InvalidRequestError('The upload ended before it was complete.'));
    };
    request.once('close', onGone);

    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || received) {
        stream.resume();
        fail(
          new InvalidRequestError('Send exactly one file, in a part named "file".', {
            field: 'file',
          }),
        );
        return;
      }
      const inspector = new FileInspector(limits);
      received = pipeline(stream, inspector, createWriteStream(path)).then(() => {
        if (!inspector.kind) throw new UnsupportedMediaTypeError();
        return {
          path,
          size: inspector.size,
          name: info.filename,
          kind: inspector.kind,
          holdsMarkup: inspector.markup.found,
        };
      });
      received.catch(fail);
    });
    parser.on('filesLimit', () =>
      fail(new InvalidRequestError('Send one file per upload.', { field: 'file' })),
    );
    parser.on('partsLimit', () =>
      fail(new InvalidRequestError('The multipart body has too many parts.')),
    );
    parser.on('error', () => fail(new InvalidRequestError('The multipart body is malformed.')));
    parser.on('close', () => {
      if (!received) {
        fail(
          new InvalidRequestError('No file: send one in a part named "file".', { field: 'file' }),
        );
        return;
      }
      received.then(
        (file) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          request.off('close', onGone);
          resolve(file);
        },
        () => undefined, // failed already
      );
    });
    request.pipe(parser);
  });
}

/** Passes the bytes through, sniffing their kind, counting them against its limit, watching for markup. */
class FileInspector extends Transform {
  size = 0;
  kind: FileKind | undefined;
  readonly markup = new MarkupScan();
  private head: Buffer[] = [];
  private headSize = 0;

  constructor(private readonly limits: UploadLimits) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: string, done: TransformCallback): void {
    this.size += chunk.length;
    this.markup.push(chunk);
    if (!this.kind && this.headSize < SNIFF_BYTES) {
      this.head.push(chunk);
      this.headSize += chunk.length;
      if (this.headSize < SNIFF_BYTES) {
        done();
        return;
      }
      void this.sniff().then(() => this.pass(Buffer.concat(this.head), done), done);
      return;
    }
    this.pass(chunk, done);
  }

  override _flush(done: TransformCallback): void {
    if (this.kind || this.headSize === 0) {
      done(
        this.headSize === 0
          ? new InvalidRequestError('The file is empty.', { field: 'file' })
          : undefined,
      );
      return;
    }
    // A file shorter than the sample: what there is, is all there is.
    void this.sniff().then(() => this.pass(Buffer.concat(this.head), done), done);
  }

  private async sniff(): Promise<void> {
    this.kind = await kindOf(Buffer.concat(this.head));
    if (!this.kind) throw new UnsupportedMediaTypeError();
  }

  private pass(bytes: Buffer, done: TransformCallback): void {
    this.head = [];
    const limit = this.kind!.kind === 'image' ? this.limits.imageBytes : this.limits.documentBytes;
    if (this.size > limit) {
      const what = this.kind!.kind === 'image' ? 'images' : 'PDFs';
      done(
        new FileTooLargeError(`Too large: over ${formatBytes(limit)}, the limit for ${what}.`, {
          limit_bytes: limit,
        }),
      );
      return;
    }
    done(null, bytes);
  }
}
