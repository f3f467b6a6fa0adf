import type { ClientMetadataInput, ClientView } from '@app/contracts';
import { lines } from '../forms';
import { GRANT } from '../grant-types';
import { KEY_AUTH_FIELDS, keyAuthForm, keyAuthMetadata } from './application-key-auth-values';

/** The settings form's values: lists as one line an entry, lifetimes as typed (empty: server default). */
export interface ApplicationFormState {
  client_name: string;
  redirect_uris: string;
  post_logout_redirect_uris: string;
  scope: string;
  grant_types: string[];
  token_endpoint_auth_method: ClientView['token_endpoint_auth_method'];
  require_pkce: boolean;
  first_party: boolean;
  access_token_ttl: string;
  refresh_token_ttl: string;
  default_acr_values: string[];
  backchannel_logout_uri: string;
  backchannel_logout_session_required: boolean;
  frontchannel_logout_uri: string;
  frontchannel_logout_session_required: boolean;
  dpop_bound_access_tokens: boolean;
  /** The JWK Set as JSON text; empty: none. */
  jwks: string;
  jwks_uri: string;
  /** Empty: any algorithm of the method. */
  token_endpoint_auth_signing_alg: string;
  introspection_signed_response_alg: string;
  require_pushed_authorization_requests: boolean;
}

/** The sign-in strengths a client may require (OIDC `default_acr_values`), weakest first, as the server ranks them. */
export const SIGN_IN_STRENGTHS: readonly { value: string; label: string }[] = [
  { value: 'pwd', label: 'Password (pwd)' },
  { value: 'mfa', label: 'Two factors (mfa)' },
  { value: 'phr', label: 'Phishing-resistant: passkey or security key (phr)' },
];

export const AUTH_METHODS: readonly ApplicationFormState['token_endpoint_auth_method'][] = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt', 'client_secret_jwt'];

/** The fields the settings form shows; the server's messages about any other field are listed apart. */
export const SHOWN_FIELDS = [
  'client_name',
  'redirect_uris',
  'post_logout_redirect_uris',
  'scope',
  'grant_types',
  'response_types',
  'token_endpoint_auth_method',
  'require_pkce',
  'first_party',
  'access_token_ttl',
  'refresh_token_ttl',
  'default_acr_values',
  'backchannel_logout_uri',
  'backchannel_logout_session_required',
  'frontchannel_logout_uri',
  'frontchannel_logout_session_required',
  'dpop_bound_access_tokens',
  ...KEY_AUTH_FIELDS,
  'require_pushed_authorization_requests',
];

export function toForm(client: ClientView): ApplicationFormState {
  return {
    client_name: client.client_name,
    redirect_uris: client.redirect_uris.join('\n'),
    post_logout_redirect_uris: client.post_logout_redirect_uris.join('\n'),
    scope: client.scope,
    grant_types: client.grant_types,
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    require_pkce: client.require_pkce,
    first_party: client.first_party,
    access_token_ttl: client.access_token_ttl?.toString() ?? '',
    refresh_token_ttl: client.refresh_token_ttl?.toString() ?? '',
    default_acr_values: client.default_acr_values ?? [],
    backchannel_logout_uri: client.backchannel_logout_uri ?? '',
    backchannel_logout_session_required: client.backchannel_logout_session_required ?? false,
    frontchannel_logout_uri: client.frontchannel_logout_uri ?? '',
    frontchannel_logout_session_required: client.frontchannel_logout_session_required ?? false,
    dpop_bound_access_tokens: client.dpop_bound_access_tokens ?? false,
    ...keyAuthForm(client),
    require_pushed_authorization_requests: client.require_pushed_authorization_requests ?? false,
  };
}

/**
 * The whole registration for `PUT`: the form's values, and the rest kept as the server has it — the access
 * lists included, which the Access tab edits, so a settings save does not open the app to everyone.
 */
export function toMetadata(client: ClientView, form: ApplicationFormState): ClientMetadataInput {
  const ttl = (value: string) => (value.trim() === '' ? null : Number(value));
  return {
    client_name: form.client_name.trim(),
    application_type: client.application_type,
    redirect_uris: lines(form.redirect_uris),
    post_logout_redirect_uris: lines(form.post_logout_redirect_uris),
    grant_types: form.grant_types,
    response_types: [...(form.grant_types.includes(GRANT.code) ? ['code'] : []), ...(form.grant_types.includes(GRANT.implicit) ? ['id_token'] : [])],
    token_endpoint_auth_method: form.token_endpoint_auth_method,
    scope: form.scope.trim(),
    contacts: client.contacts,
    first_party: form.first_party,
    require_pkce: form.require_pkce,
    allow_plain_pkce: client.allow_plain_pkce,
    access_token_ttl: ttl(form.access_token_ttl),
    refresh_token_ttl: ttl(form.refresh_token_ttl),
    allowed_groups: client.allowed_groups,
    groups_claim_filter: client.groups_claim_filter,
    owners: client.owners,
    default_acr_values: form.default_acr_values,
    // Empty: no logout URI (null clears one the app had).
    backchannel_logout_uri: form.backchannel_logout_uri.trim() || null,
    backchannel_logout_session_required: form.backchannel_logout_session_required,
    frontchannel_logout_uri: form.frontchannel_logout_uri.trim() || null,
    frontchannel_logout_session_required: form.frontchannel_logout_session_required,
    dpop_bound_access_tokens: form.dpop_bound_access_tokens,
    ...keyAuthMetadata(form),
    require_pushed_authorization_requests: form.require_pushed_authorization_requests,
    ...(client.logo_uri ? { logo_uri: client.logo_uri } : {}),
    ...(client.client_uri ? { client_uri: client.client_uri } : {}),
    ...(client.policy_uri ? { policy_uri: client.policy_uri } : {}),
    ...(client.tos_uri ? { tos_uri: client.tos_uri } : {}),
  };
}
