import { Injectable } from '@nestjs/common';
import { AppConfig, AtRestCipher } from '@app/core';
import type { ClientEntity } from '../client.entity';

/**
 * client_secret_jwt (OIDC Core §9) needs the secret itself as the HMAC key, which a hash cannot give back.
 * For those clients alone the secret is also stored sealed with KEY_ENCRYPTION_SECRET (AES-256-GCM);
 * without that setting it is stored as it is, like the other secrets the server reads back.
 */
@Injectable()
export class ClientSecretSealer {
  private readonly cipher: AtRestCipher;

  constructor(config: AppConfig) {
    this.cipher = new AtRestCipher(config.keyEncryptionSecret, 'client-secrets', 'client-secret-jwt-v1');
  }

  /** The sealed secret to store for `client`, or null when its method does not need the secret back. */
  sealFor(client: Pick<ClientEntity, 'tokenEndpointAuthMethod'>, secret: string): string | null {
    return client.tokenEndpointAuthMethod === 'client_secret_jwt' ? this.cipher.seal(secret) : null;
  }

  open(sealed: string): string {
    return this.cipher.open(sealed);
  }
}

/** A private_key_jwt client proves itself with its key and has no secret; a public client has none either. */
export function usesSecret(client: Pick<ClientEntity, 'tokenEndpointAuthMethod'>): boolean {
  return client.tokenEndpointAuthMethod !== 'none' && client.tokenEndpointAuthMethod !== 'private_key_jwt';
}
