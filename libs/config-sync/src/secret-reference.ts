/**
 * Secrets never appear in a document in clear: they are references, `${env:NAME}` (an environment
 * variable of whoever applies the file) or `${file:/path}` (a file's content, one trailing newline
 * dropped). The command line resolves them before it sends a document; a reference still unresolved when
 * the server sees it means "keep the secret the object has".
 */
const REFERENCE = /^\$\{(env|file):([^}]+)\}$/;

export type SecretReference = { source: 'env' | 'file'; name: string };

export function parseReference(value: unknown): SecretReference | undefined {
  if (typeof value !== 'string') return undefined;
  const match = REFERENCE.exec(value);
  return match ? { source: match[1] as 'env' | 'file', name: match[2] } : undefined;
}

/**
 * The reference an export writes for a secret: `APP_<CLIENT_ID>_SECRET` for an application and
 * `IDP_<NAME>_SECRET` for an identity provider, the key upper-cased with every other character than
 * A-Z and 0-9 turned into `_` (so `orders-web` gives `${env:APP_ORDERS_WEB_SECRET}`).
 */
export function secretReferenceFor(kind: 'application' | 'identity_provider', key: string): string {
  const prefix = kind === 'application' ? 'APP' : 'IDP';
  return `\${env:${prefix}_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_SECRET}`;
}

/** The name of the secret field of an object of this kind, when it has one. */
export function secretFieldOf(kind: string, object: Record<string, unknown>): string | undefined {
  if (kind === 'application') return 'client_secret';
  if (kind === 'identity_provider') return object.type === 'ldap' ? 'bind_password' : 'client_secret';
  return undefined;
}
