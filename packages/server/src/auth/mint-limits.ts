import { RateLimitedError } from '../errors.js';
import { addressLimitKey } from '../limits/address-key.js';
import type { WindowCounter } from '../limits/window-counter.js';

const MINUTE_MS = 60_000;

export interface MintLimitOptions {
  /** GUEST_TOKENS_PER_IP_PER_MINUTE */
  perAddress: number;
  /** GUEST_TOKENS_PER_SITE_PER_MINUTE */
  perSite: number;
}

/**
 * How many guest tokens a client address and a site may get a minute. The address is counted
 * first, so one flooding address is refused before it uses up its site's allowance. A user the host
 * vouched for (a valid user_hash) is not counted against the site's allowance: a flood of anonymous
 * mints from many addresses must not lock the host's signed-in users out.
 */
export class GuestMintLimits {
  /** Addresses refused this window, by limit key: when their window ends (epoch ms). */
  private readonly spentUntil = new Map<string, number>();
  private nextSweepAt = 0;

  constructor(
    private readonly counter: WindowCounter,
    private readonly options: MintLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async admit(clientAddress: string, siteId: string, verifiedUser: boolean): Promise<void> {
    const { perAddress, perSite } = this.options;
    const addressKey = addressLimitKey(clientAddress);
    const byAddress = await this.counter.hit(
      `guest-tokens:address:${addressKey}`,
      perAddress,
      MINUTE_MS,
    );
    if (!byAddress.allowed) {
      this.spentUntil.set(addressKey, this.now() + byAddress.retryAfterSeconds * 1000);
      throw this.addressRefusal(byAddress.retryAfterSeconds);
    }
    if (verifiedUser) return;
    const bySite = await this.counter.hit(`guest-tokens:site:${siteId}`, perSite, MINUTE_MS);
    if (!bySite.allowed) {
      throw new RateLimitedError(
        bySite.retryAfterSeconds,
        `Too many guest tokens for this site (at most ${perSite} a minute, from all its visitors); retry in ${bySite.retryAfterSeconds} s.`,
      );
    }
  }

  /**
   * The refusal `admit` would give this address now, as far as this process knows without asking
   * the counter: the address was refused earlier in a window that has not ended. Lets a flood's
   * mints be refused before their bodies are read (http/refuse-spent-mints.ts); an address another
   * instance refused is still judged by `admit`.
   */
  spentAddressRefusal(clientAddress: string): RateLimitedError | undefined {
    const now = this.now();
    this.sweep(now);
    const until = this.spentUntil.get(addressLimitKey(clientAddress));
    if (until === undefined || until <= now) return undefined;
    return this.addressRefusal(Math.max(1, Math.ceil((until - now) / 1000)));
  }

  private addressRefusal(retryAfterSeconds: number): RateLimitedError {
    return new RateLimitedError(
      retryAfterSeconds,
      `Too many guest tokens from this address (at most ${this.options.perAddress} a minute); retry in ${retryAfterSeconds} s.`,
    );
  }

  /** Drops ended windows at most once a minute: the map holds the addresses of the last minute or two. */
  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + MINUTE_MS;
    for (const [key, until] of this.spentUntil) if (until <= now) this.spentUntil.delete(key);
  }
}
