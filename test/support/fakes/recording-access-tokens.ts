import type { AccessTokenRequest, AccessTokenService, IssuedAccessToken } from '@app/tokens';
import { FIXTURE_NOW } from '../fixtures/time.fixture';

/** Stands in for AccessTokenService: records each request and answers with a token named after it. */
export class RecordingAccessTokens implements Pick<AccessTokenService, 'issue'> {
  readonly requests: AccessTokenRequest[] = [];

  async issue(request: AccessTokenRequest): Promise<IssuedAccessToken> {
    this.requests.push(request);
    const jti = `jti-${this.requests.length}`;
    return { token: `access-token-${this.requests.length}`, jti, expiresIn: request.ttlSeconds, expiresAt: Math.floor(FIXTURE_NOW.getTime() / 1000) + request.ttlSeconds };
  }

  asService(): AccessTokenService {
    return this as unknown as AccessTokenService;
  }
}
