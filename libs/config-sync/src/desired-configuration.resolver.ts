import { Injectable } from '@nestjs/common';
import { ApiEntity, ClientEntity, ClientRepository, ClientSecretService, ClientService, usesSecret, validIdentifier, validScopes } from '@app/clients';
import type { IdentityProviderInput } from '@app/contracts';
import { AppConfig, groupNameProblem } from '@app/core';
import { IdentityProviderEntity, IdentityProviderService, normalizeProvider, toProviderView } from '@app/federation';
import { ADMIN_ROLES, UserService } from '@app/users';
import { apiObject, applicationObject, groupObject, providerObject, roleObject } from './canonical-objects';
import { ConfigDocument, ConfigObject, emptyDocument, sortedDocument } from './config-document';
import type { DesiredConfiguration } from './desired-configuration';
import { problemAt, within } from './field-path';
import { checkGroupNesting } from './group-nesting';
import { isApplication, LiveConfiguration } from './live-configuration.service';
import { ReferenceResolver } from './reference-resolver';
import { parseReference, secretFieldOf } from './secret-reference';

/** Stored objects are compared with the document's at a fixed time: timestamps are not configuration. */
const EPOCH = new Date(0);

/**
 * Checks a document the way the admin API checks each object (the same rules, the same messages, under
 * the object's place in the file) and resolves it against the server: the shape to compare, and what to write.
 */
@Injectable()
export class DesiredConfigurationResolver {
  constructor(
    private readonly clients: ClientService,
    private readonly clientRows: ClientRepository,
    private readonly secrets: ClientSecretService,
    private readonly users: UserService,
    private readonly providers: IdentityProviderService,
    private readonly config: AppConfig,
  ) {}

  async resolve(document: ConfigDocument, live: LiveConfiguration, prune: boolean): Promise<DesiredConfiguration> {
    const apiClientIds = [...live.apis.values()].map((api) => api.clientId);
    const references = new ReferenceResolver(document, live, prune, apiClientIds, this.users);
    const desired: DesiredConfiguration = { document: emptyDocument(), newSecrets: new Set(), applications: new Map(), apis: new Map(), groups: new Map(), roles: new Map(), providers: new Map() };
    this.groups(document, live, prune, references, desired);
    for (const [index, object] of document.applications.entries()) await this.application(`applications[${index}]`, object, live, references, desired);
    for (const [index, object] of document.apis.entries()) await this.api(`apis[${index}]`, object, references, desired);
    for (const [index, object] of document.roles.entries()) await this.role(`roles[${index}]`, object, references, desired);
    for (const [index, object] of document.identity_providers.entries()) await this.provider(`identity_providers[${index}]`, object, live, references, desired);
    desired.document = sortedDocument(desired.document);
    return desired;
  }

  private groups(document: ConfigDocument, live: LiveConfiguration, prune: boolean, references: ReferenceResolver, desired: DesiredConfiguration): void {
    for (const [index, object] of document.groups.entries()) {
      const path = `groups[${index}]`;
      const problem = groupNameProblem(object.name);
      if (problem) throw problemAt(`${path}.name`, problem);
      const group = {
        name: String(object.name),
        description: typeof object.description === 'string' ? object.description : '',
        requireMfa: object.require_mfa === true,
        requirePhishingResistant: object.require_phishing_resistant === true,
        parents: references.groupNames(object.parents, `${path}.parents`),
      };
      desired.groups.set(group.name.toLowerCase(), group);
      desired.document.groups.push(groupObject(group, group.parents));
    }
    checkGroupNesting(document, desired.groups, live, prune);
  }

  private async application(path: string, object: ConfigObject, live: LiveConfiguration, references: ReferenceResolver, desired: DesiredConfiguration): Promise<void> {
    const { client_id: clientId, client_secret: secretValue, ...metadataInput } = object as ConfigObject & { client_id: string };
    if (!isApplication({ clientId, apiIdentifier: null })) throw problemAt(`${path}.client_id`, 'is the admin console\'s own registration, which the server manages');
    if (!live.clients.has(clientId) && (await this.clientRows.exists(clientId))) throw problemAt(`${path}.client_id`, 'belongs to an API: its credentials are not an application');
    const allowedGroups = metadataInput.allowed_groups === undefined ? undefined : references.groupNames(metadataInput.allowed_groups, `${path}.allowed_groups`);
    const owners = await references.persons(metadataInput.owners, `${path}.owners`);
    const metadata = await within(path, () => this.clients.normalize({ ...metadataInput, ...(allowedGroups && { allowed_groups: allowedGroups }), owners: owners.map((person) => person.id) }));
    const client = Object.assign(new ClientEntity(), metadata, { clientId, apiIdentifier: null, createdAt: EPOCH, updatedAt: EPOCH });
    let secret: string | undefined;
    if (usesSecret(client)) {
      const stored = live.clients.has(clientId) ? await this.clientRows.loadWithSecret(clientId) : null;
      const supplied = suppliedSecret(secretValue, `${path}.client_secret`);
      const readable = client.tokenEndpointAuthMethod !== 'client_secret_jwt' || Boolean(stored?.clientSecretSealed);
      const keeps = Boolean(stored?.clientSecretHash) && readable;
      if (supplied !== undefined && !(keeps && (await this.secrets.verify(supplied, stored!.clientSecretHash)))) secret = supplied;
      if (supplied === undefined && !keeps) throw missingSecret(`${path}.client_secret`, secretValue);
      if (secret !== undefined) desired.newSecrets.add(`application:${clientId}`);
    }
    desired.applications.set(clientId, { clientId, metadata, secret });
    desired.document.applications.push(applicationObject(client, owners.map((person) => person.username), usesSecret(client)));
  }

