import { Injectable } from '@nestjs/common';
import { AuthLevel, higherOf, isAuthLevel, OAuthError, satisfies } from '@app/core';
import { GroupService } from '@app/users';

/** What a sign-in for one request must reach, and which `acr` values the client accepts (in its order). */
export interface AuthenticationRequirement {
  level: AuthLevel;
  /** The request's acr_values (or the client's default_acr_values) that we support; empty: any. */
  accepted: AuthLevel[];
}

/** The request asked only for acr values we do not offer (OIDC Core 1.0 errata, §3.1.2.6). */
export const unmetRequirements = (values: readonly string[]) =>
  new OAuthError('unmet_authentication_requirements', `None of the requested acr_values (${values.join(' ').slice(0, 200)}) is supported`);

/**
 * The levels a request accepts, before anyone signs in: its acr_values, else the client's
 * default_acr_values, keeping the ones we offer in their order; unmet_authentication_requirements when it
 * names only others (a silent downgrade to what we have would be worse).
 */
export function acceptedLevels(requested: readonly string[] | undefined, clientDefaults: readonly string[]): AuthLevel[] {
  const values = requested?.length ? requested : clientDefaults;
  if (values.length === 0) return [];
  const known = values.filter(isAuthLevel);
  if (known.length === 0) throw unmetRequirements(values);
  return [...new Set(known)];
}

/**
 * How strong a sign-in must be: the lowest of the acr values the request accepts (acr_values, else the
 * client's default_acr_values; OIDC Core §3.1.2.1, Registration §2), raised to what the person's groups
 * require (require_mfa, require_phishing_resistant). Never lowered: a group requirement holds for every app.
 */
@Injectable()
export class AuthenticationRequirements {
  constructor(private readonly groups: GroupService) {}

  async of(accepted: readonly AuthLevel[], userId: string): Promise<AuthenticationRequirement> {
    const fromRequest = accepted.reduce<AuthLevel | undefined>((lowest, level) => (lowest && satisfies(level, lowest) ? lowest : level), undefined) ?? 'pwd';
    return { level: higherOf(fromRequest, await this.groups.requiredLevelOf(userId)), accepted: [...accepted] };
  }
}

/**
 * The `acr` claim for a session at level `achieved`: the first accepted value it satisfies (the client's
 * order of preference), else the level itself. Never higher than what the person did.
 */
export function acrClaim(requirement: AuthenticationRequirement, achieved: AuthLevel): AuthLevel {
  return requirement.accepted.find((level) => satisfies(achieved, level)) ?? achieved;
}
