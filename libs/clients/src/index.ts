import { ApiEntity } from './apis/api.entity';
import { ClientEntity } from './client.entity';
import { CreateClients1764100000000 } from './migrations/1764100000000-create-clients';
import { CreateApis1764100004000 } from './migrations/1764100004000-create-apis';
import { IdTokenSigningAlgorithm1764100011000 } from './migrations/1764100011000-id-token-signing-algorithm';
import { AccessPolicies1764100017100 } from './migrations/1764100017100-access-policies';
import { ClientDefaultAcrValues1764100020120 } from './migrations/1764100020120-client-default-acr-values';
import { ClientLogoutUris1764100022000 } from './migrations/1764100022000-client-logout-uris';
import { ClientDpopBoundAccessTokens1764100026200 } from './migrations/1764100026200-client-dpop-bound-access-tokens';
import { ClientJwtAuthentication1764100025000 } from './migrations/1764100025000-client-jwt-authentication';
import { ClientRequirePar1764100027000 } from './migrations/1764100027000-client-require-par';
import { ApiTokenExchange1764100027200 } from './migrations/1764100027200-api-token-exchange';

export * from './access/group-references.repository';
export * from './apis/api.entity';
export * from './apis/api.service';
export * from './auth/client-auth.guard';
export * from './auth/client-authenticator.service';
export { ClientSecretSealer, usesSecret } from './auth/client-secret-sealer';
export { ClientSecretService } from './client-secret.service';
export { CLIENT_ASSERTION_ALGORITHMS } from './registration/client-auth-rules';
export * from './client-change.notifier';
export * from './client.entity';
export * from './client.repository';
export * from './client.service';
export * from './clients.module';
export { CONSOLE_CLIENT_ID, consoleClientMetadata } from './console-client-bootstrap.service';
export * from './registration/client-registration.rules';
export * from './registration/grant-types';
export * from './registration/redirect-uri-rules';
export * from './registration/scope';
export * from './registration/supported-grant-types';

export const CLIENTS_ENTITIES = [ClientEntity, ApiEntity];
export const CLIENTS_MIGRATIONS = [CreateClients1764100000000, CreateApis1764100004000, IdTokenSigningAlgorithm1764100011000, AccessPolicies1764100017100, ClientDefaultAcrValues1764100020120, ClientLogoutUris1764100022000, ClientJwtAuthentication1764100025000, ClientDpopBoundAccessTokens1764100026200,
  ClientRequirePar1764100027000, ApiTokenExchange1764100027200];
/** RFC 7523 §3: a client assertion's jti is kept until its exp has passed; then a replay fails on exp anyway. */
export const CLIENTS_PURGE_TASKS = [{ table: 'client_assertion_jtis', where: 'expires_at < now()' }];
export { decodeApiCursor } from './apis/api.repository';
