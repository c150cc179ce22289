import { addressLimitKey } from '../limits/address-key.js';
import { refuseOverWindow } from '../limits/refuse-over-window.js';
import type { WindowCounter } from '../limits/window-counter.js';
import { normalizeEmail } from './operator-accounts.js';

const WINDOW_MS = 15 * 60_000;

/**
 * Sign-in attempts, counted before the password is checked: per client address (one guesser) and
 * per e-mail address (one account guessed at from many addresses). Over either: 429 with Retry-After.
 */
export class SignInThrottle {
  constructor(
    private readonly windows: WindowCounter,
    private readonly perAddress: number,
    private readonly perEmail: number,
  ) {}

  async count(clientAddress: string, email: string): Promise<void> {
    const message = 'Too many sign-in attempts; wait and try again.';
    await refuseOverWindow({
      windows: this.windows,
      key: `admin-sign-in:address:${addressLimitKey(clientAddress)}`,
      max: this.perAddress,
      windowMs: WINDOW_MS,
      message,
    });
    await refuseOverWindow({
      windows: this.windows,
      key: `admin-sign-in:email:${normalizeEmail(email)}`,
      max: this.perEmail,
      windowMs: WINDOW_MS,
      message,
    });
  }
}
