#!/usr/bin/env node
// Signs a command-line tool in with the OAuth 2.0 Device Authorization Grant (RFC 8628).
// Plain Node 20, no dependencies. Usage:
//   ISSUER=http://localhost:3000 CLIENT_ID=my-cli node device-login.mjs [--scope "openid api:read"]
//   node device-login.mjs --issuer=http://localhost:3000 --client-id=my-cli
import { parseArgs } from 'node:util';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

function readOptions() {
  const { values } = parseArgs({
    options: {
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      scope: { type: 'string' },
    },
  });
  const options = {
    issuer: values.issuer ?? process.env.ISSUER,
    clientId: values['client-id'] ?? process.env.CLIENT_ID,
    clientSecret: values['client-secret'] ?? process.env.CLIENT_SECRET,
    scope: values.scope ?? process.env.SCOPE,
  };
  if (!options.issuer || !options.clientId) {
    throw new Error('Set ISSUER and CLIENT_ID (environment) or pass --issuer and --client-id');
  }
  return options;
}

/** RFC 8414 §3: every endpoint is found through the issuer's metadata. */
async function discover(issuer) {
  const response = await fetch(`${issuer}/.well-known/oauth-authorization-server`);
  if (!response.ok) throw new Error(`discovery failed: HTTP ${response.status}`);
  const metadata = await response.json();
  if (metadata.issuer !== issuer) throw new Error(`discovery answered for another issuer: ${metadata.issuer}`);
  if (!metadata.device_authorization_endpoint) throw new Error('the server does not support the device flow');
  return metadata;
}

/** A form POST with client authentication: Basic for a confidential client, client_id alone otherwise. */
async function post(url, params, options) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const body = new URLSearchParams(params);
  if (options.clientSecret) {
    const encode = (value) => encodeURIComponent(value).replace(/%20/g, '+');
    headers.authorization = `Basic ${Buffer.from(`${encode(options.clientId)}:${encode(options.clientSecret)}`).toString('base64')}`;
  } else {
    body.set('client_id', options.clientId);
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/** RFC 8628 §3.4-3.5: poll at the given interval; slow_down adds 5 seconds for good. */
async function pollForTokens(metadata, start, options) {
  let interval = start.interval ?? 5;
  const deadline = Date.now() + start.expires_in * 1000;
  while (Date.now() < deadline) {
    await sleep(interval);
    const { status, body } = await post(metadata.token_endpoint, { grant_type: DEVICE_GRANT, device_code: start.device_code }, options);
    if (status === 200) return body;
    if (body.error === 'authorization_pending') continue;
    if (body.error === 'slow_down') {
      interval += 5;
      continue;
    }
    if (body.error === 'access_denied') throw new Error('access was denied');
    if (body.error === 'expired_token') throw new Error('the code expired; run the command again');
    throw new Error(`token request failed: ${body.error ?? `HTTP ${status}`} ${body.error_description ?? ''}`.trim());
  }
  throw new Error('the code expired; run the command again');
}

/** The claims of a JWT, without verifying it: for display only. */
function claimsOf(jwt) {
  const parts = typeof jwt === 'string' ? jwt.split('.') : [];
  if (parts.length !== 3) return undefined;
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}

async function main() {
  const options = readOptions();
  const metadata = await discover(options.issuer);
  const params = options.scope ? { scope: options.scope } : {};
  const { status, body: start } = await post(metadata.device_authorization_endpoint, params, options);
  if (status !== 200) throw new Error(`device authorization failed: ${start.error ?? `HTTP ${status}`} ${start.error_description ?? ''}`.trim());
  console.log(`To sign in, open ${start.verification_uri} and enter the code ${start.user_code}`);
  if (start.verification_uri_complete) console.log(`(or open ${start.verification_uri_complete})`);
  console.log('Waiting for approval...');
  const tokens = await pollForTokens(metadata, start, options);
  console.log('Signed in. Access token claims:');
  console.log(JSON.stringify(claimsOf(tokens.access_token) ?? { note: 'opaque access token' }, null, 2));
  if (tokens.id_token) {
    console.log('ID token claims:');
    console.log(JSON.stringify(claimsOf(tokens.id_token), null, 2));
  }
}

main().catch((error) => {
  console.error(`device-login: ${error.message}`);
  process.exitCode = 1;
});
