/** localStorage when the page may use it (not in SSR, sandboxed frames or blocked storage). */
export function pageStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    return storage && typeof storage.getItem === 'function' ? storage : undefined;
  } catch {
    return undefined;
  }
}

export function readItem(key: string): string | null {
  try {
    return pageStorage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeItem(key: string, value: string | null): void {
  try {
    if (value === null) pageStorage()?.removeItem(key);
    else pageStorage()?.setItem(key, value);
  } catch {
    // Storage full or forbidden: history just won't outlive the page.
  }
}

/** A v4 UUID, also on plain-http pages where crypto.randomUUID is missing. */
export function newClientMessageId(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A flag in sessionStorage (false when storage is blocked). */
export function readSessionFlag(key: string): boolean {
  try {
    return globalThis.sessionStorage?.getItem(key) === '1';
  } catch {
    return false;
  }
}

export function writeSessionFlag(key: string, on: boolean): void {
  try {
    if (on) globalThis.sessionStorage?.setItem(key, '1');
    else globalThis.sessionStorage?.removeItem(key);
  } catch {
    // Storage blocked: the panel just starts closed after a reload.
  }
}
