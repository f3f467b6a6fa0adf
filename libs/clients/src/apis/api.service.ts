import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Conflict, InvalidRequest, isUuid, NotFound } from '@app/core';
import { newClientId } from '../client-id';
import type { ApiClientView, ApiInput, ApiView } from '@app/contracts';
import { GRANT_TYPES } from '../registration/grant-types';
import { ClientEntity } from '../client.entity';
import { ClientChangeNotifier } from '../client-change.notifier';
import { ClientSecretService } from '../client-secret.service';
import { ClientService } from '../client.service';
import { isScopeToken } from '../registration/scope';
import { ApiEntity, ApiScope } from './api.entity';
import { ApiRepository } from './api.repository';

/** Registration of APIs (resource servers) with their scopes and introspection credentials. */
@Injectable()
export class ApiService {
  constructor(
    private readonly apis: ApiRepository,
    private readonly secrets: ClientSecretService,
    private readonly clients: ClientService,
    private readonly changes: ClientChangeNotifier,
  ) {}

  /** The API and its confidential introspection client, written together or not at all. */
  async register(input: ApiInput): Promise<{ api: ApiEntity; clientSecret: string }> {
    const identifier = validIdentifier(input.identifier);
    const scopes = validScopes(input.scopes ?? []);
    if (await this.apis.findByIdentifier(identifier)) throw new Conflict(`An API with identifier ${identifier} exists`);
    const { client, secret } = this.introspectionClientFor(identifier, input.name);
    const api = await this.apis.transaction(async (manager) => {
      await manager.getRepository(ClientEntity).insert(client);
      const entity = Object.assign(new ApiEntity(), {
        identifier,
        name: input.name,
        scopes,
        accessTokenTtl: input.access_token_ttl ?? null,
        accessTokenFormat: input.access_token_format ?? 'jwt',
        allowedGroups: unique(input.allowed_groups ?? []),
        allowedClients: unique(input.allowed_clients ?? []),
        owners: unique(input.owners ?? []),
        tokenExchangeAllowedClients: unique(input.token_exchange?.allowed_clients ?? []),
        clientId: client.clientId,
      });
      return manager.getRepository(ApiEntity).save(entity);
    });
    this.apis.apiChanged(identifier);
    return { api, clientSecret: secret };
  }

  /** The confidential client an API introspects tokens with, and its new secret (only the hash is in the row). */
  introspectionClientFor(identifier: string, name: string): { client: ClientEntity; secret: string } {
    const { secret, hash } = this.secrets.generate();
    const client = Object.assign(new ClientEntity(), {
      clientId: newClientId(),
      clientSecretHash: hash,
      clientName: `${name} (API)`,
      applicationType: 'web',
      redirectUris: [],
      postLogoutRedirectUris: [],
      grantTypes: [],
      responseTypes: [],
      tokenEndpointAuthMethod: 'client_secret_basic',
      scopes: [],
      contacts: [],
      apiIdentifier: identifier,
    });
    return { client, secret };
  }

  /** Tells the caches of every instance that the API changed (after a write made elsewhere, such as a configuration apply). */
  apiChanged(identifier: string): void {
    this.apis.apiChanged(identifier);
  }

  /** What the consent and device pages say a requested scope lets the application do. */
  scopeDescriptions(names: readonly string[]): Promise<Map<string, string>> {
    return this.apis.scopeDescriptions(names);
  }

  async get(id: string): Promise<ApiEntity> {
    const api = isUuid(id) ? await this.apis.findById(id) : null;
    if (!api) throw new NotFound(`No API with id ${id}`);
    return api;
  }

  findByIdentifier(identifier: string, manager?: EntityManager): Promise<ApiEntity | null> {
    return this.apis.findByIdentifier(identifier, manager);
  }

  findByClientId(clientId: string): Promise<ApiEntity | null> {
    return this.apis.findByClientId(clientId);
  }

  definedScopes(names: readonly string[]): Promise<Set<string>> {
    return this.apis.definedScopes(names);
  }

  anyAllowsTokenExchange(clientId: string): Promise<boolean> {
    return this.apis.anyAllowsTokenExchange(clientId);
  }

  list(options: { limit: number; cursor?: string; search?: string; owner?: string }) {
    return this.apis.list(options);
  }

  /**
   * The applications that hold at least one of the API's scopes: they may name it as `resource`
   * (RFC 8707). The API's own introspection client holds none, so it is never among them.
   */
  async clientsOf(id: string, page: { limit: number; cursor?: string }): Promise<{ api: ApiEntity; items: ClientEntity[]; nextCursor: string | null }> {
    const api = await this.get(id);
    const found = await this.clients.listHolding({ scopes: api.scopeNames(), ...page });
    return { api, ...found };
  }

