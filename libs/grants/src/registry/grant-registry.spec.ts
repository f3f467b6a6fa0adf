import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { SupportedGrantTypes } from '@app/clients';
import type { FormParams } from '@app/core';
import { aClient } from '../../../../test/support/fixtures';
import { thrownBy } from '../../../../test/support/thrown';
import { Grant, GrantHandler, TokenResponse } from './grant-handler';
import { GrantRegistry } from './grant-registry';

/** A grant type no built-in handler answers, as a new handler would bring. */
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

@Grant()
class TokenExchangeGrant implements GrantHandler {
  readonly grantType = TOKEN_EXCHANGE;
  async handle(): Promise<TokenResponse> {
    return { access_token: 'exchanged', token_type: 'Bearer', expires_in: 60 };
  }
}

@Grant()
class ClientCredentialsLikeGrant implements GrantHandler {
  readonly grantType = 'client_credentials';
  async handle(params: FormParams): Promise<TokenResponse> {
    return { access_token: `for ${params.scope}`, token_type: 'Bearer', expires_in: 60 };
  }
}

@Grant()
class SecondTokenExchangeGrant extends TokenExchangeGrant {}

/** A provider with a grantType that is not marked @Grant(): not a handler. */
@Injectable()
class UnmarkedService {
  readonly grantType = 'password';
}

/** The registry as the application builds it: providers discovered through Nest's DI. */
async function registryOf(...providers: Array<new (...args: never[]) => unknown>) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [GrantRegistry, SupportedGrantTypes, ...providers],
  }).compile();
  await module.init();
  return { sut: module.get(GrantRegistry), supported: module.get(SupportedGrantTypes) };
}

describe(GrantRegistry.name, () => {
  it('discovers every @Grant() provider, and nothing else, by its grant type', async () => {
    const { sut } = await registryOf(TokenExchangeGrant, ClientCredentialsLikeGrant, UnmarkedService);
    expect(sut.grantTypes().sort()).toEqual(['client_credentials', TOKEN_EXCHANGE]);
  });

  it('announces its grant types to client registration, so a new handler is registrable', async () => {
    const { supported } = await registryOf(TokenExchangeGrant, ClientCredentialsLikeGrant);
    expect([...supported.list()].sort()).toEqual(['client_credentials', TOKEN_EXCHANGE]);
  });

  it('refuses to start when two handlers claim one grant type', async () => {
    await expect(registryOf(TokenExchangeGrant, SecondTokenExchangeGrant)).rejects.toThrow(`Two grant handlers claim grant_type ${TOKEN_EXCHANGE}`);
  });

  describe('handlerFor', () => {
    it('gives the handler of the grant type to a client registered for it', async () => {
      const { sut } = await registryOf(TokenExchangeGrant, ClientCredentialsLikeGrant);
      const handler = sut.handlerFor('client_credentials', aClient({ grantTypes: ['client_credentials'] }));
      await expect(handler.handle({ scope: 'orders:read' }, aClient())).resolves.toMatchObject({ access_token: 'for orders:read' });
    });

    it('RFC 6749 §5.2: refuses a grant type without a handler as unsupported_grant_type', async () => {
      const { sut } = await registryOf(TokenExchangeGrant);
      expect(thrownBy(() => sut.handlerFor('password', aClient({ grantTypes: ['password'] })))).toMatchObject({
        code: 'unsupported_grant_type',
        description: 'The grant type password is not supported',
      });
    });

    it('RFC 6749 §5.2: refuses a client not registered for the grant type as unauthorized_client', async () => {
      const { sut } = await registryOf(TokenExchangeGrant);
      expect(thrownBy(() => sut.handlerFor(TOKEN_EXCHANGE, aClient({ grantTypes: ['authorization_code'] })))).toMatchObject({
        code: 'unauthorized_client',
        description: `This client may not use the ${TOKEN_EXCHANGE} grant`,
      });
    });
  });
});
