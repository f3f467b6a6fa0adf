import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { JwkSet, TokenEndpointAuthMethodName } from '@app/contracts';

export type TokenEndpointAuthMethod = TokenEndpointAuthMethodName;
export type ApplicationType = 'web' | 'native';

/** A registered OAuth client (RFC 7591 metadata plus our policy flags). */
@Entity('clients')
export class ClientEntity {
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId!: string;

  /** Hash of the client secret; never selected unless asked for. */
  @Column({ name: 'client_secret_hash', type: 'text', nullable: true, select: false })
  clientSecretHash!: string | null;

  @Column({ name: 'client_name', type: 'text' })
  clientName!: string;

  @Column({ name: 'application_type', type: 'text', default: 'web' })
  applicationType!: ApplicationType;

  @Column({ name: 'redirect_uris', type: 'text', array: true, default: () => "'{}'" })
  redirectUris!: string[];

  @Column({ name: 'post_logout_redirect_uris', type: 'text', array: true, default: () => "'{}'" })
  postLogoutRedirectUris!: string[];

  @Column({ name: 'grant_types', type: 'text', array: true })
  grantTypes!: string[];

  @Column({ name: 'response_types', type: 'text', array: true, default: () => "'{}'" })
  responseTypes!: string[];

  @Column({ name: 'token_endpoint_auth_method', type: 'text' })
  tokenEndpointAuthMethod!: TokenEndpointAuthMethod;

  /** Scopes the client may request. */
  @Column({ name: 'scopes', type: 'text', array: true, default: () => "'{}'" })
  scopes!: string[];

  @Column({ name: 'contacts', type: 'text', array: true, default: () => "'{}'" })
  contacts!: string[];

  @Column({ name: 'logo_uri', type: 'text', nullable: true })
  logoUri!: string | null;

  @Column({ name: 'client_uri', type: 'text', nullable: true })
  clientUri!: string | null;

  @Column({ name: 'policy_uri', type: 'text', nullable: true })
  policyUri!: string | null;

  @Column({ name: 'tos_uri', type: 'text', nullable: true })
  tosUri!: string | null;

  /** First-party clients skip the consent page. */
  @Column({ name: 'first_party', type: 'boolean', default: false })
  firstParty!: boolean;

  /** PKCE is required for every public client; confidential clients may opt out. */
  @Column({ name: 'require_pkce', type: 'boolean', default: true })
  requirePkce!: boolean;

  /** RFC 7636 §4.2: `plain` only for clients registered to allow it. */
  @Column({ name: 'allow_plain_pkce', type: 'boolean', default: false })
  allowPlainPkce!: boolean;

  /** OIDC Dynamic Client Registration §2: the algorithm this client's ID tokens are signed with. */
  @Column({ name: 'id_token_signed_response_alg', type: 'text', default: 'RS256' })
  idTokenSignedResponseAlg!: string;

  @Column({ name: 'access_token_ttl', type: 'integer', nullable: true })
  accessTokenTtl!: number | null;

  @Column({ name: 'refresh_token_ttl', type: 'integer', nullable: true })
  refreshTokenTtl!: number | null;

  /** Names of the groups whose people may sign in; empty: everyone. */
  @Column({ name: 'allowed_groups', type: 'text', array: true, default: () => "'{}'" })
  allowedGroups!: string[];

  /** Name prefixes the `groups` claim is cut down to; empty: every group. */
  @Column({ name: 'groups_claim_filter', type: 'text', array: true, default: () => "'{}'" })
  groupsClaimFilter!: string[];

  /**
   * OIDC Dynamic Client Registration §2 `default_acr_values`: the levels (pwd, mfa, phr) of which a sign-in
   * to this client must reach one when the request names none; empty: no requirement beyond a password.
   */
  @Column({ name: 'default_acr_values', type: 'text', array: true, default: () => "'{}'" })
  defaultAcrValues!: string[];

  /** Ids of the people who manage this client (admin role app-owner). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  owners!: string[];

  /** OIDC Back-Channel Logout 1.0 §2.2: where logout tokens are POSTed when a session of this client ends. */
  @Column({ name: 'backchannel_logout_uri', type: 'text', nullable: true })
  backchannelLogoutUri!: string | null;

  /** Back-Channel Logout §2.2: the client needs `sid` in its logout tokens (we always send it). */
  @Column({ name: 'backchannel_logout_session_required', type: 'boolean', default: false })
  backchannelLogoutSessionRequired!: boolean;

  /** OIDC Front-Channel Logout 1.0 §2: the page the signed-out page loads in an iframe. */
  @Column({ name: 'frontchannel_logout_uri', type: 'text', nullable: true })
  frontchannelLogoutUri!: string | null;

  /** Front-Channel Logout §2: `iss` and `sid` are added to the iframe's URL. */
  @Column({ name: 'frontchannel_logout_session_required', type: 'boolean', default: false })
  frontchannelLogoutSessionRequired!: boolean;

  /** RFC 9449 §5.2: every token request of this client must carry a DPoP proof. */
  @Column({ name: 'dpop_bound_access_tokens', type: 'boolean', default: false })
  dpopBoundAccessTokens!: boolean;
  /** RFC 9701 §6: the algorithm of this client's JWT introspection answers. */
  @Column({ name: 'introspection_signed_response_alg', type: 'text', default: 'RS256' })
  introspectionSignedResponseAlg!: string;

  /** RFC 7591 §2: the client's public keys for private_key_jwt, inline. */
  @Column({ name: 'jwks', type: 'jsonb', nullable: true })
  jwks!: JwkSet | null;

  /** RFC 7591 §2: where the client publishes those keys instead. */
  @Column({ name: 'jwks_uri', type: 'text', nullable: true })
  jwksUri!: string | null;

  /** OIDC Registration §2: the only JWS algorithm its client assertions may use; null: any allowed one. */
  @Column({ name: 'token_endpoint_auth_signing_alg', type: 'text', nullable: true })
  tokenEndpointAuthSigningAlg!: string | null;

  /** client_secret_jwt needs the secret itself (an HMAC key), sealed with KEY_ENCRYPTION_SECRET. */
  @Column({ name: 'client_secret_sealed', type: 'text', nullable: true, select: false })
  clientSecretSealed!: string | null;
  /** RFC 9126 §6: this client's authorization requests must be pushed first (PAR). */
  @Column({ name: 'require_pushed_authorization_requests', type: 'boolean', default: false })
  requirePushedAuthorizationRequests!: boolean;

  /** Set for the introspection credentials of a registered API (resource server). */
  @Column({ name: 'api_identifier', type: 'text', nullable: true })
  apiIdentifier!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  get isPublic(): boolean {
    return this.tokenEndpointAuthMethod === 'none';
  }
}
