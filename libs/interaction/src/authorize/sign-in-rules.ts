import { OAuthError } from '@app/core';
import type { SessionDetails } from '@app/users';
import type { AuthorizationParams } from './authorization-request.parser';
import type { PendingRequest, StoredAuthorizationRequest } from './authorization-request.repository';

/** True when the request needs the person to sign in (again) despite their session (OIDC Core §3.1.2.1). */
export function needsLogin(stored: PendingRequest, session: SessionDetails, now: Date): boolean {
  // "Not you?": the sign-in made before the switch no longer counts for this request.
  if (stored.signInAfter && session.authTimeMs <= stored.signInAfter.getTime()) return true;
  // A sign-in that happened after this request started satisfies prompt=login and any max_age.
  if (session.authTimeMs > stored.createdAt.getTime()) return false;
  // OIDC Core §3.1.2.1 prompt=login: the person must sign in again.
  if (stored.prompt.includes('login')) return true;
  // OIDC Core §3.1.2.1 prompt=select_account: the sign-in page is where the person picks the account.
  if (stored.prompt.includes('select_account')) return true;
  // OIDC Core §3.1.2.1 max_age: the last sign-in must be recent enough, measured in milliseconds, so a
  // sign-in earlier within the same second is not taken as "0 seconds ago". max_age=0 is "sign in again".
  if (stored.maxAge === undefined) return false;
  return stored.maxAge === 0 || now.getTime() - session.authTimeMs > stored.maxAge * 1000;
}

/** True unless the request carries an id_token_hint naming someone other than the session's person. */
export function isHintedPerson(request: Pick<AuthorizationParams, 'idTokenHintSubject'>, session: SessionDetails): boolean {
  return request.idTokenHintSubject === undefined || request.idTokenHintSubject === session.userId;
}

/**
 * OIDC Core §3.1.2.1 id_token_hint: the client expects the person the hint names. When someone else is
 * signed in, the sign-in page lets them continue as the right account (the request then needs a fresh
 * sign-in, as with prompt=login, and the flow refuses anyone else); prompt=none cannot show that page, so
 * it fails with login_required, as `refuse` makes it.
 */
export function forHintedPerson(params: AuthorizationParams, session: SessionDetails | undefined, refuse: (error: OAuthError) => Error): AuthorizationParams {
  if (!session || isHintedPerson(params, session)) return params;
  if (params.prompt.includes('none')) throw refuse(new OAuthError('login_required', 'The person signed in is not the one the id_token_hint names'));
  return params.prompt.includes('login') ? params : { ...params, prompt: [...params.prompt, 'login'] };
}

/** The authorization parameters of a stored request, without what its storage and progress added. */
export function parametersOf(stored: StoredAuthorizationRequest): AuthorizationParams {
  const { idHash: _id, browserHash: _browser, createdAt: _created, consentedAt: _at, consentedBy: _by, signInAfter: _switched, ...params } = stored;
  return params;
}
