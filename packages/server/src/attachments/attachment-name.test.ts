import { expect, test } from 'vitest';
import { attachmentName } from './attachment-name.js';

test.each([
  ['thumb.png', 'image/png', 'thumb.png'],
  ['C:\\Users\\me\\Desktop\\kit.pdf', 'application/pdf', 'kit.pdf'],
  ['../../etc/passwd', 'image/png', 'passwd'],
  ['tab\there\u0000.png', 'image/png', 'tabhere.png'],
  ['  ', 'application/pdf', 'document.pdf'],
  [undefined, 'image/jpeg', 'image.jpg'],
  ['..', 'image/webp', 'image.webp'],
  ['é'.repeat(300), 'image/gif', 'é'.repeat(255)],
] as const)('%j (%s) is named %j', (given, mediaType, expected) => {
  expect(attachmentName(given, mediaType)).toBe(expected);
});
