import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { KeyStore } from '@app/tokens';
import { GrantRegistry } from '../registry/grant-registry';

const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'];
const SECRET_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];

/** RFC 8414 / OpenID Connect Discovery metadata, built from the registry and config. */
@Injectable()
export class ServerMetadataService {
  private cached: Record<string, unknown> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: GrantRegistry,
    private readonly keys: KeyStore,
  ) {}

  metadata(): Record<string, unknown> {
    this.cached ??= this.build();
    return this.cached;
  }

  private build(): Record<string, unknown> {
    const endpoint = (path: string) => this.config.endpoint(path);
    return {
      issuer: this.config.issuer,
      token_endpoint: endpoint('/oauth2/token'),
      jwks_uri: endpoint('/oauth2/jwks'),
      introspection_endpoint: endpoint('/oauth2/introspect'),
      revocation_endpoint: endpoint('/oauth2/revoke'),
      // RFC 8628 §4
      device_authorization_endpoint: endpoint('/oauth2/device_authorization'),
      grant_types_supported: this.registry.grantTypes(),
      token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
      introspection_endpoint_auth_methods_supported: SECRET_AUTH_METHODS,
      revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
      access_token_signing_alg_values_supported: [this.keys.activeKey().alg],
    };
  }
}
