import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { APP_LOGGER, AppConfig, AppLogger, Metrics, randomToken } from '@app/core';
import type { UserEntity } from '@app/users';
import { FederatedAccounts } from '../accounts/federated-accounts.service';
import type { UpstreamProfile } from '../accounts/upstream-profile';
import type { IdentityProviderEntity } from '../providers/identity-provider.entity';
import { IdentityProviderService } from '../providers/identity-provider.service';
import { IdTokenRejected, validateIdToken } from './id-token.validator';
import { UpstreamAttemptRepository } from './upstream-attempt.repository';
import { DiscoveredUpstream, UPSTREAM_TIMEOUT_MS, UpstreamDiscovery } from './upstream-discovery.service';
import { UpstreamFailed } from './upstream-failed';

/** What the upstream sent back to our callback, as query parameters. */
export interface UpstreamCallback {
  state?: string;
  code?: string;
  error?: string;
  iss?: string;
}

/**
 * Signing in through an upstream OpenID Provider: authorization code with PKCE S256, a state and a nonce
 * per attempt, the ID token validated before any claim is believed. The upstream's tokens are used here
 * once, to learn who the person is, and are never stored nor given to anyone.
 */
@Injectable()
export class OidcUpstreamSignIn {
  constructor(
    private readonly providers: IdentityProviderService,
    private readonly accounts: FederatedAccounts,
    private readonly discovery: UpstreamDiscovery,
    private readonly attempts: UpstreamAttemptRepository,
    private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    private readonly metrics: Metrics,
  ) {}

  /** The redirect URI registered at the upstream for this provider. */
  redirectUri(provider: IdentityProviderEntity): string {
    return `${this.config.issuer}/federation/${provider.name}/callback`;
  }

  /** Records a new attempt for this browser and answers the upstream authorization URL to send it to. */
  async begin(provider: IdentityProviderEntity, browserHash: string, returnTo: string, loginHint?: string): Promise<string> {
    const { metadata } = await this.upstream(provider);
    const state = randomToken(32);
    const nonce = randomToken(32);
    const codeVerifier = randomToken(32);
    await this.attempts.create(state, browserHash, { providerId: provider.id, nonce, codeVerifier, returnTo });
    const url = new URL(metadata.authorization_endpoint);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: provider.oidc.clientId,
      redirect_uri: this.redirectUri(provider),
      scope: provider.oidc.scopes.join(' '),
      state,
      nonce,
      // RFC 7636 §4.2: S256 only.
      code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    };
    if (loginHint) params.login_hint = loginHint.slice(0, 200);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** Completes the attempt named by `state`: the person here, signed in, and where they were going. */
  async complete(provider: IdentityProviderEntity, browserHash: string, callback: UpstreamCallback): Promise<{ user: UserEntity; returnTo: string }> {
    const name = provider.displayName;
    if (!callback.state) throw new UpstreamFailed('invalid-callback', name, 'sent back a sign-in without its state');
    const attempt = await this.attempts.consume(callback.state, browserHash, provider.id);
    if (!attempt) throw new UpstreamFailed('invalid-callback', name, 'sent back a sign-in that was not started in this browser, or that expired or was used already');
    if (callback.error !== undefined) throw new UpstreamFailed('denied', name, 'did not sign you in', `upstream error ${callback.error.slice(0, 100)}`);
    const upstream = await this.upstream(provider);
    // RFC 9207 §2.4: when the upstream names itself (or says it would), it must be the one we sent the person to.
    if ((callback.iss !== undefined || upstream.metadata.authorization_response_iss_parameter_supported === true) && callback.iss !== upstream.metadata.issuer) {
      throw new UpstreamFailed('invalid-callback', name, 'sent back a sign-in issued by someone else', `iss ${String(callback.iss).slice(0, 200)}`);
    }
    if (!callback.code) throw new UpstreamFailed('invalid-callback', name, 'sent back a sign-in without a code');
    const tokens = await this.redeem(provider, upstream, callback.code, attempt.codeVerifier);
    let claims: JWTPayload & { sub: string };
    try {
      claims = await validateIdToken(tokens.idToken, upstream.keys, {
        issuer: upstream.metadata.issuer,
        clientId: provider.oidc.clientId,
        nonce: attempt.nonce,
        advertised: upstream.metadata.id_token_signing_alg_values_supported,
      });
    } catch (error) {
      if (!(error instanceof IdTokenRejected)) throw error;
      throw new UpstreamFailed('invalid-response', name, 'sent an identity token that was not accepted', error.message);
    }
    const merged = await this.withUserinfo(provider, upstream, tokens.accessToken, claims);
    const user = await this.accounts.signIn(provider, profileOf(provider, merged));
    return { user, returnTo: attempt.returnTo };
  }

