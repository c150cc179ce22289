import { FACE_FEATURES, FACE_SCALE, loadFontFile, type FaceKey } from './font-files.js';
import { ShapedFace } from './shaped-face.js';

/**
 * The fonts of one PDF, each loaded and registered with pdfkit the first time the text needs it,
 * so a document embeds only the fonts its characters asked for.
 */
export class DocumentFonts {
  readonly #faces = new Map<FaceKey, ShapedFace>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** The face, if it has been loaded. */
  get(key: FaceKey): ShapedFace | undefined {
    return this.#faces.get(key);
  }

  /** The face, which the caller knows was loaded. */
  use(key: FaceKey): ShapedFace {
    const face = this.#faces.get(key);
    if (!face) throw new Error(`font ${key} used before it was loaded`);
    return face;
  }

  async load(keys: Iterable<FaceKey>): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !this.#faces.has(key));
    const fonts = await Promise.all(missing.map((key) => loadFontFile(key)));
    missing.forEach((key, i) => {
      if (this.#faces.has(key)) return; // loaded meanwhile by another paragraph's call
      const face = new ShapedFace(key, fonts[i]!, FACE_FEATURES[key], FACE_SCALE[key]);
      // pdfkit takes any object with fontkit's interface as a font (PDFFontFactory.open)
      this.doc.registerFont(key, face.pdfkitFont as unknown as PDFKit.Mixins.PDFFontSource);
      this.#faces.set(key, face);
    });
  }
}
