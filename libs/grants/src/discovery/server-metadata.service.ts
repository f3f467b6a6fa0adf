import { Injectable } from '@nestjs/common';
import { SUPPORTED_SIGN_IN_SCOPES } from '@app/access';
import { ACR_VALUES, AppConfig, SUPPORTED_LOCALES } from '@app/core';
import { CLIENT_ASSERTION_ALGORITHMS, GRANT_TYPES } from '@app/clients';
import { TOKEN_ENDPOINT_AUTH_METHODS } from '@app/contracts';
import { DPOP_ALGORITHMS, KeyStore } from '@app/tokens';
import { GrantRegistry } from '../registry/grant-registry';

const CLIENT_AUTH_METHODS = TOKEN_ENDPOINT_AUTH_METHODS;
// RFC 7662 §4: introspection refuses public clients, so 'none' is not offered there.
const SECRET_AUTH_METHODS = TOKEN_ENDPOINT_AUTH_METHODS.filter((method) => method !== 'none');
/** What the authorization endpoint and OpenID Connect support (OIDC Discovery 1.0 §3, RFC 9207 §3). */
const SIGN_IN_METADATA = {
  // OIDC Core §3.2: id_token alone, for sign-in; never a token in the front channel (RFC 9700 §2.1.2).
  response_types_supported: ['code', 'id_token'],
  // OAuth 2.0 Form Post Response Mode §3.
  response_modes_supported: ['query', 'fragment', 'form_post'],
  subject_types_supported: ['public'],
  code_challenge_methods_supported: ['S256', 'plain'],
  // OIDC Discovery §3: the levels a client may ask for with acr_values or default_acr_values.
  acr_values_supported: [...ACR_VALUES],
  scopes_supported: [...SUPPORTED_SIGN_IN_SCOPES],
  claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'amr', 'nonce', 'at_hash', 'sid', 'name', 'given_name', 'family_name', 'preferred_username', 'updated_at', 'email', 'email_verified', 'roles', 'groups'],
  prompt_values_supported: ['none', 'login', 'consent', 'select_account'],
  // OIDC Discovery §3: the languages the sign-in pages can be shown in (ui_locales, OIDC Core §3.1.2.1).
  ui_locales_supported: [...SUPPORTED_LOCALES],
  authorization_response_iss_parameter_supported: true,
  claims_parameter_supported: false,
  request_parameter_supported: false,
  request_uri_parameter_supported: false,
  // Back-Channel Logout 1.0 §2.1 and Front-Channel Logout 1.0 §3: every logout token and iframe can carry sid.
  backchannel_logout_supported: true,
  backchannel_logout_session_supported: true,
  frontchannel_logout_supported: true,
  frontchannel_logout_session_supported: true,
  // RFC 9449 §5.1: the algorithms DPoP proofs may be signed with.
  dpop_signing_alg_values_supported: [...DPOP_ALGORITHMS],
};

/** RFC 8414 / OpenID Connect Discovery metadata, built from the registry and config. */
@Injectable()
export class ServerMetadataService {
  private cached: Record<string, unknown> | undefined;
  private cachedFor: string | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: GrantRegistry,
    private readonly keys: KeyStore,
  ) {}

  metadata(): Record<string, unknown> {
    // The algorithms follow the active key, which a rotation (on any instance) may change.
    const algorithms = this.keys.idTokenAlgorithms().join(' ');
    if (!this.cached || this.cachedFor !== algorithms) {
      this.cached = this.build();
      this.cachedFor = algorithms;
    }
    return this.cached;
  }

  private build(): Record<string, unknown> {
    const endpoint = (path: string) => this.config.endpoint(path);
    return {
      issuer: this.config.issuer,
      authorization_endpoint: endpoint('/oauth2/authorize'),
      token_endpoint: endpoint('/oauth2/token'),
      jwks_uri: endpoint('/oauth2/jwks'),
      introspection_endpoint: endpoint('/oauth2/introspect'),
      revocation_endpoint: endpoint('/oauth2/revoke'),
      userinfo_endpoint: endpoint('/oauth2/userinfo'),
      end_session_endpoint: endpoint('/oauth2/logout'),
      // RFC 8628 §4
      device_authorization_endpoint: endpoint('/oauth2/device_authorization'),
      // RFC 9126 §5
      pushed_authorization_request_endpoint: endpoint('/oauth2/par'),
      require_pushed_authorization_requests: this.config.requirePar,
      // Implicit has no token-endpoint handler: the authorization endpoint serves it (response_type=id_token).
      grant_types_supported: [...this.registry.grantTypes(), GRANT_TYPES.implicit],
      token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
      introspection_endpoint_auth_methods_supported: SECRET_AUTH_METHODS,
      revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
      // RFC 8414 §2: the algorithms of private_key_jwt and client_secret_jwt assertions.
      token_endpoint_auth_signing_alg_values_supported: CLIENT_ASSERTION_ALGORITHMS,
      introspection_endpoint_auth_signing_alg_values_supported: CLIENT_ASSERTION_ALGORITHMS,
      revocation_endpoint_auth_signing_alg_values_supported: CLIENT_ASSERTION_ALGORITHMS,
      // RFC 9701: RS256 always; a client picks with introspection_signed_response_alg.
      introspection_signing_alg_values_supported: this.keys.idTokenAlgorithms(),
      access_token_signing_alg_values_supported: [this.keys.activeKey().alg],
      ...SIGN_IN_METADATA,
      // OIDC Discovery §3: RS256 is always among them; a client picks with id_token_signed_response_alg.
      id_token_signing_alg_values_supported: this.keys.idTokenAlgorithms(),
    };
  }
}
