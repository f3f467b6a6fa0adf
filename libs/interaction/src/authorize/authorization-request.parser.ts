import { acceptedLevels } from '@app/access';
import type { ClientEntity } from '@app/clients';
import { AuthLevel, InvalidRequest, OAuthError, repeatedParameter } from '@app/core';
import type { IdTokenService } from '@app/tokens';
import { isValidPkceValue, PKCE_METHODS, PkceMethod, ScopePolicy } from '@app/grants';
import { checkedDpopJkt } from './dpop-jkt';
import { checkImplicitSignIn, parseResponseShape, ResponseShape } from './response-type';

export type RawParams = Readonly<Record<string, string | string[] | undefined>>;
export type Prompt = 'none' | 'login' | 'consent' | 'select_account';
const PROMPTS: readonly Prompt[] = ['none', 'login', 'consent', 'select_account'];

/** A validated authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1 and §3.2.2.1). */
export interface AuthorizationParams extends ResponseShape {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: PkceMethod;
  prompt: Prompt[];
  maxAge?: number;
  /**
   * The authentication levels the client accepts (its acr_values, else its default_acr_values), in its
   * order of preference; empty when any will do.
   */
  acrValues: AuthLevel[];
  loginHint?: string;
  /**
   * The RFC 8707 resource the client asked for, already checked. The code carries it, so the token request
   * may only narrow to it (RFC 8707 §2.2).
   */
  resource?: string;
  /**
   * The `sub` of a verified id_token_hint: the person the client expects. A different person signed in
   * at the start is sent to the sign-in page (prompt=login); whoever signs in must then be this person.
   */
  idTokenHintSubject?: string;
  /** RFC 9449 §10: the thumbprint of the DPoP key the code may only be redeemed with. */
  dpopJkt?: string;
}

/** The services that check what the request names beyond its own syntax. */
export interface AuthorizationRequestVerifiers {
  scopePolicy: ScopePolicy;
  idTokens: IdTokenService;
}

