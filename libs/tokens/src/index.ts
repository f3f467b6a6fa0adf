import { SigningKeyEntity } from './keys/signing-key.entity';
import { CreateTokens1764100001000 } from './migrations/1764100001000-create-tokens';
import { CreateRefreshTokens1764100003000 } from './migrations/1764100003000-create-refresh-tokens';
import { CreateOpaqueAccessTokens1764100006000 } from './migrations/1764100006000-create-opaque-access-tokens';

export * from './access/access-token.service';
export * from './id-token/id-token.service';
export * from './introspection/introspection.service';
export * from './keys/key-store.service';
export * from './keys/signing-key.entity';
export * from './no-store.decorator';
export type { RefreshTokenRecord } from './refresh/refresh-token.repository';
export * from './refresh/refresh-token.service';
export * from './revocation/revocation.repository';
export * from './tokens.module';

export const TOKENS_ENTITIES = [SigningKeyEntity];
export const TOKENS_MIGRATIONS = [CreateTokens1764100001000, CreateRefreshTokens1764100003000, CreateOpaqueAccessTokens1764100006000];
