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
  constructor(
    private readonly counter: WindowCounter,
    private readonly options: MintLimitOptions,
  ) {}

  async admit(clientAddress: string, siteId: string, verifiedUser: boolean): Promise<void> {
    const { perAddress, perSite } = this.options;
    const byAddress = await this.counter.hit(
      `guest-tokens:address:${addressLimitKey(clientAddress)}`,
      perAddress,
      MINUTE_MS,
    );
    if (!byAddress.allowed) {
      throw new RateLimitedError(
        byAddress.retryAfterSeconds,
        `Too many guest tokens from this address (at most ${perAddress} a minute); retry in ${byAddress.retryAfterSeconds} s.`,
      );
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
}
