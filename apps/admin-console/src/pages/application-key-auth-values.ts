import type { ClientMetadataInput, ClientView, JwkSet } from '@app/contracts';

type KeyAuthForm = { jwks: string; jwks_uri: string; token_endpoint_auth_signing_alg: string; introspection_signed_response_alg: string };

export const KEY_AUTH_FIELDS = ['jwks', 'jwks_uri', 'token_endpoint_auth_signing_alg', 'introspection_signed_response_alg'];

export function keyAuthForm(client: ClientView): KeyAuthForm {
  return {
    jwks: client.jwks ? JSON.stringify(client.jwks, null, 2) : '',
    jwks_uri: client.jwks_uri ?? '',
    token_endpoint_auth_signing_alg: client.token_endpoint_auth_signing_alg ?? '',
    introspection_signed_response_alg: client.introspection_signed_response_alg ?? 'RS256',
  };
}

/** The JWK Set typed in, or undefined when the text is not JSON (the fieldset says so). */
export function parseJwks(text: string): JwkSet | undefined {
  try {
    return JSON.parse(text) as JwkSet;
  } catch {
    return undefined;
  }
}

type KeyAuthMetadata = Pick<ClientMetadataInput, 'jwks' | 'jwks_uri' | 'token_endpoint_auth_signing_alg' | 'introspection_signed_response_alg'>;

/** Empty fields clear what the app had (null); JSON that does not parse is sent as an empty set the server refuses. */
export function keyAuthMetadata(form: { token_endpoint_auth_method: string } & KeyAuthForm): KeyAuthMetadata {
  const keyBased = form.token_endpoint_auth_method === 'private_key_jwt';
  const assertion = keyBased || form.token_endpoint_auth_method === 'client_secret_jwt';
  const jwksText = form.jwks.trim();
  return {
    jwks: keyBased && jwksText ? (parseJwks(jwksText) ?? { keys: [] }) : null,
    jwks_uri: (keyBased && form.jwks_uri.trim()) || null,
    token_endpoint_auth_signing_alg: (assertion && form.token_endpoint_auth_signing_alg) || null,
    introspection_signed_response_alg: form.introspection_signed_response_alg as ClientMetadataInput['introspection_signed_response_alg'],
  };
}