/** A single string value, undefined when absent or empty (RFC 6749 §3.1: empty means omitted). */
export function single(raw: RawParams, name: string): string | undefined {
  const value = raw[name];
  if (Array.isArray(value)) throw new InvalidRequest(`The parameter ${name} was sent more than once`);
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Everything after client and redirect URI were verified; any problem here is an OAuthError that the
 * caller sends back to the client as a redirect.
 */
export async function parseAuthorizationRequest(
  raw: RawParams,
  client: ClientEntity,
  redirectUri: string,
  verifiers: AuthorizationRequestVerifiers,
): Promise<AuthorizationParams> {
  // RFC 6749 §3.1: request and response parameters MUST NOT be included more than once.
  const repeated = Object.keys(raw).find((name) => Array.isArray(raw[name]));
  if (repeated) throw repeatedParameter(repeated);
  const param = (name: string) => single(raw, name);

  // OIDC Core §6 and §3.1.2.6: request objects are not supported, by value or by reference; discovery says so.
  if (param('request_uri')) throw new OAuthError('request_uri_not_supported', 'The request_uri parameter is not supported');
  if (param('request')) throw new OAuthError('request_not_supported', 'The request parameter is not supported');
  const shape = parseResponseShape(param('response_type'), param('response_mode'), client);

  const scopes = verifiers.scopePolicy.grantable(param('scope'), client);
  if (shape.responseType === 'id_token') checkImplicitSignIn(scopes, param('nonce'), param('resource'));
  // PKCE protects a code; an ID Token alone is bound to the request by its nonce instead.
  const pkce = shape.responseType === 'code' ? parsePkce(param('code_challenge'), param('code_challenge_method'), client) : {};
  const prompt = parsePrompt(param('prompt'));
  const maxAgeRaw = param('max_age');
  // OIDC Core §3.1.2.1: max_age is a non-negative integer of seconds.
  if (maxAgeRaw !== undefined && !/^\d{1,9}$/.test(maxAgeRaw)) throw new InvalidRequest('max_age must be a non-negative integer');
  const acrValues = acceptedLevels(parseAcrValues(param('acr_values')), client.defaultAcrValues);
  const state = param('state');
  const nonce = param('nonce');
  const loginHint = param('login_hint');
  if ((state?.length ?? 0) > 2000 || (nonce?.length ?? 0) > 500 || (loginHint?.length ?? 0) > 200) {
    throw new InvalidRequest('A parameter is too long');
  }
  const resource = param('resource');
  await checkResource(resource, client, scopes, verifiers.scopePolicy);
  const idTokenHintSubject = await verifiedHintSubject(param('id_token_hint'), verifiers.idTokens);
  const dpopJkt = checkedDpopJkt(param('dpop_jkt'));
  return {
    clientId: client.clientId,
    redirectUri,
    ...shape,
    scopes,
    state,
    nonce,
    ...pkce,
    prompt,
    maxAge: maxAgeRaw === undefined ? undefined : Number(maxAgeRaw),
    acrValues,
    loginHint,
    resource,
    idTokenHintSubject,
    dpopJkt,
  };
}

/**
 * RFC 8707 §2: a resource named here must be one the token endpoint would accept, so a bad one fails
 * before the person signs in rather than after. The code is bound to it: the token request may omit it or
 * repeat it, and the scopes are narrowed to that API there (RFC 8707 §2.2).
 */
async function checkResource(resource: string | undefined, client: ClientEntity, scopes: readonly string[], scopePolicy: ScopePolicy): Promise<void> {
  if (resource === undefined) return;
  await scopePolicy.resolveTarget(resource, client, scopes, false);
}

/**
 * OIDC Core §3.1.2.1 id_token_hint: an ID Token we issued (our key, our issuer). It is only a hint, so an
 * expired one still names the person; anything else is invalid_request.
 */
async function verifiedHintSubject(hint: string | undefined, idTokens: IdTokenService): Promise<string | undefined> {
  if (hint === undefined) return undefined;
  const claims = await idTokens.verifyHint(hint);
  if (!claims) throw new InvalidRequest('The id_token_hint was not issued by this server');
  return claims.sub;
}

/** OIDC Core §3.1.2.1 acr_values: space-separated, in order of preference. */
function parseAcrValues(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (value.length > 500) throw new InvalidRequest('acr_values is too long');
  return value.split(' ').filter(Boolean);
}

function parsePkce(challenge: string | undefined, methodRaw: string | undefined, client: ClientEntity): Pick<AuthorizationParams, 'codeChallenge' | 'codeChallengeMethod'> {
  if (challenge === undefined) {
    if (methodRaw !== undefined) throw new InvalidRequest('code_challenge_method was sent without code_challenge');
    // RFC 9700 §2.1.1: PKCE for every public client; confidential clients unless they opted out.
    if (client.isPublic || client.requirePkce) throw new InvalidRequest('code_challenge is required (PKCE)');
    return {};
  }
  // RFC 7636 §4.3: an absent method means plain.
  const method = (methodRaw ?? 'plain') as PkceMethod;
  if (!PKCE_METHODS.includes(method)) throw new InvalidRequest('code_challenge_method must be S256 or plain');
  // RFC 7636 §4.4.1: a method the server does not allow for this client is invalid_request.
  if (method === 'plain' && !client.allowPlainPkce) throw new InvalidRequest('This client must use code_challenge_method=S256');
  if (!isValidPkceValue(challenge)) throw new InvalidRequest('code_challenge must be 43-128 unreserved characters');
  return { codeChallenge: challenge, codeChallengeMethod: method };
}

function parsePrompt(value: string | undefined): Prompt[] {
  if (value === undefined) return [];
  const prompts = value.split(' ');
  if (prompts.some((prompt) => !PROMPTS.includes(prompt as Prompt))) throw new InvalidRequest('prompt has an unknown value');
  // OIDC Core §3.1.2.1: none must not be combined with any other value.
  if (prompts.includes('none') && prompts.length > 1) throw new InvalidRequest('prompt=none cannot be combined with other values');
  return [...new Set(prompts)] as Prompt[];
}