  private async upstream(provider: IdentityProviderEntity): Promise<DiscoveredUpstream> {
    try {
      return await this.discovery.discover(provider.oidc.issuer, provider.displayName);
    } catch (error) {
      if (error instanceof UpstreamFailed) this.logger.warn({ provider: provider.name, detail: error.detail }, 'upstream discovery failed');
      throw error;
    }
  }

  /** The code at the upstream's token endpoint, authenticated with client_secret_basic (RFC 6749 §2.3.1). */
  private async redeem(provider: IdentityProviderEntity, upstream: DiscoveredUpstream, code: string, codeVerifier: string): Promise<{ idToken: string; accessToken?: string }> {
    const name = provider.displayName;
    const secret = (await this.providers.secretOf(provider)) ?? '';
    // RFC 6749 §2.3.1: both halves form-urlencoded before Basic encoding.
    const basic = Buffer.from(`${encodeURIComponent(provider.oidc.clientId)}:${encodeURIComponent(secret)}`).toString('base64');
    let response: Response;
    try {
      response = await this.metrics.timeUpstream('oidc', () => fetch(upstream.metadata.token_endpoint, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.redirectUri(provider), code_verifier: codeVerifier }).toString(),
        redirect: 'error',
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      }), (answer) => !answer.ok);
    } catch (error) {
      this.discovery.forget(provider.oidc.issuer);
      throw new UpstreamFailed('unreachable', name, 'could not be reached', `token endpoint: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => undefined)) as { id_token?: unknown; access_token?: unknown; error?: unknown } | undefined;
    if (!response.ok || typeof body?.id_token !== 'string') {
      // The upstream's answer goes to the log (its error code only), never to the page.
      throw new UpstreamFailed('invalid-response', name, 'refused to complete the sign-in', `token endpoint ${response.status} ${String(body?.error ?? '').slice(0, 100)}`);
    }
    return { idToken: body.id_token, accessToken: typeof body.access_token === 'string' ? body.access_token : undefined };
  }

  /** Claims the ID token lacks (many upstreams keep e-mail and groups for userinfo), from userinfo. */
  private async withUserinfo(provider: IdentityProviderEntity, upstream: DiscoveredUpstream, accessToken: string | undefined, claims: JWTPayload & { sub: string }): Promise<Record<string, unknown>> {
    const groupsClaim = provider.oidc.groupsClaim;
    const lacking = claims.email === undefined || claims.name === undefined || (groupsClaim !== null && claims[groupsClaim] === undefined);
    const endpoint = upstream.metadata.userinfo_endpoint;
    if (!lacking || !endpoint || !accessToken) return claims;
    let info: Record<string, unknown> | undefined;
    try {
      const response = await this.metrics.timeUpstream('oidc', () => fetch(endpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) }), (answer) => !answer.ok);
      // A signed or encrypted userinfo answer (application/jwt) is not read: the ID token's claims stand.
      if (response.ok && (response.headers.get('content-type') ?? '').includes('json')) info = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      throw new UpstreamFailed('unreachable', provider.displayName, 'could not be reached', `userinfo: ${(error as Error).message}`);
    }
    if (!info || typeof info !== 'object') return claims;
    // OIDC Core §5.3.2: a userinfo answer about someone else is not believed at all.
    if (info.sub !== claims.sub) throw new UpstreamFailed('invalid-response', provider.displayName, 'sent profile details about another person', 'userinfo sub differs from the ID token');
    return { ...info, ...claims };
  }
}

/** The claims in our terms; only an explicit `email_verified: true` vouches for the address. */
export function profileOf(provider: IdentityProviderEntity, claims: Record<string, unknown>): UpstreamProfile {
  const config = provider.oidc;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value.slice(0, 500) : undefined);
  const rawGroups = config.groupsClaim ? claims[config.groupsClaim] : undefined;
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((group): group is string => typeof group === 'string') : typeof rawGroups === 'string' ? [rawGroups] : [];
  return {
    subject: String(claims.sub),
    username: text(claims[config.usernameClaim]),
    email: text(claims.email),
    emailVerified: claims.email_verified === true ? true : claims.email_verified === undefined ? undefined : false,
    name: text(claims.name),
    givenName: text(claims.given_name),
    familyName: text(claims.family_name),
    groups,
  };
}
