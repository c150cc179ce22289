import type SharpModule from 'sharp';
import type { Sharp } from 'sharp';
import { FileTooLargeError, InvalidRequestError, UnsupportedMediaTypeError } from '../errors.js';
import type { ImageMediaType } from './file-kind.js';

/** SPEC: no side over 8,000 px is accepted; what is kept has a long edge of at most 1,568 px. */
export const MAX_IMAGE_SIDE = 8_000;
export const STORED_LONG_EDGE = 1_568;
export const THUMBNAIL_LONG_EDGE = 256;

export interface ReencodedImage {
  bytes: Buffer;
  width: number;
  height: number;
  thumbnail: Buffer;
}

let loading: Promise<typeof SharpModule> | undefined;

/** sharp (and libvips, some 30 MB) is loaded with the first image, not with the server. */
async function loadSharp(): Promise<typeof SharpModule> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    // libvips decodes on threads of its own; one at a time bounds the memory decoding takes.
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  });
  return loading;
}

const decodeOptions = {
  limitInputPixels: MAX_IMAGE_SIDE * MAX_IMAGE_SIDE,
  sequentialRead: true,
  failOn: 'warning' as const,
};

/**
 * Decodes the image at `path` and writes it again, so that what is kept was made here: upright by
 * its EXIF orientation, every metadata block dropped (sharp keeps none unless asked), the long edge
 * at most 1,568 px, in the format it came in (an animated GIF keeps its first frame). The size is
 * read from the header first, so a decompression bomb is refused before any pixel is decoded.
 */
export async function reencodeImage(
  path: string,
  mediaType: ImageMediaType,
): Promise<ReencodedImage> {
  const sharp = await loadSharp();
  // The header alone (nothing is decoded): the pixel limit is checked here, with its own answer.
  const header = await sharp(path, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw damaged();
    });
  const { width, height } = header;
  if (!width || !height) throw new UnsupportedMediaTypeError();
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new FileTooLargeError(
      `Too large: ${width} × ${height} px, the limit is ${MAX_IMAGE_SIDE} px on a side.`,
      { limit_pixels: MAX_IMAGE_SIDE, actual: `${width}x${height}` },
    );
  }
  const resized = sharp(path, decodeOptions).rotate().resize({
    width: STORED_LONG_EDGE,
    height: STORED_LONG_EDGE,
    fit: 'inside',
    withoutEnlargement: true,
  });
  const written = await encodeAs(resized, mediaType)
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw damaged();
    });
  const thumbnail = await sharp(written.data)
    .resize({
      width: THUMBNAIL_LONG_EDGE,
      height: THUMBNAIL_LONG_EDGE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .webp({ quality: 75 })
    .toBuffer();
  return {
    bytes: written.data,
    width: written.info.width,
    height: written.info.height,
    thumbnail,
  };
}

function encodeAs(image: Sharp, mediaType: ImageMediaType): Sharp {
  switch (mediaType) {
    case 'image/png':
      return image.png({ compressionLevel: 6 });
    case 'image/jpeg':
      return image.jpeg({ quality: 85 });
    case 'image/webp':
      return image.webp({ quality: 85 });
    case 'image/gif':
      return image.gif();
  }
}

function damaged(): InvalidRequestError {
  return new InvalidRequestError('The image is damaged or incomplete and could not be read.', {
    field: 'file',
  });
}
