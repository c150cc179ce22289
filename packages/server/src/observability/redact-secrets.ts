/**
 * Removes whatever looks like a credential from text we log but did not write ourselves, such as an
 * upstream error body (a gateway may echo the key it was sent). Keeps the rest readable.
 */
const REDACTED = '[redacted]';

const RULES: Array<[RegExp, string]> = [
  // A header or field that carries a credential, in HTTP, JSON or query form: keep the name only.
  [
    /((?:x-api-key|api[-_]?key|authorization|proxy-authorization)["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic)\s+)?[^\s"',;&}]+/gi,
    `$1${REDACTED}`,
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Anthropic keys (sk-ant-…), and the sk-… keys of other providers.
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED],
  // A JWT: a base64url JSON header ("eyJ"), a payload and a (possibly empty) signature.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

export function redactSecrets(text: string): string {
  return RULES.reduce(
    (redacted, [pattern, replacement]) => redacted.replace(pattern, replacement),
    text,
  );
}
