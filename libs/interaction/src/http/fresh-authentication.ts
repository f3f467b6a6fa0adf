import type { SessionDetails } from '@app/users';

/** How recent a sign-in must be for changes to how a person signs in (adding or removing a factor). */
export const FRESH_AUTHENTICATION_MS = 5 * 60 * 1000;

/** True when the session's person proved who they are within the last five minutes. */
export function isFreshlyAuthenticated(session: SessionDetails, now: Date): boolean {
  return now.getTime() - session.authTimeMs <= FRESH_AUTHENTICATION_MS;
}

/**
 * The sign-in page that confirms it is still the person, then comes back to `returnTo`: signing in again
 * starts a fresh session (password or passkey), which the change then accepts.
 */
export function reauthenticationPath(pathPrefix: string, returnTo: string, username?: string): string {
  const query = new URLSearchParams({ return_to: returnTo, reauth: '1' });
  if (username) query.set('login_hint', username);
  return `${pathPrefix}/login?${query.toString()}`;
}

/**
 * Where the person must go before changing their factors, or undefined when the change may go ahead: a
 * sign-in within five minutes, and, once they have a factor, a session that used one (else a stolen
 * password could add the thief's own passkey, or remove the factor that stops them).
 */
export function factorChangeDetour(
  session: SessionDetails,
  now: Date,
  hasFactors: boolean,
  pathPrefix: string,
  returnTo: string,
): string | undefined {
  if (!isFreshlyAuthenticated(session, now)) return reauthenticationPath(pathPrefix, returnTo);
  if (hasFactors && session.acr === 'pwd') {
    return `${pathPrefix}/login/second-factor?${new URLSearchParams({ return_to: returnTo, acr: 'mfa' }).toString()}`;
  }
  return undefined;
}
