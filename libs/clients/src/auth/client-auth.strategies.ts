import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import type { FastifyRequest } from 'fastify';
import { AppConfig, readFormBody } from '@app/core';
import { ClientEntity } from '../client.entity';
import { ClientAuthenticator } from './client-authenticator.service';

/** RFC 6749 §2.3.1: id and secret in the HTTP Basic Authorization header. */
@Injectable()
export class ClientSecretBasicStrategy extends PassportStrategy(Strategy, 'client_secret_basic') {
  constructor(private readonly authenticator: ClientAuthenticator) {
    super();
  }

  async validate(request: FastifyRequest): Promise<ClientEntity> {
    const credentials = this.authenticator.parseBasic(String(request.headers.authorization), readFormBody(request));
    return this.authenticator.authenticate(credentials);
  }
}

/** RFC 6749 §2.3.1: id and secret as body parameters. */
@Injectable()
export class ClientSecretPostStrategy extends PassportStrategy(Strategy, 'client_secret_post') {
  constructor(private readonly authenticator: ClientAuthenticator) {
    super();
  }

  async validate(request: FastifyRequest): Promise<ClientEntity> {
    const params = readFormBody(request);
    return this.authenticator.authenticate({
      method: 'client_secret_post',
      clientId: params.client_id ?? '',
      clientSecret: params.client_secret,
    });
  }
}

/** Public clients (RFC 6749 §2.1): only the client_id, the grant itself must bind the client (PKCE). */
@Injectable()
export class PublicClientStrategy extends PassportStrategy(Strategy, 'none') {
  constructor(private readonly authenticator: ClientAuthenticator) {
    super();
  }

  async validate(request: FastifyRequest): Promise<ClientEntity> {
    return this.authenticator.authenticate({ method: 'none', clientId: readFormBody(request).client_id ?? '' });
  }
}

/** RFC 7523 §2.2 and OIDC Core §9: private_key_jwt and client_secret_jwt assertions. */
@Injectable()
export class ClientAssertionStrategy extends PassportStrategy(Strategy, 'client_assertion') {
  constructor(
    private readonly authenticator: ClientAuthenticator,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async validate(request: FastifyRequest): Promise<ClientEntity> {
    // The endpoint called, as an absolute URL: the issuer's origin and the path the request came to.
    const endpoint = new URL(request.url.split('?')[0], this.config.issuer).href;
    return this.authenticator.authenticateAssertion(readFormBody(request), endpoint);
  }
}
