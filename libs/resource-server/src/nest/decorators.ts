import { createParamDecorator, type CustomDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticationRequirement } from '../authentication';
import type { AccessTokenClaims, VerifiedToken } from '../verified-token';
import { PUBLIC_ROUTE_METADATA, REQUIRED_AUTHENTICATION_METADATA, REQUIRED_SCOPES_METADATA } from './constants';

/** Requires every listed scope. On a controller and a handler, both lists apply. */
export function RequireScopes(...scopes: string[]): CustomDecorator<string> {
  return SetMetadata(REQUIRED_SCOPES_METADATA, scopes);
}

/**
 * Requires the person's authentication behind the token to be strong enough (`acr`: one of these levels
 * or a higher one) and/or recent enough (`maxAge`, seconds since `auth_time`); otherwise 401
 * insufficient_user_authentication (RFC 9470). On a handler it replaces the controller's.
 */
export function RequireAuthentication(requirement: AuthenticationRequirement): CustomDecorator<string> {
  return SetMetadata(REQUIRED_AUTHENTICATION_METADATA, { ...requirement });
}

/** Lets requests through without a token, even with the guard registered globally. */
export function Public(): CustomDecorator<string> {
  return SetMetadata(PUBLIC_ROUTE_METADATA, true);
}

/** Where the guard stores the verification result on the (Express or Fastify) request. */
export interface RequestWithAuth {
  auth?: VerifiedToken;
}

function verifiedTokenOf(context: ExecutionContext): VerifiedToken | undefined {
  return context.switchToHttp().getRequest<RequestWithAuth>().auth;
}

/**
 * Injects the verified token's claims, or one claim when named: `@TokenClaims('sub') sub: string`.
 * Undefined on `@Public()` routes.
 */
export const TokenClaims: (claim?: keyof AccessTokenClaims) => ParameterDecorator = createParamDecorator(
  (claim: keyof AccessTokenClaims | undefined, context: ExecutionContext): unknown => {
    const claims = verifiedTokenOf(context)?.claims;
    return claim === undefined ? claims : claims?.[claim];
  },
);

/** Injects the whole VerifiedToken (claims, scopes, subject, clientId and the raw token). */
export const VerifiedAccessToken: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): VerifiedToken | undefined => verifiedTokenOf(context),
);
