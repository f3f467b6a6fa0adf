// panva's oidc-provider configured for the same flows as our server, on PostgreSQL through
// ./pg-adapter.mjs: client_credentials, authorization_code + PKCE, refresh token rotation, introspection,
// and JWT access tokens (ES256, or RS256 for the resource urn:bench:api-rs256) through resource indicators.
//
// Interactions complete themselves for the one bench person, so the bench can create an SSO session once
// (login + consent through the interaction API) and then reuse its cookie: authorize -> code -> token with
// no password, as a person who is already signed in.
import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';
import { connect, PgAdapter } from './pg-adapter.mjs';

const port = Number(process.env.PORT ?? 3200);
const issuer = process.env.ISSUER ?? `http://127.0.0.1:${port}`;
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');

export const BENCH = {
  account: 'bench-person',
  service: { client_id: 'bench-service', client_secret: 'bench-service-secret-0123456789abcdef' },
  web: { client_id: 'bench-web', client_secret: 'bench-web-secret-0123456789abcdef', redirect_uri: 'https://app.example.com/callback' },
  introspector: { client_id: 'bench-rs', client_secret: 'bench-rs-secret-0123456789abcdef' },
};

const RESOURCES = {
  'urn:bench:api': { scope: 'bench:read', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } },
  'urn:bench:api-rs256': { scope: 'bench:read', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } },
  'urn:bench:opaque': { scope: 'bench:read', accessTokenFormat: 'opaque' },
};

function signingKeys() {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return [
    { ...ec, kid: 'bench-es256', alg: 'ES256', use: 'sig' },
    { ...rsa, kid: 'bench-rs256', alg: 'RS256', use: 'sig' },
  ];
}

await connect(databaseUrl);

const provider = new Provider(issuer, {
  adapter: PgAdapter,
  clients: [
    { ...BENCH.service, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], scope: 'bench:read' },
    {
      client_id: BENCH.web.client_id,
      client_secret: BENCH.web.client_secret,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [BENCH.web.redirect_uri],
      scope: 'openid offline_access bench:read',
      id_token_signed_response_alg: 'ES256',
    },
    { ...BENCH.introspector, grant_types: [], response_types: [], redirect_uris: [] },
  ],
  jwks: { keys: signingKeys() },
  cookies: { keys: ['bench-cookie-key-0123456789abcdef0123456789abcdef'] },
  scopes: ['openid', 'offline_access', 'bench:read'],
  claims: { openid: ['sub'] },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
  // Same rule as our server: clients allowed the refresh_token grant get a refresh token; rotate on each use.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  ttl: {
    AccessToken: 3600,
    ClientCredentials: 3600,
    AuthorizationCode: 60,
    IdToken: 3600,
    RefreshToken: 30 * 86400,
    Grant: 30 * 86400,
    Session: 8 * 3600,
    Interaction: 600,
  },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:bench:api',
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        const info = RESOURCES[resource];
        if (!info) throw new errors.InvalidTarget();
        return { audience: resource, accessTokenTTL: 3600, ...info };
      },
    },
  },
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`server_error: ${error.stack}\n`));

const callback = provider.callback();

/** Completes login and consent for the bench person without any page. */
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  if (prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: BENCH.account } }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  const missing = prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

const server = createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      res.statusCode = 500;
      res.end(String(error.stack));
    });
    return;
  }
  callback(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`));
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 2000).unref());
