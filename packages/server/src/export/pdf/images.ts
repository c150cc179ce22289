/** An image pdfkit can embed (PNG or JPEG) and its size in pixels. */
export interface PreparedImage {
  data: Buffer;
  width: number;
  height: number;
}

/** Larger images are scaled down: drawn at most a page wide, more pixels only cost memory. */
const MAX_SIDE = 1600;
/** Refuses decompression bombs before decoding them. */
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Makes an attachment's bytes drawable: PNG and JPEG of a sensible size pass as they are
 * (JPEG is embedded without decoding), anything else sharp reads (WebP, GIF, AVIF, TIFF…) is
 * turned into JPEG, or PNG where it has transparency. `null` when the bytes are no image.
 */
export async function prepareImage(bytes: Buffer): Promise<PreparedImage | null> {
  const { default: sharp } = await import('sharp');
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, pages: 1 });
    const meta = await image.metadata();
    const { format, width, height } = meta;
    if (!width || !height) return null;
    const upright = (meta.orientation ?? 1) === 1;
    if ((format === 'jpeg' || format === 'png') && upright && Math.max(width, height) <= MAX_SIDE) {
      return { data: bytes, width, height };
    }
    const resized = image
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded = meta.hasAlpha ? resized.png() : resized.jpeg({ quality: 85 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    return null; // not an image sharp can read: the transcript names it only
  }
}
