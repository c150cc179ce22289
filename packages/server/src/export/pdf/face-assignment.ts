import type { DocumentFonts } from './document-fonts.js';
import type { FaceKey } from './font-files.js';
import { cjkFontsMayCover, scriptClass, type CjkFace, type ScriptClass } from './scripts.js';

/** A stretch of text drawn with one face; `null` when no font has its characters. */
export interface FaceRun {
  start: number;
  end: number;
  face: FaceKey | null;
}

export interface FaceChoice {
  /** The face for Latin, Greek, Cyrillic, Devanagari: the text's style (body, bold, code). */
  primary: FaceKey;
  /** The face for Han characters, from the message they are in. */
  cjk: CjkFace;
}

const CJK_FACES: readonly CjkFace[] = ['chinese', 'japanese', 'korean'];

/**
 * Picks a face for every character: by script first, then down a fallback chain by glyph
 * coverage. Spaces, punctuation and digits stay in the face of the text before them, and a
 * combining mark or an invisible format character always does, so that a word is shaped by one
 * font (fontkit draws default-ignorable characters as nothing).
 */
export async function assignFaces(
  text: string,
  choice: FaceChoice,
  fonts: DocumentFonts,
): Promise<FaceRun[]> {
  await fonts.load(facesByScript(text, choice));
  const runs: FaceRun[] = [];
  let previous: FaceKey | null | undefined;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const end = i + (cp > 0xffff ? 2 : 1);
    const cls = scriptClass(cp);
    let face: FaceKey | null;
    if (cp < 0x80 && cp >= 0x20 && previous === choice.primary) {
      face = previous; // every primary face has ASCII: the common case, without the search
    } else if (cls === 'mark') {
      face = previous === undefined ? choice.primary : previous; // with the character it marks
    } else {
      const candidates = candidateFaces(cp, cls, choice, previous ?? null);
      let pick = firstCovering(cp, candidates, fonts);
      while (typeof pick === 'object' && pick !== null) {
        await fonts.load([pick.load]);
        pick = firstCovering(cp, candidates, fonts);
      }
      face = pick;
    }
    const last = runs[runs.length - 1];
    if (last && last.face === face) last.end = end;
    else runs.push({ start: i, end, face });
    previous = face;
    i = end;
  }
  return runs;
}

function preferredFace(cls: ScriptClass, choice: FaceChoice): FaceKey | null {
  switch (cls) {
    case 'arabic':
      return 'arabic';
    case 'hebrew':
      return 'hebrew';
    case 'hangul':
      return 'korean';
    case 'kana':
      return choice.cjk === 'chinese' ? 'japanese' : choice.cjk;
    case 'han':
    case 'cjk-symbol':
      return choice.cjk;
    case 'other':
      return choice.primary;
    case 'common':
    case 'mark':
      return null;
  }
}

function facesByScript(text: string, choice: FaceChoice): Set<FaceKey> {
  const faces = new Set<FaceKey>([choice.primary]);
  for (const char of text) {
    const face = preferredFace(scriptClass(char.codePointAt(0)!), choice);
    if (face) faces.add(face);
  }
  return faces;
}

function candidateFaces(
  cp: number,
  cls: ScriptClass,
  choice: FaceChoice,
  previous: FaceKey | null,
): FaceKey[] {
  const first: FaceKey[] = [];
  if (cls === 'common' && previous) first.push(previous);
  if (cls === 'cjk-symbol' && isCjk(previous)) first.push(previous);
  const preferred = preferredFace(cls, choice);
  if (preferred) first.push(preferred);
  const fallbacks: FaceKey[] = [choice.primary, 'sans'];
  if (cjkFontsMayCover(cp)) fallbacks.push(choice.cjk, ...CJK_FACES);
  return [...new Set([...first, ...fallbacks])];
}

function isCjk(face: FaceKey | null): face is CjkFace {
  return (CJK_FACES as readonly (FaceKey | null)[]).includes(face);
}

/** Synchronous while the candidates are loaded; otherwise names the face to load first. */
function firstCovering(
  cp: number,
  candidates: FaceKey[],
  fonts: DocumentFonts,
): FaceKey | null | { load: FaceKey } {
  for (const key of candidates) {
    const face = fonts.get(key);
    if (!face) return { load: key };
    if (face.covers(cp)) return key;
  }
  return null;
}
