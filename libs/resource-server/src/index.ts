export { TokenVerifier } from './verifier';
export {
  type AccessTokenAlgorithm,
  DEFAULT_ALGORITHMS,
  type DpopOptions,
  type IntrospectionCredentials,
  type TokenVerifierOptions,
  type VerificationMode,
} from './options';
export type { AccessTokenClaims, VerificationSource, VerifiedToken } from './verified-token';
export {
  type BearerErrorCode,
  InsufficientScopeError,
  InsufficientUserAuthenticationError,
  type AuthenticationShortfall,
  InvalidDpopProofError,
  InvalidRequestError,
  InvalidTokenError,
  isResourceServerError,
  MissingTokenError,
  ResourceServerError,
  VerifierUnavailableError,
} from './errors';
export { assertScopes, hasScopes, missingScopes } from './scopes';
export { acrSatisfies, assertAuthentication, type AuthenticationRequirement, unmetAuthentication } from './authentication';
export {
  type BearerChallenge,
  type BearerChallengeBody,
  bearerChallenge,
  type ChallengeOptions,
  DEFAULT_REALM,
  extractBearerToken,
  type HeadersLike,
} from './bearer';
export {
  type AuthenticatedRequest,
  type BearerMiddlewareOptions,
  createBearerMiddleware,
  type NextFunction,
  type RequestLike,
  type ResponseLike,
  verifyRequest,
  type VerifyRequestOptions,
  writeBearerChallenge,
} from './middleware';
export {
  PROTECTED_RESOURCE_WELL_KNOWN,
  type ProtectedResourceMetadata,
  protectedResourceMetadata,
  protectedResourceMetadataPath,
  protectedResourceMetadataUrl,
  type ProtectedResourceOptions,
} from './protected-resource-metadata';
export type { FetchLike, FetchRequestInit, FetchResponseLike } from './http-client';
export {
  type BackchannelLogoutAnswer,
  type BackchannelLogoutRequest,
  handleBackchannelLogout,
  type LogoutEvent,
  type LogoutListener,
} from './logout/backchannel-logout-handler';
export type { LogoutTokenVerifierOptions } from './logout/logout-token-options';
export { LogoutTokenRejected, type LogoutTokenRejection } from './logout/logout-token-rejected';
export { BACKCHANNEL_LOGOUT_EVENT, LogoutTokenVerifier, type VerifiedLogoutToken } from './logout/logout-token-verifier';
export { InMemoryReplayStore, type InMemoryReplayStoreOptions, type LogoutReplayStore } from './replay-store';
export {
  accessTokenHash,
  type CheckedDpopProof,
  checkDpopProof,
  DPOP_ALGORITHMS,
  type DpopProofExpectation,
  DpopProofError,
  normalizeHtu,
  readDpopHeader,
} from './dpop/dpop-proof';
export { DpopVerifier, type DpopRequest } from './dpop/dpop-verifier';
export { extractAccessToken } from './dpop/presented-token';
