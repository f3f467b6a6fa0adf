/** RFC 9728 §3: the well-known suffix of protected resource metadata. */
export const PROTECTED_RESOURCE_WELL_KNOWN = '/.well-known/oauth-protected-resource';

export interface ProtectedResourceOptions {
  /**
   * RFC 9728 §2 `resource`: this API's identifier, an https URL without fragment (http for loopback
   * hosts). Defaults to the verifier's first audience.
   */
  resource?: string;
  /** RFC 9728 §2 `authorization_servers`; defaults to the verifier's issuer. */
  authorizationServers?: readonly string[];
  /** RFC 9728 §2 `scopes_supported`: the scopes clients may request for this API. */
  scopesSupported?: readonly string[];
  /** RFC 9728 §2 `resource_name`: a name for people. */
  resourceName?: string;
  /** RFC 9728 §2 `resource_documentation`: a page for developers. */
  resourceDocumentation?: string;
}

/** RFC 9728 §2 metadata, as served at the well-known URL. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  bearer_methods_supported: string[];
  scopes_supported?: string[];
  resource_name?: string;
  resource_documentation?: string;
}

/** The metadata document of a resource; `issuer` and `audience` fill what the options leave out. */
export function protectedResourceMetadata(options: ProtectedResourceOptions, defaults: { issuer: string; audience: string }): ProtectedResourceMetadata {
  const resource = options.resource ?? defaults.audience;
  assertResourceIdentifier(resource);
  const metadata: ProtectedResourceMetadata = {
    resource,
    authorization_servers: [...(options.authorizationServers ?? [defaults.issuer])],
    // Only the Authorization header is read (RFC 6750 §2.1), never a form body or the query.
    bearer_methods_supported: ['header'],
  };
  if (options.scopesSupported !== undefined) metadata.scopes_supported = [...options.scopesSupported];
  if (options.resourceName !== undefined) metadata.resource_name = options.resourceName;
  if (options.resourceDocumentation !== undefined) metadata.resource_documentation = options.resourceDocumentation;
  return metadata;
}

/**
 * RFC 9728 §3.1: the well-known path goes between the host and the resource's path, so
 * `https://api.example.com/orders` is described at `https://api.example.com/.well-known/oauth-protected-resource/orders`.
 */
export function protectedResourceMetadataPath(resource: string): string {
  const path = new URL(resource).pathname.replace(/\/+$/, '');
  return `${PROTECTED_RESOURCE_WELL_KNOWN}${path}`;
}

/** The absolute URL of the metadata, for the `resource_metadata` challenge parameter (RFC 9728 §5.1). */
export function protectedResourceMetadataUrl(resource: string): string {
  return `${new URL(resource).origin}${protectedResourceMetadataPath(resource)}`;
}

/** RFC 9728 §1.2: a resource identifier is an https URL with no query or fragment. */
function assertResourceIdentifier(resource: string): void {
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    throw new TypeError('protectedResource: `resource` must be an absolute URL');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new TypeError('protectedResource: `resource` must use https');
  if (url.search !== '' || url.hash !== '') throw new TypeError('protectedResource: `resource` must have no query or fragment');
}