  async update(id: string, input: Partial<ApiInput>): Promise<ApiEntity> {
    const api = await this.get(id);
    if (input.identifier !== undefined && input.identifier !== api.identifier) {
      throw new InvalidRequest('The identifier of an API cannot change: tokens already carry it as their audience');
    }
    if (input.name !== undefined) api.name = input.name;
    if (input.scopes !== undefined) api.scopes = validScopes(input.scopes);
    if (input.access_token_ttl !== undefined) api.accessTokenTtl = input.access_token_ttl;
    if (input.access_token_format !== undefined) api.accessTokenFormat = input.access_token_format;
    if (input.allowed_groups !== undefined) api.allowedGroups = unique(input.allowed_groups);
    if (input.allowed_clients !== undefined) api.allowedClients = unique(input.allowed_clients);
    if (input.owners !== undefined) api.owners = unique(input.owners);
    if (input.token_exchange !== undefined) api.tokenExchangeAllowedClients = unique(input.token_exchange.allowed_clients);
    const saved = await this.apis.save(api);
    this.changes.clientChanged(api.clientId);
    return saved;
  }

  async rotateSecret(id: string): Promise<{ api: ApiEntity; clientSecret: string }> {
    const api = await this.get(id);
    const { clientSecret } = await this.clients.rotateSecret(api.clientId);
    return { api, clientSecret: clientSecret! };
  }

  async delete(id: string): Promise<void> {
    const api = await this.get(id);
    await this.apis.transaction(async (manager) => {
      await manager.getRepository(ApiEntity).delete({ id: api.id });
      await manager.getRepository(ClientEntity).delete({ clientId: api.clientId });
    });
    this.apis.apiChanged(api.identifier);
    this.changes.clientChanged(api.clientId);
  }
}

export function toApiView(api: ApiEntity, clientSecret?: string): ApiView {
  const view: ApiView = {
    id: api.id,
    identifier: api.identifier,
    name: api.name,
    scopes: api.scopes,
    access_token_ttl: api.accessTokenTtl,
    access_token_format: api.accessTokenFormat,
    allowed_groups: api.allowedGroups,
    allowed_clients: api.allowedClients,
    owners: api.owners,
    token_exchange: { allowed_clients: api.tokenExchangeAllowedClients },
    client_id: api.clientId,
    created_at: api.createdAt.toISOString(),
    updated_at: api.updatedAt.toISOString(),
  };
  if (clientSecret) view.client_secret = clientSecret;
  return view;
}

/** An application as the API's page lists it: what of the API it may ask for, and whether on its own behalf. */
export function toApiClientView(api: ApiEntity, client: ClientEntity): ApiClientView {
  const apiScopes = new Set(api.scopeNames());
  const mayUseClientCredentials = client.grantTypes.includes(GRANT_TYPES.clientCredentials);
  return {
    client_id: client.clientId,
    client_name: client.clientName,
    grant_types: client.grantTypes,
    scopes: client.scopes.filter((scope) => apiScopes.has(scope)),
    // RFC 8707 §2 as the token endpoint applies it: an API listing allowed clients refuses the others.
    client_credentials: mayUseClientCredentials && (api.allowedClients.length === 0 || api.allowedClients.includes(client.clientId)),
  };
}

export function validIdentifier(identifier: string): string {
  let url: URL;
  try {
    url = new URL(identifier);
  } catch {
    throw fieldError('identifier', 'must be an absolute URI');
  }
  // RFC 8707 §2: a resource indicator is an absolute URI without a fragment.
  if (url.hash || identifier.includes('#')) throw fieldError('identifier', 'must not contain a fragment');
  return identifier;
}

export function validScopes(scopes: Array<{ name: string; description?: string }>): ApiScope[] {
  const seen = new Set<string>();
  return scopes.map((scope, index) => {
    if (!isScopeToken(scope.name)) throw fieldError(`scopes[${index}].name`, 'must be a scope token (RFC 6749 §3.3)');
    if (seen.has(scope.name)) throw fieldError(`scopes[${index}].name`, `is defined twice`);
    seen.add(scope.name);
    return { name: scope.name, description: scope.description ?? '' };
  });
}

function fieldError(field: string, message: string): InvalidRequest {
  const error = new InvalidRequest(`${field} ${message}`);
  error.fields = { [field]: message };
  return error;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
