import * as core from './index';
import * as nest from './nest';

describe('public surface', () => {
  it('exports the framework-neutral API from the package root', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        'BACKCHANNEL_LOGOUT_EVENT',
        'DEFAULT_ALGORITHMS',
        'InMemoryReplayStore',
        'LogoutTokenRejected',
        'LogoutTokenVerifier',
        'handleBackchannelLogout',
        'DEFAULT_REALM',
        'InsufficientScopeError',
        'InsufficientUserAuthenticationError',
        'DPOP_ALGORITHMS',
        'DpopProofError',
        'DpopVerifier',
        'InvalidDpopProofError',
        'InvalidRequestError',
        'InvalidTokenError',
        'accessTokenHash',
        'checkDpopProof',
        'extractAccessToken',
        'normalizeHtu',
        'readDpopHeader',
        'MissingTokenError',
        'PROTECTED_RESOURCE_WELL_KNOWN',
        'ResourceServerError',
        'TokenVerifier',
        'VerifierUnavailableError',
        'acrSatisfies',
        'assertAuthentication',
        'assertScopes',
        'bearerChallenge',
        'createBearerMiddleware',
        'extractBearerToken',
        'hasScopes',
        'isResourceServerError',
        'missingScopes',
        'protectedResourceMetadata',
        'protectedResourceMetadataPath',
        'protectedResourceMetadataUrl',
        'unmetAuthentication',
        'verifyRequest',
        'writeBearerChallenge',
      ].sort(),
    );
  });

  it('exports the NestJS integration from the nest entry point', () => {
    expect(Object.keys(nest).sort()).toEqual(
      [
        'BACKCHANNEL_LOGOUT_OPTIONS',
        'BackchannelLogoutModule',
        'BearerAuthException',
        'BearerAuthGuard',
        'PUBLIC_ROUTE_METADATA',
        'Public',
        'REQUIRED_AUTHENTICATION_METADATA',
        'REQUIRED_SCOPES_METADATA',
        'RESOURCE_SERVER_OPTIONS',
        'RequireAuthentication',
        'RequireScopes',
        'ResourceServerModule',
        'TokenClaims',
        'VerifiedAccessToken',
        'protectedResourceController',
      ].sort(),
    );
  });
});
