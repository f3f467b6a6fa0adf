import { Injectable } from '@nestjs/common';
import type { ClientEntity } from '@app/clients';
import { AppConfig, FormParams, randomToken, sha256, UnauthorizedClient } from '@app/core';
import { DEVICE_CODE_GRANT_TYPE } from '../handlers/device-code.grant';
import { ScopePolicy } from '../scopes/scope-policy';
import { DeviceAuthorizationRepository } from './device-authorization.repository';
import { formatUserCode, generateUserCode } from './user-code';

/** RFC 8628 §3.2 device authorization response. */
export interface DeviceAuthorizationResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
}

/** Path of the verification page, relative to the issuer. */
export const VERIFICATION_PATH = '/device';

const USER_CODE_ATTEMPTS = 5;

/** Starts device authorizations: checks the client and scope, then issues the two codes. */
@Injectable()
export class DeviceAuthorizationService {
  constructor(
    private readonly authorizations: DeviceAuthorizationRepository,
    private readonly scopes: ScopePolicy,
    private readonly config: AppConfig,
  ) {}

  async start(params: FormParams, client: ClientEntity): Promise<DeviceAuthorizationResponse> {
    // RFC 8628 §3.2 / RFC 6749 §5.2: a client not registered for the device grant is unauthorized_client.
    if (!client.grantTypes.includes(DEVICE_CODE_GRANT_TYPE)) {
      throw new UnauthorizedClient('This client may not use the device authorization grant');
    }
    const scopes = this.scopes.grantable(params.scope, client);
    // RFC 8628 §5.2: the device code is a 256-bit secret; only its hash is stored.
    const deviceCode = randomToken(32);
    const userCode = await this.insertWithFreshUserCode(deviceCode, client.clientId, scopes);
    const verificationUri = this.config.endpoint(VERIFICATION_PATH);
    const shown = formatUserCode(userCode);
    return {
      device_code: deviceCode,
      user_code: shown,
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?user_code=${shown}`,
      expires_in: this.config.deviceCodeTtl,
      interval: this.config.devicePollInterval,
    };
  }

  /** User codes are short, so two live ones may collide; the unique index decides and we draw again. */
  private async insertWithFreshUserCode(deviceCode: string, clientId: string, scopes: string[]): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const userCode = generateUserCode();
      try {
        await this.authorizations.create({
          deviceCodeHash: sha256(deviceCode),
          userCodeHash: hashUserCode(userCode),
          clientId,
          scopes,
          intervalSeconds: this.config.devicePollInterval,
          ttlSeconds: this.config.deviceCodeTtl,
        });
        return userCode;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= USER_CODE_ATTEMPTS) throw error;
      }
    }
  }
}

/** User codes are stored as the SHA-256 of their normalized form. */
export function hashUserCode(normalized: string): string {
  return sha256(`user_code:${normalized}`);
}

function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  return candidate.code === '23505' || candidate.driverError?.code === '23505';
}
