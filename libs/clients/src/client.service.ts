import { Injectable } from '@nestjs/common';
import { AppConfig, Conflict, NotFound } from '@app/core';
import { newClientId } from './client-id';
import type { ClientMetadataInput, ClientView, Page } from '@app/contracts';
import { ClientEntity } from './client.entity';
import { ClientRepository } from './client.repository';
import { ClientSecretService } from './client-secret.service';
import { ClientChangeNotifier } from './client-change.notifier';
import { normalizeClientMetadata, NormalizedClientMetadata, RegistrationPolicy } from './registration/client-registration.rules';
import { SupportedGrantTypes } from './registration/supported-grant-types';
import { clientAuthView } from './auth/client-auth-view';
import { ClientSecretSealer, usesSecret } from './auth/client-secret-sealer';

export interface RegisteredClient {
  client: ClientEntity;
  /** The plain secret, returned once: only its hash is stored. */
  clientSecret?: string;
}

/** Registration, update, secret rotation and removal of clients. */
@Injectable()
export class ClientService {
  constructor(
    private readonly clients: ClientRepository,
    private readonly secrets: ClientSecretService,
    private readonly changes: ClientChangeNotifier,
    private readonly config: AppConfig,
    private readonly grantTypes: SupportedGrantTypes,
    private readonly sealer: ClientSecretSealer,
  ) {}

  /**
   * Grant types are those the token endpoint has a handler for. ID tokens can be signed with SIGNING_ALG,
   * and always with RS256 (OIDC Core §15.1).
   */
  private registrationPolicy(): RegistrationPolicy {
    const signingAlgorithms = [...new Set(['RS256', this.config.signingAlgorithm])];
    return {
      grantTypes: this.grantTypes.list(),
      idTokenAlgorithms: signingAlgorithms,
      // RFC 9701 §6: JWT introspection answers are signed with the same keys as ID tokens.
      introspectionAlgorithms: signingAlgorithms,
      allowPrivateJwksUri: this.config.jwksUriAllowPrivate,
    };
  }

  /** The metadata as registration would store it, or the 400 registration would answer. */
  normalize(input: ClientMetadataInput): NormalizedClientMetadata {
    return normalizeClientMetadata(input, this.registrationPolicy());
  }

  async register(input: ClientMetadataInput, options: { clientId?: string; chosenSecret?: string; apiIdentifier?: string } = {}): Promise<RegisteredClient> {
    const metadata = normalizeClientMetadata(input, this.registrationPolicy());
    const clientId = options.clientId ?? newClientId();
    if (options.clientId && (await this.clients.exists(clientId))) throw new Conflict(`A client with id ${clientId} exists`);
    const client = Object.assign(new ClientEntity(), metadata, { clientId, apiIdentifier: options.apiIdentifier ?? null });
    let clientSecret: string | undefined;
    client.clientSecretHash = null;
    client.clientSecretSealed = null;
    if (usesSecret(client)) {
      if (options.chosenSecret) {
        clientSecret = options.chosenSecret;
        client.clientSecretHash = await this.secrets.hashChosenSecret(options.chosenSecret);
      } else {
        const generated = this.secrets.generate();
        clientSecret = generated.secret;
        client.clientSecretHash = generated.hash;
      }
      client.clientSecretSealed = this.sealer.sealFor(client, clientSecret);
    }
    return { client: await this.clients.insert(client), clientSecret };
  }

  async get(clientId: string): Promise<ClientEntity> {
    const client = await this.clients.findById(clientId);
    if (!client) throw new NotFound(`No client with id ${clientId}`);
    return client;
  }

  list(options: { limit: number; cursor?: string; search?: string; owner?: string }) {
    return this.clients.list(options);
  }

  /** The clients holding at least one of `scopes`, such as those of an API. */
  listHolding(options: { scopes: readonly string[]; limit: number; cursor?: string }) {
    return this.clients.listHolding(options);
  }

