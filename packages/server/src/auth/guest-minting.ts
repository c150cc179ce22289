import type { Challenge } from 'altcha-lib/v1/types';
import type { Site } from '../db/models/index.js';
import { ChallengeRequiredError, ForbiddenError, UnauthorizedError } from '../errors.js';
import type { GuestChallenges, VerifiedSolution } from './guest-challenges.js';
import type { GuestToken, GuestTokens } from './guest-tokens.js';
import { identitySubject, isValidUserHash } from './identity.js';
import type { GuestMintLimits } from './mint-limits.js';
import { originMatches, type SiteRegistry } from './site-registry.js';

export interface GuestTokenRequest {
  siteKey: string;
  userId?: string | undefined;
  userHash?: string | undefined;
  challengeSolution?: string | undefined;
  origin: string;
  clientAddress: string;
  /** The bearer token sent along: a previous guest token being renewed, or anything. */
  previousToken: string | undefined;
}

/**
 * Who may get a guest token, in the order a request is judged: the site and its origin (403),
 * the host's proof of its user (401), the proof of work when the site asks for it and the visitor
 * is neither a verified user nor renewing (401 challenge_required), the mint limits (429; on a
 * site without a challenge, before the renewed token's signature is checked), and last the
 * spending of the solution, so that a refused request does not burn a good one.
 */
export class GuestMinting {
  constructor(
    private readonly sites: SiteRegistry,
    private readonly tokens: GuestTokens,
    private readonly challenges: GuestChallenges,
    private readonly limits: GuestMintLimits,
  ) {}

  /**
   * A challenge is harmless to hand out, and a browser sends no Origin with a same-origin GET: only a
   * given Origin must be allowed; without one, the key alone is checked.
   */
  async challengeFor(siteKey: string, origin: string): Promise<Challenge> {
    const site = origin ? await this.siteFor(siteKey, origin) : await this.sites.findByKey(siteKey);
    if (!site) throw new ForbiddenError('This site key is not valid for this origin.');
    return this.challenges.create(site.id);
  }

  async mint(request: GuestTokenRequest): Promise<GuestToken> {
    const site = await this.siteFor(request.siteKey, request.origin);
    const verifiedUser = this.verifiedUser(site, request.userId, request.userHash);
    let subject = verifiedUser && identitySubject(site.id, verifiedUser);
    if (!subject && site.identity === 'required') {
      throw new UnauthorizedError(
        'This site requires a verified user: send user_id and user_hash (HMAC-SHA256 of user_id with the site identity secret).',
      );
    }
    const admit = () =>
      this.limits.admit(request.clientAddress, site.id, verifiedUser !== undefined);
    // Without a challenge to decide, the token sent along changes nothing before the limits:
    // counted first, a flood of refused renewals costs no signature checks.
    const challenged = site.challenge === 'on' && !subject;
    if (!challenged) await admit();
    subject ??= await this.tokens.renewedGuest(site.id, request.previousToken);
    const solution =
      challenged && !subject
        ? await this.checkedSolution(site, request.challengeSolution)
        : undefined;
    if (challenged) await admit();
    if (solution && !(await this.challenges.spend(solution))) {
      throw new ChallengeRequiredError(
        'This challenge solution was used already; solve a new challenge.',
      );
    }
    return this.tokens.issue(site.id, subject);
  }

  /** Unknown keys and foreign origins answer alike, so keys cannot be probed. */
  private async siteFor(siteKey: string, origin: string): Promise<Site> {
    const site = await this.sites.findByKey(siteKey);
    if (
      !site ||
      !origin ||
      !site.allowed_origins.some((pattern) => originMatches(pattern, origin))
    ) {
      throw new ForbiddenError('This site key is not valid for this origin.');
    }
    if (site.disabled_at) {
      throw new ForbiddenError('This site is disabled: its operator has turned the chat off.');
    }
    return site;
  }

  private verifiedUser(
    site: Site,
    userId: string | undefined,
    userHash: string | undefined,
  ): string | undefined {
    if (userId === undefined) return undefined;
    if (!site.identity_secret) {
      throw new UnauthorizedError(
        'This site has no identity secret yet; its operator can make one with `repruv-server sites rotate-secret`.',
      );
    }
    if (userHash === undefined) {
      throw new UnauthorizedError(
        'user_id needs user_hash: the hex HMAC-SHA256 of user_id with the site identity secret.',
      );
    }
    if (!isValidUserHash(site.identity_secret, userId, userHash)) {
      throw new UnauthorizedError('user_hash does not match user_id for this site.');
    }
    return userId;
  }

  private async checkedSolution(
    site: Site,
    encoded: string | undefined,
  ): Promise<VerifiedSolution> {
    if (encoded === undefined) {
      throw new ChallengeRequiredError(
        `This site asks for proof of work: solve GET /api/v1/auth/challenge?site_key=${site.site_key} and send the solution as challenge_solution.`,
      );
    }
    const solution = await this.challenges.verify(site.id, encoded);
    if (!solution) {
      throw new ChallengeRequiredError(
        'The challenge solution is not valid (wrong, expired, or for another site); solve a new challenge.',
      );
    }
    return solution;
  }
}
