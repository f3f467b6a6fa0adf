import { Module } from '@nestjs/common';
import { ClientsModule } from '@app/clients';
import { AccessTokenService } from './access/access-token.service';
import { OpaqueAccessTokenRepository } from './access/opaque-access-token.repository';
import { OwnApiTokens } from './access/own-api-tokens';
import { DpopNonces } from './dpop/dpop-nonce.service';
import { DpopProofs } from './dpop/dpop-proof.service';
import { IdTokenService } from './id-token/id-token.service';
import { IntrospectionJwtService } from './introspection/introspection-jwt.service';
import { IntrospectionService } from './introspection/introspection.service';
import { TokenIntrospectionController } from './introspection/token-introspection.controller';
import { JwksController } from './keys/jwks.controller';
import { JwsSigner } from './keys/jws-signer';
import { KeyStore } from './keys/key-store.service';
import { RefreshTokenRepository } from './refresh/refresh-token.repository';
import { RefreshTokenService } from './refresh/refresh-token.service';
import { RevocationMemory } from './revocation/revocation-memory.service';
import { RevocationRepository } from './revocation/revocation.repository';
import { RevocationService } from './revocation/revocation.service';
import { TokenRevocationController } from './revocation/token-revocation.controller';
import { TokenGroupRevocation } from './revocation/token-group-revocation.service';

@Module({
  imports: [ClientsModule],
  controllers: [JwksController, TokenIntrospectionController, TokenRevocationController],
  providers: [
    KeyStore,
    JwsSigner,
    AccessTokenService,
    OwnApiTokens,
    OpaqueAccessTokenRepository,
    RevocationMemory,
    RevocationRepository,
    RevocationService,
    IntrospectionService,
    IntrospectionJwtService,
    IdTokenService,
    RefreshTokenRepository,
    RefreshTokenService,
    TokenGroupRevocation,
    DpopNonces,
    DpopProofs,
  ],
  exports: [KeyStore, AccessTokenService, OwnApiTokens, RevocationRepository, IntrospectionService, IdTokenService, RefreshTokenService, TokenGroupRevocation, DpopProofs],
})
export class TokensModule {}
