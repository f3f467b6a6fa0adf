import type { ClientView } from '@app/contracts';
import type { ClientEntity } from '../client.entity';

type ClientAuthView = Pick<ClientView, 'introspection_signed_response_alg' | 'jwks' | 'jwks_uri' | 'token_endpoint_auth_signing_alg'>;

/** The client authentication metadata of the admin API's view (RFC 7591 §2, RFC 9701 §6). */
export function clientAuthView(client: ClientEntity): ClientAuthView {
  const view: ClientAuthView = {
    introspection_signed_response_alg: client.introspectionSignedResponseAlg as ClientView['introspection_signed_response_alg'],
  };
  if (client.jwks) view.jwks = client.jwks;
  if (client.jwksUri) view.jwks_uri = client.jwksUri;
  if (client.tokenEndpointAuthSigningAlg) view.token_endpoint_auth_signing_alg = client.tokenEndpointAuthSigningAlg;
  return view;
}
