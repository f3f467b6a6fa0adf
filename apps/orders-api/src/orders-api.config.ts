import type { ResourceServerModuleOptions } from '@meridian-auth/resource-server/nest';
import { parseCorsOrigins } from './browser-cors';
import type { BackchannelLogoutSettings } from './orders-api.module';

export interface OrdersApiConfig {
  port: number;
  resourceServer: ResourceServerModuleOptions;
  backchannelLogout?: BackchannelLogoutSettings;
  corsOrigins?: string[];
}

/**
 * Reads the example's settings once, at start:
 * ISSUER, AUDIENCE (required); PORT (default 4000); VERIFY_MODE `jwt` (default: local JWKS) or
 * `introspection` (ask the server about every token, needs INTROSPECTION_CLIENT_ID / _SECRET, the
 * credentials `POST /admin/v1/apis` returned for this API). INTROSPECTION_CACHE_SECONDS (default 60,
 * the SDK's) bounds how long an active answer is reused, hence how late a revocation is seen; 0 = never.
 * BACKCHANNEL_LOGOUT_CLIENT_ID (optional): the client whose sessions this backend honours; when set,
 * POST /backchannel-logout receives that client's logout tokens (register it as its backchannel_logout_uri).
 * PUBLIC_BASE_URL (optional): the URL clients call this API at, which DPoP proofs name (behind a proxy).
 * CORS_ORIGINS (optional, default none): comma-separated browser origins (a single-page app) allowed to
 * call the API directly.
 */
export function readOrdersApiConfig(env: Readonly<Record<string, string | undefined>>): OrdersApiConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') throw new Error(`${name} is required`);
    return value;
  };
  const port = Number(env['PORT'] ?? '4000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be a port number');

  const mode = env['VERIFY_MODE'] ?? 'jwt';
  if (mode !== 'jwt' && mode !== 'introspection') throw new Error('VERIFY_MODE must be "jwt" or "introspection"');
  const resourceServer: ResourceServerModuleOptions = { issuer: required('ISSUER'), audience: required('AUDIENCE'), mode };
  if (mode === 'introspection') {
    resourceServer.introspection = {
      clientId: required('INTROSPECTION_CLIENT_ID'),
      clientSecret: required('INTROSPECTION_CLIENT_SECRET'),
    };
    const cacheSeconds = env['INTROSPECTION_CACHE_SECONDS'];
    if (cacheSeconds !== undefined && cacheSeconds !== '') resourceServer.introspectionCacheMaxSeconds = Number(cacheSeconds);
  }
  const publicBaseUrl = env['PUBLIC_BASE_URL'];
  if (publicBaseUrl !== undefined && publicBaseUrl !== '') resourceServer.dpop = { publicBaseUrl };
  const config: OrdersApiConfig = { port, resourceServer };
  const corsOrigins = parseCorsOrigins(env['CORS_ORIGINS'] ?? '');
  if (corsOrigins.length > 0) config.corsOrigins = corsOrigins;
  const logoutClientId = env['BACKCHANNEL_LOGOUT_CLIENT_ID'];
  if (logoutClientId !== undefined && logoutClientId !== '') config.backchannelLogout = { clientId: logoutClientId };
  return config;
}
