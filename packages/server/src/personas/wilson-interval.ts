const Z_95 = 1.959964;

/**
 * The Wilson score interval of a share (`successes` of `trials`) at 95 %: unlike the normal
 * approximation it stays within [0, 1] and means something with few votes. Null with no trials.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
): { low: number; high: number } | null {
  if (trials === 0) return null;
  const share = successes / trials;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / trials;
  const centre = (share + z2 / (2 * trials)) / denominator;
  const margin =
    (Z_95 * Math.sqrt((share * (1 - share)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { low: Math.max(0, centre - margin), high: Math.min(1, centre + margin) };
}
