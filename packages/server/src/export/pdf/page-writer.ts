import type { DocumentFonts } from './document-fonts.js';
import type { PreparedImage } from './images.js';
import type { PlacedPiece, SetLine, TextStyle } from './typesetter.js';

/** CSS pixels to points: an image's natural size on paper. */
const POINTS_PER_PIXEL = 0.75;

/**
 * Puts typeset lines and images down the page, top to bottom, and starts a new page when the
 * next one does not fit. pdfkit writes a page out when the next begins, so nothing of a
 * finished page stays in memory.
 */
export class PageWriter {
  #y: number;
  /** The fill colour set on this page's content, so each piece does not set it again. */
  #fill: string | null = null;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: DocumentFonts,
  ) {
    this.#y = doc.page.margins.top;
  }

  get width(): number {
    return this.#right - this.#left;
  }

  gap(points: number): void {
    this.#y += points;
  }

  /** A line; `indent` from the start side, `background` filled behind the full width. */
  line(line: SetLine, style: TextStyle, options: { indent?: number; background?: string } = {}) {
    this.#make(style.leading);
    const indent = options.indent ?? 0;
    if (options.background) {
      this.#color(options.background);
      this.doc.rect(this.#left, this.#y, this.width, style.leading).fill();
    }
    const x = line.rtl ? this.#right - indent - line.width : this.#left + indent;
    this.#pieces(line.pieces, x, this.#baseline(style), style);
    this.#y += style.leading;
  }

  /** Lines of different styles side by side on one baseline, left to right (a message's label). */
  row(parts: { line: SetLine; style: TextStyle }[]): void {
    const tallest = parts.reduce(
      (best, part) => (part.style.leading > best.leading ? part.style : best),
      parts[0]!.style,
    );
    this.#make(tallest.leading);
    let x = this.#left;
    for (const { line, style } of parts) {
      this.#pieces(line.pieces, x, this.#baseline(tallest), style);
      x += line.width;
    }
    this.#y += tallest.leading;
  }

  rule(color: string): void {
    this.#make(1);
    this.doc
      .moveTo(this.#left, this.#y)
      .lineTo(this.#right, this.#y)
      .lineWidth(0.5)
      .strokeColor(color)
      .stroke();
    this.#y += 1;
  }

  /** At its natural size, made smaller to fit the width and `maxHeight`. */
  image(image: PreparedImage, maxHeight: number): void {
    const natural = {
      width: image.width * POINTS_PER_PIXEL,
      height: image.height * POINTS_PER_PIXEL,
    };
    const scale = Math.min(1, this.width / natural.width, maxHeight / natural.height);
    const width = natural.width * scale;
    const height = natural.height * scale;
    this.#make(height);
    this.doc.image(image.data, this.#left, this.#y, { width, height });
    this.#y += height;
  }

  get #left(): number {
    return this.doc.page.margins.left;
  }

  get #right(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }

  #baseline(style: TextStyle): number {
    return this.#y + (style.leading - style.size) / 2 + style.size * 0.8;
  }

  #make(height: number): void {
    const bottom = this.doc.page.height - this.doc.page.margins.bottom;
    if (this.#y + height <= bottom) return;
    this.doc.addPage();
    this.#y = this.doc.page.margins.top;
    this.#fill = null;
  }

  #color(color: string): void {
    if (color === this.#fill) return;
    this.doc.fillColor(color);
    this.#fill = color;
  }

  #pieces(pieces: PlacedPiece[], x: number, baseline: number, style: TextStyle): void {
    for (const piece of pieces) {
      const face = this.fonts.use(piece.face);
      const size = style.size * face.scale;
      this.#color(style.color);
      this.doc.font(piece.face).fontSize(size);
      face.prepare({ text: piece.text, rtl: piece.rtl, run: piece.run });
      if (piece.actualText === undefined) {
        this.doc.text(piece.text, x, baseline, drawOptions(piece.width));
      } else {
        this.#withActualText(piece.actualText, size, () => {
          this.doc.text(piece.text, x, baseline, drawOptions(piece.width));
        });
      }
      face.prepare(null);
      x += piece.width;
    }
  }

  /**
   * A marked-content span whose /ActualText readers copy instead of the glyphs. pdfkit draws
   * text inside `q … Q` with its own y-flip and font; poppler places the span's text with the
   * CTM and font in force at EMC, so both are made the same as inside pdfkit's text object.
   */
  #withActualText(actualText: string, size: number, draw: () => void): void {
    const flip = [1, 0, 0, -1, 0, this.doc.page.height] as const;
    this.doc.save();
    this.doc.transform(...flip);
    this.doc.addContent(`/${currentFontId(this.doc)} ${size} Tf`);
    this.doc.markContent('Span', { actual: actualText });
    this.doc.transform(...flip);
    draw();
    this.doc.transform(...flip);
    this.doc.endMarkedContent();
    this.doc.restore();
  }
}

/** The page resource name pdfkit gave the current font (F1, F2…): not in its public API. */
function currentFontId(doc: PDFKit.PDFDocument): string {
  const id = (doc as unknown as { _font?: { id?: unknown } })._font?.id;
  if (typeof id !== 'string') throw new Error('pdfkit no longer exposes the current font id');
  return id;
}

/**
 * Drawn where the line's layout put it, shaped as measured (`features` present makes pdfkit
 * shape the whole piece, through `ShapedFace`). `textWidth` is pdfkit's own option (missing
 * from its types): with it pdfkit does not measure the text again.
 */
function drawOptions(width: number): PDFKit.Mixins.TextOptions {
  const options = { lineBreak: false, baseline: 'alphabetic', features: [], textWidth: width };
  return options as PDFKit.Mixins.TextOptions;
}
