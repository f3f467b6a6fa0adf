import { groupNameProblem, InvalidClientMetadata, InvalidRedirectUri, isAuthLevel } from '@app/core';
import type { ClientMetadataInput } from '@app/contracts';
import type { ApplicationType, TokenEndpointAuthMethod } from '../client.entity';
import { GRANT_TYPES } from './grant-types';
import { logoutUriProblem, redirectUriProblem } from './redirect-uri-rules';
import { addImplicitProblems, defaultResponseTypes, SUPPORTED_RESPONSE_TYPES } from './response-type-rules';
import { parseScope } from './scope';
import { ClientAuthMetadata, clientAuthMetadata, ClientAuthPolicy } from './client-auth-rules';

/** Client metadata after defaults and validation, ready to store. */
export interface NormalizedClientMetadata extends ClientAuthMetadata {
  clientName: string;
  applicationType: ApplicationType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: string[];
  responseTypes: string[];
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  scopes: string[];
  contacts: string[];
  logoUri: string | null;
  clientUri: string | null;
  policyUri: string | null;
  tosUri: string | null;
  firstParty: boolean;
  requirePkce: boolean;
  allowPlainPkce: boolean;
  idTokenSignedResponseAlg: string;
  accessTokenTtl: number | null;
  refreshTokenTtl: number | null;
  allowedGroups: string[];
  groupsClaimFilter: string[];
  owners: string[];
  defaultAcrValues: string[];
  backchannelLogoutUri: string | null;
  backchannelLogoutSessionRequired: boolean;
  frontchannelLogoutUri: string | null;
  frontchannelLogoutSessionRequired: boolean;
  dpopBoundAccessTokens: boolean;
  requirePushedAuthorizationRequests: boolean;
}

/** RFC 7591 §2 contacts are e-mail addresses; bounded so the list cannot serve as free storage. */
export const MAX_CONTACTS = 20;
export const MAX_CONTACT_LENGTH = 320;
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** OIDC Dynamic Client Registration §2: the default for id_token_signed_response_alg. */
const DEFAULT_ID_TOKEN_ALGORITHM = 'RS256';

export interface RegistrationPolicy extends ClientAuthPolicy {
  /** The grant types this server has a handler for; any other is refused. */
  grantTypes: readonly string[];
  /** The algorithms this server can sign ID tokens with. */
  idTokenAlgorithms: readonly string[];
}

/**
 * RFC 7591 §2 defaults and the combinations that make sense. Every problem found is reported with the
 * field it concerns, so the console can show it next to the input.
 */
