import { RateLimitedError } from '../errors.js';
import { addressLimitKey } from '../limits/address-key.js';
import { refuseOverWindow } from '../limits/refuse-over-window.js';
import type { WindowCounter } from '../limits/window-counter.js';
import { normalizeEmail } from './operator-accounts.js';

const WINDOW_MS = 15 * 60_000;

/**
 * Sign-in attempts, counted before the password is checked: per client address (one guesser) and
 * per e-mail address (one account guessed at from many addresses), except that a browser the
 * operator signed in from before (known-devices.ts) has a count of its own instead of the
 * address's: spending an operator's attempts locks out strangers' browsers, not the operator's.
 * Over a limit: 429 with Retry-After.
 */
export class SignInThrottle {
  constructor(
    private readonly windows: WindowCounter,
    private readonly perAddress: number,
    private readonly perEmail: number,
  ) {}

  /**
   * `knownDevice` tells, once the address is within its limit, the nonce of this browser's valid
   * proof that it signed in as `email` before (undefined: a stranger's browser).
   */
  async count(
    clientAddress: string,
    email: string,
    knownDevice: () => Promise<string | undefined> = async () => undefined,
  ): Promise<void> {
    const message = 'Too many sign-in attempts; wait and try again.';
    await refuseOverWindow({
      windows: this.windows,
      key: `admin-sign-in:address:${addressLimitKey(clientAddress)}`,
      max: this.perAddress,
      windowMs: WINDOW_MS,
      message,
    });
    const device = await knownDevice();
    await refuseOverWindow({
      windows: this.windows,
      key: device
        ? `admin-sign-in:device:${device}`
        : `admin-sign-in:email:${normalizeEmail(email)}`,
      max: this.perEmail,
      windowMs: WINDOW_MS,
      message,
    });
  }
}

/** Password checks at once in this process: each is tens of milliseconds and 32 MiB of scrypt. */
export const PASSWORD_CHECKS_AT_ONCE = 2;

/**
 * Caps the scrypt checks running at once, so that sign-ins from many addresses (each within its
 * own limit) cannot hold every libuv worker thread, which file, DNS and zlib work share: beyond the
 * cap a sign-in answers 429 with `Retry-After: 1` at once, before any hashing.
 */
export class PasswordCheckSlots {
  #running = 0;

  constructor(private readonly max = PASSWORD_CHECKS_AT_ONCE) {}

  async run<T>(check: () => Promise<T>): Promise<T> {
    if (this.#running >= this.max) {
      throw new RateLimitedError(
        1,
        'Many sign-ins are being checked at once; try again in a second.',
      );
    }
    this.#running += 1;
    try {
      return await check();
    } finally {
      this.#running -= 1;
    }
  }
}