  /** Replaces the metadata (RFC 7592 §2.2 semantics: omitted fields take their defaults). */
  async update(clientId: string, input: ClientMetadataInput): Promise<RegisteredClient> {
    const existing = await this.clients.loadWithSecret(clientId);
    if (!existing) throw new NotFound(`No client with id ${clientId}`);
    const metadata: NormalizedClientMetadata = normalizeClientMetadata(input, this.registrationPolicy());
    const hadSealedSecret = Boolean(existing.clientSecretSealed);
    const updated = Object.assign(existing, metadata);
    let clientSecret: string | undefined;
    if (!usesSecret(updated)) {
      updated.clientSecretHash = null;
      updated.clientSecretSealed = null;
    } else if (!updated.clientSecretHash || (updated.tokenEndpointAuthMethod === 'client_secret_jwt' && !hadSealedSecret)) {
      // It needs a secret it has not got, or one it can read back (client_secret_jwt): a new one, shown once.
      const generated = this.secrets.generate();
      clientSecret = generated.secret;
      updated.clientSecretHash = generated.hash;
      updated.clientSecretSealed = this.sealer.sealFor(updated, generated.secret);
    } else if (updated.tokenEndpointAuthMethod !== 'client_secret_jwt') {
      // No longer needed in the clear: only the hash stays.
      updated.clientSecretSealed = null;
    }
    const saved = await this.clients.save(updated);
    this.changes.clientChanged(clientId);
    return { client: saved, clientSecret };
  }

  async rotateSecret(clientId: string): Promise<RegisteredClient> {
    const client = await this.get(clientId);
    if (!usesSecret(client)) throw new Conflict(`${client.isPublic ? 'Public' : 'private_key_jwt'} clients have no secret`);
    const generated = this.secrets.generate();
    await this.clients.updateSecretHash(clientId, generated.hash, this.sealer.sealFor(client, generated.secret));
    this.changes.clientChanged(clientId);
    return { client, clientSecret: generated.secret };
  }

  async delete(clientId: string): Promise<void> {
    if (!(await this.clients.delete(clientId))) throw new NotFound(`No client with id ${clientId}`);
    this.changes.clientChanged(clientId);
  }
}

/** The admin API's view of a client (RFC 7591 names). */
export function toClientView(client: ClientEntity, clientSecret?: string): ClientView {
  const view: ClientView = {
    client_id: client.clientId,
    client_id_issued_at: Math.floor(client.createdAt.getTime() / 1000),
    client_name: client.clientName,
    application_type: client.applicationType,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    grant_types: client.grantTypes,
    response_types: client.responseTypes,
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    scope: client.scopes.join(' '),
    contacts: client.contacts,
    first_party: client.firstParty,
    require_pkce: client.requirePkce,
    allow_plain_pkce: client.allowPlainPkce,
    id_token_signed_response_alg: client.idTokenSignedResponseAlg as ClientView['id_token_signed_response_alg'],
    access_token_ttl: client.accessTokenTtl,
    refresh_token_ttl: client.refreshTokenTtl,
    allowed_groups: client.allowedGroups,
    groups_claim_filter: client.groupsClaimFilter,
    owners: client.owners,
    default_acr_values: client.defaultAcrValues,
    backchannel_logout_session_required: client.backchannelLogoutSessionRequired,
    frontchannel_logout_session_required: client.frontchannelLogoutSessionRequired,
    dpop_bound_access_tokens: client.dpopBoundAccessTokens,
    ...clientAuthView(client),
    require_pushed_authorization_requests: client.requirePushedAuthorizationRequests,
    created_at: client.createdAt.toISOString(),
    updated_at: client.updatedAt.toISOString(),
  };
  if (clientSecret) view.client_secret = clientSecret;
  if (usesSecret(client)) view.client_secret_expires_at = 0;
  if (client.logoUri) view.logo_uri = client.logoUri;
  if (client.clientUri) view.client_uri = client.clientUri;
  if (client.policyUri) view.policy_uri = client.policyUri;
  if (client.tosUri) view.tos_uri = client.tosUri;
  if (client.backchannelLogoutUri) view.backchannel_logout_uri = client.backchannelLogoutUri;
  if (client.frontchannelLogoutUri) view.frontchannel_logout_uri = client.frontchannelLogoutUri;
  return view;
}

export type { Page };
