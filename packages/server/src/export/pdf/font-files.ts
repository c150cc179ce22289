import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/** The typefaces a transcript can use; each is a font file shipped in an npm package (SIL OFL). */
export type FaceKey =
  'sans' | 'sans-bold' | 'mono' | 'arabic' | 'hebrew' | 'chinese' | 'japanese' | 'korean';

/** Noto Sans covers Latin, Greek, Cyrillic and Devanagari; the others cover one script each. */
const FACE_FILES: Record<FaceKey, { pkg: string; file: string }> = {
  sans: { pkg: '@embedpdf/fonts-latin', file: 'fonts/NotoSans-Regular.ttf' },
  'sans-bold': { pkg: '@embedpdf/fonts-latin', file: 'fonts/NotoSans-Bold.ttf' },
  mono: {
    pkg: '@expo-google-fonts/jetbrains-mono',
    file: '400Regular/JetBrainsMono_400Regular.ttf',
  },
  arabic: { pkg: '@embedpdf/fonts-arabic', file: 'fonts/NotoNaskhArabic-Regular.ttf' },
  hebrew: { pkg: '@embedpdf/fonts-hebrew', file: 'fonts/NotoSansHebrew-Regular.ttf' },
  chinese: { pkg: '@embedpdf/fonts-sc', file: 'fonts/NotoSansHans-Regular.otf' },
  japanese: { pkg: '@embedpdf/fonts-jp', file: 'fonts/NotoSansJP-Regular.otf' },
  korean: { pkg: '@embedpdf/fonts-kr', file: 'fonts/NotoSansKR-Regular.otf' },
};

/**
 * OpenType features each face is shaped with, beyond the defaults. JetBrains Mono's contextual
 * ligatures turn `//` or `=>` into one drawn sign (and reach a glyph fontkit cannot read); code
 * in a transcript should look as it was typed.
 */
export const FACE_FEATURES: Partial<Record<FaceKey, Record<string, boolean>>> = {
  mono: { calt: false, liga: false },
};

/** Naskh's letters are small beside Noto Sans at the same size; this evens them out. */
export const FACE_SCALE: Partial<Record<FaceKey, number>> = { arabic: 1.2 };

const require = createRequire(import.meta.url);

/** The packages' `exports` hide their font files, so find each package's folder from its entry. */
function packageRoot(pkg: string): string {
  let dir = dirname(require.resolve(pkg));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === pkg) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of ${pkg}`);
    dir = parent;
  }
}

export function fontFilePath(key: FaceKey): string {
  const { pkg, file } = FACE_FILES[key];
  return join(packageRoot(pkg), file);
}

/**
 * Parsed fonts are kept for the life of the process: parsing the CJK fonts (4-8 MB each) costs
 * more than an export of a short conversation, and they are only read, never changed.
 */
const parsed = new Map<FaceKey, Promise<fontkit.Font>>();

export function loadFontFile(key: FaceKey): Promise<fontkit.Font> {
  let font = parsed.get(key);
  if (!font) {
    font = readFile(fontFilePath(key)).then((bytes) => {
      const opened = fontkit.create(bytes);
      if (!('layout' in opened)) throw new Error(`${key}: a font collection, not one font`);
      return opened;
    });
    font.catch(() => parsed.delete(key)); // a failed read may succeed next time
    parsed.set(key, font);
  }
  return font;
}
