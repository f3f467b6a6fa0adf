import { Injectable } from '@nestjs/common';
import { InvalidClient, InvalidRequest } from '@app/core';
import { ClientEntity } from '../client.entity';
import { ClientRepository } from '../client.repository';
import { ClientSecretService } from '../client-secret.service';
import { ClientAssertionVerifier } from './client-assertion.verifier';

/** The ways a request can authenticate; `client_assertion` covers private_key_jwt and client_secret_jwt. */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none' | 'client_assertion';

export interface ClientCredentials {
  method: Exclude<ClientAuthMethod, 'client_assertion'>;
  clientId: string;
  clientSecret?: string;
}

const GENERIC_FAILURE = 'Client authentication failed';
/**
 * Every failed authentication answers after at least this long, so an unknown client, a wrong generated
 * secret and a wrong operator-chosen (scrypt) secret cannot be told apart by timing. It costs a timer, not CPU.
 */
const FAILURE_FLOOR_MS = 120;
const SECRET_METHODS = new Set(['client_secret_basic', 'client_secret_post']);

/**
 * Finds out which authentication method a request used (RFC 6749 §2.3) and verifies it. Unknown clients
 * and wrong secrets fail with the same answer after the same work, so neither reveals which it was.
 */
@Injectable()
export class ClientAuthenticator {
  constructor(
    private readonly clients: ClientRepository,
    private readonly secrets: ClientSecretService,
    private readonly assertions: ClientAssertionVerifier,
  ) {}

  /** The single method the request used; more than one is rejected (RFC 6749 §2.3). */
  detectMethod(authorization: string | undefined, params: Readonly<Record<string, string>>): ClientAuthMethod {
    const hasBasic = typeof authorization === 'string' && /^basic\b/i.test(authorization.trim());
    const hasAssertion = params.client_assertion !== undefined || params.client_assertion_type !== undefined;
    if ([hasBasic, params.client_secret !== undefined, hasAssertion].filter(Boolean).length > 1) {
      throw new InvalidRequest('The client used more than one authentication method');
    }
    if (hasAssertion) return 'client_assertion';
    if (hasBasic) return 'client_secret_basic';
    if (params.client_secret !== undefined) return 'client_secret_post';
    if (params.client_id !== undefined) return 'none';
    throw new InvalidClient('Client authentication is required');
  }

  /** RFC 6749 §2.3.1: id and secret are form-encoded, then joined by a colon and base64-encoded. */
  parseBasic(authorization: string, params: Readonly<Record<string, string>>): ClientCredentials {
    const encoded = authorization.trim().slice('basic'.length).trim();
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (!encoded || separator < 0) throw new InvalidClient('Malformed Basic credentials', 'Basic');
    let clientId: string;
    let clientSecret: string;
    try {
      clientId = formDecode(decoded.slice(0, separator));
      clientSecret = formDecode(decoded.slice(separator + 1));
    } catch {
      throw new InvalidClient('Malformed Basic credentials', 'Basic');
    }
    if (!clientId) throw new InvalidClient('Malformed Basic credentials', 'Basic');
    if (params.client_id !== undefined && params.client_id !== clientId) {
      throw new InvalidRequest('client_id in the body does not match the authenticated client');
    }
    return { method: 'client_secret_basic', clientId, clientSecret };
  }

  authenticate(credentials: ClientCredentials): Promise<ClientEntity> {
    return withFailureFloor(() => this.verify(credentials));
  }

  /** RFC 7523 §2.2: a private_key_jwt or client_secret_jwt assertion, sent to `endpoint`. */
  authenticateAssertion(params: Readonly<Record<string, string>>, endpoint: string): Promise<ClientEntity> {
    return withFailureFloor(() => this.assertions.verify(params, endpoint));
  }

  private async verify(credentials: ClientCredentials): Promise<ClientEntity> {
    const scheme = credentials.method === 'client_secret_basic' ? 'Basic' : undefined;
    const client = await this.clients.findWithSecret(credentials.clientId);
    if (credentials.method === 'none') {
      if (!client || !client.isPublic) {
        // A confidential client that sent no secret, or an unknown id.
        throw new InvalidClient(GENERIC_FAILURE, scheme, `no usable public client ${credentials.clientId}`);
      }
      return client;
    }
    const secretMatches = await this.secrets.verify(credentials.clientSecret ?? '', client?.clientSecretHash);
    // A client registered for assertions (OIDC Core §9) authenticates only that way: its secret never travels.
    if (!client || client.isPublic || !secretMatches || !SECRET_METHODS.has(client.tokenEndpointAuthMethod)) {
      throw new InvalidClient(GENERIC_FAILURE, scheme, `secret check failed for ${credentials.clientId}`);
    }
    return client;
  }
}

async function withFailureFloor(attempt: () => Promise<ClientEntity>): Promise<ClientEntity> {
  const started = Date.now();
  try {
    return await attempt();
  } catch (error) {
    const remaining = FAILURE_FLOOR_MS - (Date.now() - started);
    if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
    throw error;
  }
}

/** application/x-www-form-urlencoded decoding: `+` is a space, then percent-decoding. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}
