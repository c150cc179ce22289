/**
 * Child process of a first start (embedded-first-start.ts): creates PGlite's files in the folder
 * it is given, then exits, taking the memory initdb used with it.
 */
import { PGlite } from '@electric-sql/pglite';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: embedded-initdb <folder>');
  process.exit(2);
}
const db = new PGlite(dir);
await db.waitReady;
await db.close();
