/** A v4 UUID: `crypto.randomUUID` where it exists (browsers need a secure context), else Math.random. */
export function uuid(): string {
  return (
    globalThis.crypto?.randomUUID?.() ??
    // Each 0 and 1 becomes a random hex digit, each 8 one of 8-b (the variant); the 4 stays.
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (+c ^ ((Math.random() * 16) >> (+c / 4))).toString(16),
    )
  );
}
