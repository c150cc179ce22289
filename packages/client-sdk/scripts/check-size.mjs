// Fails when the minified ESM build is over the size budget once gzipped.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// 4.5 KB until attachments: upload, get, the XMLHttpRequest transport that reports upload
// progress in browsers and two error classes add about 520 B, more than the 350 B left.
const BUDGET = 5 * 1024;
const file = new URL('../dist/index.min.js', import.meta.url);
const size = gzipSync(readFileSync(file), { level: 9 }).length;
const verdict = size <= BUDGET ? 'within' : 'OVER';
console.log(`dist/index.min.js: ${size} B min+gzip (${verdict} the ${BUDGET} B budget)`);
process.exit(size <= BUDGET ? 0 : 1);
