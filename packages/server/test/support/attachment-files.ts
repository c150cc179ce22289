/**
 * Files for the attachments tests, made here rather than kept as binaries: real images from sharp,
 * real PDFs from pdf-lib, and the hostile ones built byte by byte.
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';

/** A noisy RGB image (noise compresses badly, so its size follows its pixels). */
export function png(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
}

export function solidImage(
  format: 'png' | 'jpeg' | 'gif' | 'webp',
  width = 40,
  height = 30,
): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .toFormat(format)
    .toBuffer();
}

/** A JPEG carrying EXIF with a GPS position and a camera's name. */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
    .withExif({
      IFD0: { Make: 'SecretCam', Model: 'Spy 3000' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 0/1',
      },
    })
    .jpeg()
    .toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a few hundred bytes whose header says 50,000 × 50,000 (2.5 gigapixels, 7.5 GB
 * decoded), with rows of zeros that deflate to almost nothing.
 */
export function pngBomb(side = 50_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = deflateSync(Buffer.alloc((side * 3 + 1) * 64)); // the first 64 rows, all zero
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const SVG_WITH_SCRIPT = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
);

export const HTML_PAGE = Buffer.from(
  '<!doctype html><html><body><script>alert(1)</script></body></html>',
);

/** A real PNG with an HTML page after it: a browser sniffing it could run the script. */
export async function pngHtmlPolyglot(): Promise<Buffer> {
  return Buffer.concat([await solidImage('png'), HTML_PAGE]);
}

/** A zip archive's first bytes (a local file header and a name). */
export const ZIP_ARCHIVE = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  Buffer.alloc(12),
  Buffer.from([8, 0, 0, 0]),
  Buffer.from('file.txt'),
  Buffer.from('hello'),
]);

export async function pdf(pages = 1): Promise<Buffer> {
  const document = await PDFDocument.create();
  for (let i = 0; i < pages; i++)
    document.addPage([200, 200]).drawText(`Page ${i + 1}`, { x: 20, y: 100 });
  return Buffer.from(await document.save());
}

/** A PDF that runs JavaScript when it is opened. */
export async function pdfWithJavaScript(): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage([200, 200]);
  document.catalog.set(
    PDFName.of('OpenAction'),
    document.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("hi")') }),
  );
  return Buffer.from(await document.save());
}

/** A PDF whose trailer names an encryption dictionary (as a password-protected one does). */
export async function encryptedPdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage([200, 200]);
  const text = Buffer.from(await document.save({ useObjectStreams: false })).toString('latin1');
  const encrypted = text.replace(
    /trailer\s*<</,
    'trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >>',
  );
  if (encrypted === text) throw new Error('no trailer to encrypt');
  return Buffer.from(encrypted, 'latin1');
}
