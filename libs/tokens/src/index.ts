import { SigningKeyEntity } from './keys/signing-key.entity';
import { CreateTokens1764100001000 } from './migrations/1764100001000-create-tokens';
import { CreateRefreshTokens1764100003000 } from './migrations/1764100003000-create-refresh-tokens';
import { CreateOpaqueAccessTokens1764100006000 } from './migrations/1764100006000-create-opaque-access-tokens';
import { PrepublishNextSigningKey1764100007000 } from './migrations/1764100007000-prepublish-next-signing-key';
import { IdTokenSigningKeys1764100010000 } from './migrations/1764100010000-id-token-signing-keys';
import { RefreshTokenResource1764100013000 } from './migrations/1764100013000-refresh-token-resource';
import { RevocationCutoffs1764100016500 } from './migrations/1764100016500-revocation-cutoffs';
import { OpaqueAccessTokenClaims1764100017400 } from './migrations/1764100017400-opaque-access-token-claims';
import { TokenAuthenticationLevel1764100020100 } from './migrations/1764100020100-token-authentication-level';
import { Dpop1764100026000 } from './migrations/1764100026000-dpop';
import { OpaqueAccessTokenActor1764100027300 } from './migrations/1764100027300-opaque-access-token-actor';
import { RevocationNotify1764400020000 } from './migrations/1764400020000-revocation-notify';

export type { AccessTokenClaims, ActorClaim, AuthenticationClaimValues, PersonClaimValues } from './access/access-token-claims';
export { presentAuthenticationClaims } from './access/access-token-claims';
export * from './access/access-token.service';
export * from './access/own-api-tokens';
export * from './dpop/dpop-proof.service';
export * from './dpop/dpop-refusal';
export * from './dpop/token-type';
export { DPOP_ALGORITHMS } from '@meridian-auth/resource-server';
export * from './id-token/id-token.service';
export * from './introspection/introspection.service';
export * from './keys/key-store.service';
export * from './keys/signing-key.entity';
export { KeyEncryptionSecretError } from './keys/private-key-cipher';
export * from './keys/stored-key-check';
export * from './no-store.decorator';
export type { RefreshTokenRecord } from './refresh/refresh-token.repository';
export * from './refresh/refresh-token.service';
export { REVOCATION_STALENESS_MS, RevocationMemory } from './revocation/revocation-memory.service';
export * from './revocation/revocation.repository';
export type { TokenGroup } from './revocation/token-group';
export { OFFLINE_ACCESS_SCOPE, tokenGroupFilter } from './revocation/token-group';
export * from './revocation/token-group-revocation.service';
export * from './tokens.module';

export const TOKENS_ENTITIES = [SigningKeyEntity];
export const TOKENS_MIGRATIONS = [CreateTokens1764100001000, CreateRefreshTokens1764100003000, CreateOpaqueAccessTokens1764100006000, PrepublishNextSigningKey1764100007000, IdTokenSigningKeys1764100010000, RefreshTokenResource1764100013000,
  RevocationCutoffs1764100016500, OpaqueAccessTokenClaims1764100017400, TokenAuthenticationLevel1764100020100, Dpop1764100026000,
  OpaqueAccessTokenActor1764100027300, RevocationNotify1764400020000];

/** Expired rows this lib's tables may drop (see HousekeepingService). */
export const TOKENS_PURGE_TASKS = [
  { table: 'revoked_tokens', where: 'expires_at < now()' },
  { table: 'revoked_grants', where: 'expires_at < now()' },
  { table: 'revocation_cutoffs', where: 'expires_at < now()' },
  { table: 'opaque_access_tokens', where: 'expires_at < now()' },
  // A day of margin keeps rotated tokens around for reuse detection past their family's last refresh.
  { table: 'refresh_tokens', where: "expires_at < now() - interval '1 day'" },
  { table: 'dpop_proof_jtis', where: 'expires_at < now()' },
  { table: 'signing_keys', where: "status = 'retired' AND expires_at < now() - interval '30 days'" },
];
