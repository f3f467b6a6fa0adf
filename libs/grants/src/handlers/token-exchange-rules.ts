import { parseScope } from '@app/clients';
import { InvalidRequest, InvalidScope } from '@app/core';
import type { ActorClaim } from '@app/tokens';

/** RFC 8693 §3 token type identifiers. */
export const TOKEN_TYPES = {
  accessToken: 'urn:ietf:params:oauth:token-type:access_token',
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
} as const;

/**
 * RFC 8693 §2.1: the types of the tokens sent. Only our own access tokens are accepted; `jwt` names
 * one in its JWT form, so a reference token sent as a jwt is refused.
 */
export function checkTokenType(name: string, token: string, type: string | undefined): void {
  if (type === undefined) throw new InvalidRequest(`${name}_type is required with ${name}`);
  if (type === TOKEN_TYPES.accessToken) return;
  if (type === TOKEN_TYPES.jwt && token.split('.').length === 3) return;
  throw new InvalidRequest(`${name}_type must be ${TOKEN_TYPES.accessToken} (or ${TOKEN_TYPES.jwt} for a JWT access token)`);
}

/**
 * RFC 8693 §2.1: `resource` and `audience` both name the target; this server issues for one API, so if
 * both are sent they must name the same one.
 */
export function targetOf(resource: string | undefined, audience: string | undefined): string {
  if (resource !== undefined && audience !== undefined && resource !== audience) {
    throw new InvalidRequest('resource and audience must name the same API');
  }
  const target = resource ?? audience;
  if (target === undefined) throw new InvalidRequest('resource or audience is required: the API the new token is for');
  return target;
}

/** The scope can only narrow: within what the subject token carries and what the target API defines. */
export function narrowedScopes(requested: string | undefined, subjectScope: string, apiScopes: readonly string[]): string[] {
  const held = subjectScope.split(' ').filter(Boolean);
  const allowed = (scope: string) => held.includes(scope) && apiScopes.includes(scope);
  if (requested === undefined) {
    const scopes = held.filter(allowed);
    if (scopes.length === 0) throw new InvalidScope('The subject token carries no scope of the target API');
    return scopes;
  }
  const scopes = parseScope(requested);
  if (!scopes) throw new InvalidScope('The scope parameter is malformed');
  const outside = scopes.find((scope) => !allowed(scope));
  if (outside !== undefined) throw new InvalidScope(`The scope ${outside} is not held by the subject token for the target API`);
  return scopes;
}

/**
 * RFC 8693 §4.1: the new actor on top, the subject token's chain nested below it. A chain longer than
 * `maxDepth` is refused: §2.2.2 answers a token unacceptable by policy with invalid_request.
 */
export function actorChain(actorSubject: string, previous: ActorClaim | undefined, maxDepth: number): ActorClaim {
  const chain: ActorClaim = previous ? { sub: actorSubject, act: previous } : { sub: actorSubject };
  if (chainSubjects(chain).length > maxDepth) throw new InvalidRequest(`The delegation chain would be longer than ${maxDepth}`);
  return chain;
}

/** The actors of a chain, newest first, for the audit log. */
export function chainSubjects(chain: ActorClaim): string[] {
  const subjects: string[] = [];
  for (let link: ActorClaim | undefined = chain; link; link = link.act) subjects.push(link.sub);
  return subjects;
}
