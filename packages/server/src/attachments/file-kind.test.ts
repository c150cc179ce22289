import { expect, test } from 'vitest';
import { kindOf, MarkupScan } from './file-kind.js';

test('markup is seen even when a chunk boundary cuts it in two', () => {
  const scan = new MarkupScan();
  scan.push(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x3c, 0x73, 0x63])); // …<sc
  expect(scan.found).toBe(false);
  scan.push(Buffer.from('ript>alert(1)'));
  expect(scan.found).toBe(true);
});

test('binary bytes and harmless angle brackets are not markup', () => {
  const scan = new MarkupScan();
  scan.push(Buffer.from([0x3c, 0x00, 0xff, 0x3c, 0x3e]));
  scan.push(Buffer.from('a < b and <scripted> words'));
  expect(scan.found).toBe(false);
});

test('the kind comes from magic numbers only', async () => {
  expect(
    await kindOf(Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n', 'latin1')),
  ).toEqual({
    kind: 'document',
    mediaType: 'application/pdf',
  });
  expect(await kindOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
  expect(await kindOf(Buffer.from('PK\u0003\u0004 a zip', 'latin1'))).toBeUndefined();
});
