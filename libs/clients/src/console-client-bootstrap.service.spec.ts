import { AppConfig, ChangeFeed, createAppLogger } from '@app/core';
import { ClientChangeNotifier } from './client-change.notifier';
import { ClientEntity } from './client.entity';
import type { ClientRepository } from './client.repository';
import { ClientSecretService } from './client-secret.service';
import { ClientSecretSealer } from './auth/client-secret-sealer';
import { ClientService } from './client.service';
import { CONSOLE_CLIENT_ID, ConsoleClientBootstrapService } from './console-client-bootstrap.service';
import { SupportedGrantTypes } from './registration/supported-grant-types';

/** The change feed of a single process: delivers locally, nothing else. */
class LocalChangeFeed extends ChangeFeed {
  constructor() {
    super(new AppConfig({}), undefined as never, createAppLogger('silent'));
  }
}

/** Client storage in a Map, enough for registration and update. */
class InMemoryClients {
  readonly rows = new Map<string, ClientEntity>();
  writes = 0;

  async findById(clientId: string) {
    return this.rows.get(clientId) ?? null;
  }
  findWithSecret(clientId: string) {
    return this.findById(clientId);
  }
  loadWithSecret(clientId: string) {
    return this.findById(clientId);
  }
  async exists(clientId: string) {
    return this.rows.has(clientId);
  }
  async insert(client: ClientEntity) {
    return this.store(client);
  }
  async save(client: ClientEntity) {
    return this.store(client);
  }
  private store(client: ClientEntity) {
    this.writes++;
    client.createdAt ??= new Date();
    client.updatedAt = new Date();
    this.rows.set(client.clientId, client);
    return client;
  }
}

describe(ConsoleClientBootstrapService.name, () => {
  const logger = createAppLogger('silent');
  const build = (issuer: string, clients: InMemoryClients) => {
    const repository = clients as unknown as ClientRepository;
    const config = new AppConfig({ ISSUER: issuer });
    const grantTypes = new SupportedGrantTypes();
    grantTypes.announce(['authorization_code', 'refresh_token']);
    const service = new ClientService(repository, new ClientSecretService(), new ClientChangeNotifier(new LocalChangeFeed()), config, grantTypes, new ClientSecretSealer(config));
    return new ConsoleClientBootstrapService(config, repository, service, logger);
  };

  it('registers a public, PKCE-bound, first-party client for this issuer', async () => {
    const clients = new InMemoryClients();
    await build('https://id.example.com', clients).onApplicationBootstrap();
    const client = clients.rows.get(CONSOLE_CLIENT_ID)!;
    expect(client).toMatchObject({
      tokenEndpointAuthMethod: 'none',
      clientSecretHash: null,
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['https://id.example.com/console/callback'],
      postLogoutRedirectUris: ['https://id.example.com/console/'],
      scopes: ['openid', 'profile', 'email', 'roles', 'admin'],
      firstParty: true,
      requirePkce: true,
    });
  });

  it('writes nothing on a restart with the same issuer', async () => {
    const clients = new InMemoryClients();
    await build('https://id.example.com', clients).onApplicationBootstrap();
    await build('https://id.example.com', clients).onApplicationBootstrap();
    expect(clients.writes).toBe(1);
  });

  it('follows an ISSUER change and keeps the token lifetimes an administrator chose', async () => {
    const clients = new InMemoryClients();
    await build('http://localhost:3000', clients).onApplicationBootstrap();
    clients.rows.get(CONSOLE_CLIENT_ID)!.accessTokenTtl = 600;
    await build('https://id.example.com/auth', clients).onApplicationBootstrap();
    const client = clients.rows.get(CONSOLE_CLIENT_ID)!;
    expect(client.redirectUris).toEqual(['https://id.example.com/auth/console/callback']);
    expect(client.postLogoutRedirectUris).toEqual(['https://id.example.com/auth/console/']);
    expect(client.accessTokenTtl).toBe(600);
  });
});
