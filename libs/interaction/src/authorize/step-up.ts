import { Injectable } from '@nestjs/common';
import { AuthenticationRequirement, AuthenticationRequirements } from '@app/access';
import { AuthLevel, satisfies } from '@app/core';
import { FactorService } from '@app/users';

/** The page that lifts a session to a level: a second factor the person has, or adding one first. */
export type StepUpPage = 'second-factor' | 'enroll';

/**
 * How strong a sign-in must be for a request and what the session lacks, for the authorization flow and the
 * device verification page alike.
 */
@Injectable()
export class StepUpPolicy {
  constructor(
    private readonly requirements: AuthenticationRequirements,
    private readonly factors: FactorService,
  ) {}

  /** The requirement, and the page to go through when the session is below it (none when it is not). */
  async check(accepted: readonly AuthLevel[], session: { userId: string; acr: AuthLevel }): Promise<{ requirement: AuthenticationRequirement; page?: StepUpPage }> {
    const requirement = await this.requirements.of(accepted, session.userId);
    if (satisfies(session.acr, requirement.level)) return { requirement };
    const counts = await this.factors.counts(session.userId);
    // A passkey lifts a session to any level; an authenticator app to mfa only.
    const reachable = requirement.level === 'phr' ? counts.passkey > 0 : counts.passkey + counts.totp > 0;
    return { requirement, page: reachable ? 'second-factor' : 'enroll' };
  }
}

/** The step-up page's path (under the issuer's path), coming back to `returnTo`. */
export function stepUpPath(pathPrefix: string, page: StepUpPage, returnTo: string, level: AuthLevel): string {
  const query = new URLSearchParams({ return_to: returnTo, acr: level });
  return `${pathPrefix}${page === 'enroll' ? '/account/factors/new' : '/login/second-factor'}?${query.toString()}`;
}
