import { createHash } from 'node:crypto';

export interface Weighted {
  weight: number;
}

/**
 * The variant a visitor keeps for the whole experiment: a point in [0, 1) from a hash of the
 * experiment and the user, placed on the variants' weights in order. The same user always lands
 * on the same variant while the weights stay as they are (they cannot change while it runs).
 */
export function assignVariant<T extends Weighted>(
  experimentId: string,
  userId: string,
  variants: readonly T[],
): T {
  const digest = createHash('sha256').update(`${experimentId}:${userId}`).digest();
  const point = digest.readUInt32BE(0) / 2 ** 32;
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  let reached = 0;
  for (const variant of variants) {
    reached += variant.weight / total;
    if (point < reached) return variant;
  }
  return variants.at(-1)!;
}
