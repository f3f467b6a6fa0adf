// An independent OpenID Provider for the tests: the `oidc-provider` package in its own process (it ships as
// an ES module). It signs people in without a form: the account is the login_hint's, or the one chosen
// through the control route, so tests drive the real protocol and only skip typing a password upstream.
// Accounts are keyed by their `sub`. Configuration comes as JSON in UPSTREAM_CONFIG: { port, issuer, clients, accounts, defaultAccount }.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.UPSTREAM_CONFIG);
const accounts = config.accounts;
let current = config.defaultAccount;

const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: { keys: [{ ...key, kid: 'upstream-rs256', alg: 'RS256', use: 'sig' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    groups: ['groups'],
  },
  scopes: ['openid', 'offline_access', 'groups'],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (ctx, id) => (accounts[id] ? { accountId: id, claims: async () => ({ ...accounts[id].claims, sub: id }) } : undefined),
  // The tests read the token lifetimes they expect; nothing else here matters.
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  renderError: async (ctx, out) => {
    ctx.type = 'text/plain';
    ctx.body = `upstream error: ${out.error}`;
  },
});
provider.on('server_error', (ctx, error) => process.stderr.write(`server_error ${error.stack}\n`));

function accountFor(loginHint) {
  const hinted = Object.keys(accounts).find((id) => accounts[id].claims.email === loginHint);
  return hinted ?? current;
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const accountId = details.session?.accountId ?? accountFor(details.params.login_hint);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope));
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

async function control(req, res) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const change = JSON.parse(body || '{}');
  if (change.current) current = change.current;
  for (const [id, account] of Object.entries(change.accounts ?? {})) accounts[id] = { ...accounts[id], ...account, claims: { ...accounts[id]?.claims, ...account.claims } };
  res.writeHead(204).end();
}

const callback = provider.callback();
createServer((req, res) => {
  const path = req.url.split('?')[0];
  const done = (error) => {
    process.stderr.write(`upstream test route failed: ${error.stack}\n`);
    if (!res.headersSent) res.writeHead(500).end();
  };
  if (path.startsWith('/interaction/')) return void interaction(req, res).catch(done);
  if (path === '/__test/control' && req.method === 'POST') return void control(req, res).catch(done);
  if (path === '/__test/ready') return void res.writeHead(200).end('ok');
  callback(req, res);
}).listen(config.port, '127.0.0.1', () => process.stdout.write('ready\n'));