  private async api(path: string, object: ConfigObject, references: ReferenceResolver, desired: DesiredConfiguration): Promise<void> {
    const identifier = await within(path, () => validIdentifier(String(object.identifier)));
    const scopes = await within(path, () => validScopes((object.scopes ?? []) as Array<{ name: string; description?: string }>));
    const owners = await references.persons(object.owners, `${path}.owners`);
    const exchange = object.token_exchange as { allowed_clients?: unknown } | undefined;
    const api = {
      identifier,
      name: String(object.name),
      scopes,
      accessTokenTtl: typeof object.access_token_ttl === 'number' ? object.access_token_ttl : null,
      accessTokenFormat: object.access_token_format === 'opaque' ? ('opaque' as const) : ('jwt' as const),
      allowedGroups: references.groupNames(object.allowed_groups, `${path}.allowed_groups`),
      allowedClients: references.clientIds(object.allowed_clients, `${path}.allowed_clients`),
      owners: owners.map((person) => person.id),
      tokenExchangeAllowedClients: references.clientIds(exchange?.allowed_clients, `${path}.token_exchange.allowed_clients`),
    };
    desired.apis.set(identifier, api);
    desired.document.apis.push(apiObject(Object.assign(new ApiEntity(), api), owners.map((person) => person.username)));
  }

  private async role(path: string, object: ConfigObject, references: ReferenceResolver, desired: DesiredConfiguration): Promise<void> {
    const role = String(object.role);
    if (!(ADMIN_ROLES as readonly string[]).includes(role)) throw problemAt(`${path}.role`, `must be one of ${ADMIN_ROLES.join(', ')}`);
    const people = await references.persons(object.people, `${path}.people`);
    desired.roles.set(role, new Set(people.map((person) => person.id)));
    desired.document.roles.push(roleObject(role, people.map((person) => person.username)));
  }

  private async provider(path: string, object: ConfigObject, live: LiveConfiguration, references: ReferenceResolver, desired: DesiredConfiguration): Promise<void> {
    const secretField = secretFieldOf('identity_provider', object)!;
    const { client_secret: _clientSecret, bind_password: _bindPassword, ...input } = object;
    const provider = await within(path, () => normalizeProvider(input as unknown as IdentityProviderInput));
    references.groupNames(Object.values(provider.config.groupMapping), `${path}.group_mapping`);
    const existing = live.providers.get(provider.name);
    if (existing && existing.type !== provider.type) throw problemAt(`${path}.type`, 'cannot change; delete the provider and create another');
    const stored = existing ? await this.providers.secretOf(existing) : undefined;
    const supplied = suppliedSecret(object[secretField], `${path}.${secretField}`);
    if (supplied === undefined && object[secretField] !== undefined && stored === undefined) throw missingSecret(`${path}.${secretField}`, object[secretField]);
    const secret = supplied !== undefined && supplied !== stored ? supplied : undefined;
    if (secret !== undefined) desired.newSecrets.add(`identity_provider:${provider.name}`);
    desired.providers.set(provider.name, { name: provider.name, type: provider.type, displayName: provider.displayName, enabled: provider.enabled, config: provider.config, secret });
    const row = Object.assign(new IdentityProviderEntity(), { id: '', name: provider.name, type: provider.type, displayName: provider.displayName, enabled: provider.enabled, config: provider.config, createdAt: EPOCH, updatedAt: EPOCH });
    desired.document.identity_providers.push(providerObject(toProviderView(row, this.config.issuer, stored !== undefined || secret !== undefined)));
  }
}

/** A secret value sent with the document; undefined when it is left out or still a reference. */
function suppliedSecret(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || parseReference(value)) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) throw problemAt(field, 'must be a secret reference (${env:NAME} or ${file:/path}) or its value');
  return value;
}

function missingSecret(field: string, value: unknown) {
  const reference = parseReference(value);
  return problemAt(field, reference ? `${String(value)} has no value, and the object has no stored secret to keep` : 'is required: give a secret reference such as ${env:NAME}');
}
