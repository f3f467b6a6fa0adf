import { Injectable } from '@nestjs/common';
import { createLocalJWKSet, decodeJwt, errors, JSONWebKeySet, jwtVerify, JWTPayload } from 'jose';
import { AppConfig, Clock, InvalidClient, InvalidRequest } from '@app/core';
import { ClientEntity } from '../client.entity';
import { ClientRepository } from '../client.repository';
import { assertionAlgorithms } from '../registration/client-auth-rules';
import { ClientAssertionJtiRepository } from './client-assertion-jti.repository';
import { ClientSecretSealer } from './client-secret-sealer';
import { JwksUriFetcher, LocalKeySet } from './jwks-uri.fetcher';

/** RFC 7523 §2.2: the client_assertion_type of a JWT client assertion. */
const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** An assertion may not be valid for longer than this (RFC 7523 §3 item 4 lets the server bound exp). */
const MAX_LIFETIME_S = 300;
const CLOCK_SKEW_S = 30;
const MAX_JTI_LENGTH = 256;
const FAILURE = 'Client authentication failed';

type VerificationKey = Parameters<typeof jwtVerify>[1];
/**
 * Built key sets of inline client.jwks. The client cache hands out the same entity (and jwks object) until
 * it reloads, so keys are imported once per load rather than per assertion; a reloaded client gets a new one.
 */
const inlineKeySets = new WeakMap<object, LocalKeySet>();

/**
 * Verifies a private_key_jwt or client_secret_jwt assertion (RFC 7523 §3, OIDC Core §9) and returns the
 * client it authenticates. Every failure is invalid_client with the reason in the log only.
 */
@Injectable()
export class ClientAssertionVerifier {
  constructor(
    private readonly clients: ClientRepository,
    private readonly jtis: ClientAssertionJtiRepository,
    private readonly sealer: ClientSecretSealer,
    private readonly jwksUris: JwksUriFetcher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** `endpoint` is the URL of the endpoint called, one of the audiences an assertion may name. */
  async verify(params: Readonly<Record<string, string>>, endpoint: string): Promise<ClientEntity> {
    if (!params.client_assertion) throw new InvalidRequest('client_assertion is required with client_assertion_type');
    // RFC 7521 §4.2.1: an assertion type not understood is invalid_client.
    if (params.client_assertion_type !== JWT_BEARER_ASSERTION_TYPE) throw new InvalidClient(FAILURE, undefined, `unsupported client_assertion_type`);
    const clientId = claimedClient(params.client_assertion);
    // RFC 7521 §4.2: a client_id sent alongside must name the same client.
    if (params.client_id !== undefined && params.client_id !== clientId) throw new InvalidClient(FAILURE, undefined, 'client_id differs from the assertion');
    const client = await this.clients.findWithSecret(clientId);
    const algorithms = client ? allowedAlgorithms(client) : [];
    if (!client || algorithms.length === 0) throw new InvalidClient(FAILURE, undefined, `${clientId} is not registered for client assertions`);
    const payload = await this.verifySignature(client, params.client_assertion, algorithms, endpoint);
    await this.checkLifetimeAndReplay(client.clientId, payload);
    return client;
  }

  private async verifySignature(client: ClientEntity, assertion: string, algorithms: string[], endpoint: string): Promise<JWTPayload> {
    const options = {
      algorithms,
      issuer: client.clientId,
      subject: client.clientId,
      // RFC 7523 §3 item 3 and OIDC Core §9: the token endpoint or the issuer; also the endpoint actually called.
      audience: [...new Set([this.config.issuer, this.config.endpoint('/oauth2/token'), endpoint])],
      requiredClaims: ['exp', 'jti'],
      clockTolerance: CLOCK_SKEW_S,
      currentDate: this.clock.now(),
    };
    try {
      if (client.jwksUri) return await this.verifyWithJwksUri(client.jwksUri, assertion, options);
      return (await jwtVerify(assertion, this.keyOf(client), options)).payload;
    } catch (error) {
      if (error instanceof InvalidClient) throw error;
      throw new InvalidClient(FAILURE, undefined, `assertion of ${client.clientId} refused: ${(error as Error).message}`);
    }
  }

  /** A kid the cached set lacks may be a new key: the set is fetched again (rate-limited by the fetcher). */
  private async verifyWithJwksUri(uri: string, assertion: string, options: Parameters<typeof jwtVerify>[2]): Promise<JWTPayload> {
    const verifyWith = async (keys: LocalKeySet) => (await jwtVerify(assertion, keys, options)).payload;
    try {
      return await verifyWith(await this.jwksUris.localKeySet(uri));
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || !this.jwksUris.mayRefetch(uri)) throw error;
      return verifyWith(await this.jwksUris.localKeySet(uri, { stale: true }));
    }
  }

  private keyOf(client: ClientEntity): VerificationKey {
    if (client.tokenEndpointAuthMethod === 'client_secret_jwt') {
      if (!client.clientSecretSealed) throw new InvalidClient(FAILURE, undefined, `${client.clientId} has no readable secret`);
      return new TextEncoder().encode(this.sealer.open(client.clientSecretSealed));
    }
    if (!client.jwks) throw new InvalidClient(FAILURE, undefined, `${client.clientId} has no keys`);
    let keys = inlineKeySets.get(client.jwks);
    if (!keys) {
      keys = createLocalJWKSet(client.jwks as JSONWebKeySet);
      inlineKeySets.set(client.jwks, keys);
    }
    return keys as VerificationKey;
  }

  private async checkLifetimeAndReplay(clientId: string, payload: JWTPayload): Promise<void> {
    const now = this.clock.epochSeconds();
    const exp = payload.exp!;
    if (exp - now > MAX_LIFETIME_S + CLOCK_SKEW_S) throw new InvalidClient(FAILURE, undefined, `assertion of ${clientId} expires too far ahead`);
    if (payload.iat !== undefined && payload.iat > now + CLOCK_SKEW_S) throw new InvalidClient(FAILURE, undefined, `assertion of ${clientId} issued in the future`);
    const jti = payload.jti!;
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH) throw new InvalidClient(FAILURE, undefined, 'unusable jti');
    // RFC 7523 §3 item 7: single use, on every instance, until it expires.
    if (!(await this.jtis.useOnce(clientId, jti, new Date((exp + CLOCK_SKEW_S) * 1000)))) {
      throw new InvalidClient(FAILURE, undefined, `replayed assertion jti for ${clientId}`);
    }
  }
}

/** The client the assertion claims to be (iss = sub = client_id, RFC 7523 §3 items 1-2), before any check. */
function claimedClient(assertion: string): string {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(assertion);
  } catch {
    throw new InvalidClient(FAILURE, undefined, 'client_assertion is not a JWT');
  }
  if (typeof claims.sub !== 'string' || !claims.sub || claims.iss !== claims.sub) {
    throw new InvalidClient(FAILURE, undefined, 'client assertion iss and sub must both be the client_id');
  }
  return claims.sub;
}

function allowedAlgorithms(client: ClientEntity): string[] {
  const algorithms = assertionAlgorithms(client.tokenEndpointAuthMethod);
  return client.tokenEndpointAuthSigningAlg ? algorithms.filter((alg) => alg === client.tokenEndpointAuthSigningAlg) : [...algorithms];
}