export function normalizeClientMetadata(
  input: ClientMetadataInput,
  policy: RegistrationPolicy,
): NormalizedClientMetadata {
  const redirectProblems: Record<string, string> = {};
  const problems: Record<string, string> = {};

  const grantTypes = unique(input.grant_types ?? [GRANT_TYPES.authorizationCode]);
  // Implicit is no token-endpoint grant: the authorization endpoint answers it (OIDC Core §3.2).
  const unknownGrant = grantTypes.find((grant) => !policy.grantTypes.includes(grant) && grant !== GRANT_TYPES.implicit);
  if (unknownGrant) problems.grant_types = `unsupported grant type ${unknownGrant}`;

  const usesCode = grantTypes.includes(GRANT_TYPES.authorizationCode);
  const responseTypes = unique(input.response_types ?? defaultResponseTypes(grantTypes));
  const unknownResponse = responseTypes.find((type) => !SUPPORTED_RESPONSE_TYPES.includes(type));
  if (unknownResponse) problems.response_types = `unsupported response type ${unknownResponse}`;
  // RFC 7591 §2.1: response_type code goes with the authorization_code grant and back.
  if (responseTypes.includes('code') && !usesCode) problems.response_types = 'response type code requires the authorization_code grant';
  if (usesCode && !responseTypes.includes('code')) problems.response_types = 'the authorization_code grant requires response type code';
  if (grantTypes.includes(GRANT_TYPES.refreshToken) && grantTypes.length === 1) {
    problems.grant_types = 'refresh_token must be combined with a grant that issues refresh tokens';
  }

  const authMethod = input.token_endpoint_auth_method ?? 'client_secret_basic';
  if (authMethod === 'none' && grantTypes.includes(GRANT_TYPES.clientCredentials)) {
    problems.token_endpoint_auth_method = 'public clients (none) cannot use the client_credentials grant';
  }
  // RFC 8693 §5: the exchanging client acts for the person toward another API, so it must authenticate.
  if (authMethod === 'none' && grantTypes.includes(GRANT_TYPES.tokenExchange)) problems.token_endpoint_auth_method = 'public clients (none) cannot use token exchange';

  const redirectUris = unique(input.redirect_uris ?? []);
  redirectUris.forEach((uri, index) => {
    const problem = redirectUriProblem(uri);
    if (problem) redirectProblems[`redirect_uris[${index}]`] = problem;
  });
  if (usesCode && redirectUris.length === 0) redirectProblems.redirect_uris = 'the authorization_code grant requires at least one redirect URI';
  addImplicitProblems({ grantTypes, responseTypes, redirectUris }, problems, redirectProblems);
  const postLogoutRedirectUris = unique(input.post_logout_redirect_uris ?? []);
  postLogoutRedirectUris.forEach((uri, index) => {
    const problem = redirectUriProblem(uri);
    if (problem) redirectProblems[`post_logout_redirect_uris[${index}]`] = problem;
  });

  // A client registered without scopes reads back as scope "": sending that back (PATCH, PUT) means none.
  const scopes = input.scope === '' ? [] : parseScope(input.scope);
  if (!scopes) problems.scope = 'must be space-separated scope tokens (RFC 6749 §3.3)';

  for (const field of ['logo_uri', 'client_uri', 'policy_uri', 'tos_uri'] as const) {
    const value = input[field];
    if (value !== undefined && !isHttpUrl(value)) problems[field] = 'must be an http or https URL';
  }
  const contacts = unique(input.contacts ?? []);
  const contactProblem = contactsProblem(contacts);
  if (contactProblem) problems.contacts = contactProblem;
  const clientName = input.client_name?.trim() || 'Unnamed client';
  if (clientName.length > 200) problems.client_name = 'must be at most 200 characters';

  const idTokenAlg = input.id_token_signed_response_alg ?? DEFAULT_ID_TOKEN_ALGORITHM;
  if (!policy.idTokenAlgorithms.includes(idTokenAlg)) {
    problems.id_token_signed_response_alg = `must be one of ${policy.idTokenAlgorithms.join(', ')}`;
  }

  const allowedGroups = unique(input.allowed_groups ?? []);
  const badGroup = allowedGroups.find((name) => groupNameProblem(name));
  if (badGroup !== undefined) problems.allowed_groups = `"${String(badGroup).slice(0, 100)}" is not a group name`;
  const groupsClaimFilter = unique(input.groups_claim_filter ?? []);
  if (groupsClaimFilter.some((prefix) => typeof prefix !== 'string' || !/^[A-Za-z0-9._:-]{1,100}$/.test(prefix))) {
    problems.groups_claim_filter = 'must be group name prefixes: letters, digits or . _ : -';
  }
  const owners = unique(input.owners ?? []);
  const defaultAcrValues = unique(input.default_acr_values ?? []);
  const unknownAcr = defaultAcrValues.find((value) => !isAuthLevel(value));
  if (unknownAcr !== undefined) problems.default_acr_values = `"${String(unknownAcr).slice(0, 100)}" is not one of pwd, mfa, phr`;

  const logout = logoutMetadata(input, problems);
  const clientAuth = clientAuthMetadata(input, authMethod, policy, problems);

  const isPublic = authMethod === 'none';
  // PKCE is mandatory for public clients (RFC 9700 §2.1.1); confidential clients may opt out.
  if (isPublic && input.require_pkce === false) problems.require_pkce = 'public clients must use PKCE';

  if (Object.keys(redirectProblems).length > 0) {
    throw new InvalidRedirectUri(Object.values(redirectProblems)[0], { ...redirectProblems, ...problems });
  }
  if (Object.keys(problems).length > 0) {
    const [field, message] = Object.entries(problems)[0];
    throw new InvalidClientMetadata(`${field} ${message}`, problems);
  }
  return {
    clientName,
    applicationType: input.application_type ?? 'web',
    redirectUris,
    postLogoutRedirectUris,
    grantTypes,
    responseTypes,
    tokenEndpointAuthMethod: authMethod,
    scopes: scopes ?? [],
    contacts,
    logoUri: input.logo_uri ?? null,
    clientUri: input.client_uri ?? null,
    policyUri: input.policy_uri ?? null,
    tosUri: input.tos_uri ?? null,
    firstParty: input.first_party ?? false,
    requirePkce: isPublic ? true : (input.require_pkce ?? true),
    allowPlainPkce: input.allow_plain_pkce ?? false,
    idTokenSignedResponseAlg: idTokenAlg,
    accessTokenTtl: input.access_token_ttl ?? null,
    refreshTokenTtl: input.refresh_token_ttl ?? null,
    allowedGroups,
    groupsClaimFilter,
    owners,
    defaultAcrValues,
    ...logout,
    // RFC 9449 §5.2: false unless the client asks.
    dpopBoundAccessTokens: input.dpop_bound_access_tokens ?? false,
    ...clientAuth,
    requirePushedAuthorizationRequests: input.require_pushed_authorization_requests ?? false,
  };
}

type LogoutMetadata = Pick<NormalizedClientMetadata, 'backchannelLogoutUri' | 'backchannelLogoutSessionRequired' | 'frontchannelLogoutUri' | 'frontchannelLogoutSessionRequired'>;

/** Back-Channel Logout 1.0 §2.2 and Front-Channel Logout 1.0 §2: null or empty means no URI; flags default to false. */
function logoutMetadata(input: ClientMetadataInput, problems: Record<string, string>): LogoutMetadata {
  for (const field of ['backchannel_logout_uri', 'frontchannel_logout_uri'] as const) {
    const value = input[field];
    const problem = typeof value === 'string' && value !== '' ? logoutUriProblem(value) : undefined;
    if (problem) problems[field] = problem;
  }
  return {
    backchannelLogoutUri: input.backchannel_logout_uri || null,
    backchannelLogoutSessionRequired: input.backchannel_logout_session_required ?? false,
    frontchannelLogoutUri: input.frontchannel_logout_uri || null,
    frontchannelLogoutSessionRequired: input.frontchannel_logout_session_required ?? false,
  };
}

function contactsProblem(contacts: readonly string[]): string | undefined {
  if (contacts.length > MAX_CONTACTS) return `must hold at most ${MAX_CONTACTS} addresses`;
  const index = contacts.findIndex((contact) => typeof contact !== 'string' || contact.length > MAX_CONTACT_LENGTH || !EMAIL_ADDRESS.test(contact));
  return index < 0 ? undefined : `entry ${index} must be an e-mail address of at most ${MAX_CONTACT_LENGTH} characters`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
