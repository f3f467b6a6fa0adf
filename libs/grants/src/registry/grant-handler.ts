import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { ClientEntity } from '@app/clients';
import type { FormParams } from '@app/core';

/** RFC 6749 §5.1 successful token response (plus OIDC's id_token). */
export interface TokenResponse {
  access_token: string;
  /** RFC 9449 §5.1: DPoP when the access token is bound to the key of the request's proof. */
  token_type: 'Bearer' | 'DPoP';
  expires_in: number;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
  /** RFC 8693 §2.2.1: the type of the token issued by an exchange. */
  issued_token_type?: string;
}

/** What the token endpoint checked about the request itself, beyond its form parameters. */
export interface TokenRequestContext {
  /** RFC 9449 §4.3: the thumbprint of the key of the request's valid DPoP proof; absent without a proof. */
  dpopJkt?: string;
}

/** One grant type's logic, after the token endpoint has authenticated the client and checked it may use it. */
export interface GrantHandler {
  /** The `grant_type` value this handler answers, e.g. `client_credentials`. */
  readonly grantType: string;
  handle(params: FormParams, client: ClientEntity, context?: TokenRequestContext): Promise<TokenResponse>;
}

export const GRANT_HANDLER_METADATA = Symbol('GRANT_HANDLER');

/** Marks a provider as a grant handler; the registry finds it through DI discovery. */
export function Grant(): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(GRANT_HANDLER_METADATA, true));
}
