#!/usr/bin/env node
// A backend service calling an API as itself: the client credentials grant (RFC 6749 §4.4) with the API
// named as `resource` (RFC 8707), then one request to the API with the token. Plain Node 20, no dependencies.
// Usage: ISSUER=… CLIENT_ID=… CLIENT_SECRET=… API_RESOURCE=… API_URL=… SCOPE=… node call-api.mjs

const ISSUER = process.env.ISSUER;
const CLIENT_ID = process.env.CLIENT_ID;
// The secret never belongs in code: keep it in the environment (or a secret store).
const CLIENT_SECRET = process.env.CLIENT_SECRET;
// The API's identifier (the token's audience) and the URL of the route to call.
const API_RESOURCE = process.env.API_RESOURCE;
const API_URL = process.env.API_URL;
const SCOPE = process.env.SCOPE;

/** RFC 8414 §3: the token endpoint is found through the issuer's metadata. */
async function discover(issuer) {
  const response = await fetch(`${issuer}/.well-known/oauth-authorization-server`);
  if (!response.ok) throw new Error(`discovery failed: HTTP ${response.status}`);
  const metadata = await response.json();
  if (metadata.issuer !== issuer) throw new Error(`discovery answered for another issuer: ${metadata.issuer}`);
  return metadata;
}

/**
 * One access token for the API. A long-running service keeps it and asks again shortly before
 * `expires_in` runs out, rather than once per call.
 */
async function accessToken(metadata) {
  // RFC 6749 §2.3.1: client_secret_basic, with id and secret form-encoded before Base64.
  const encode = (value) => encodeURIComponent(value).replace(/%20/g, '+');
  const body = new URLSearchParams({ grant_type: 'client_credentials', resource: API_RESOURCE });
  if (SCOPE) body.set('scope', SCOPE);
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encode(CLIENT_ID)}:${encode(CLIENT_SECRET)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body,
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`token request failed: ${answer.error ?? `HTTP ${response.status}`} ${answer.error_description ?? ''}`.trim());
  return answer.access_token;
}

async function main() {
  const missing = Object.entries({ ISSUER, CLIENT_ID, CLIENT_SECRET, API_RESOURCE, API_URL }).filter(([, value]) => !value);
  if (missing.length > 0) throw new Error(`Set ${missing.map(([name]) => name).join(', ')} in the environment`);
  const token = await accessToken(await discover(ISSUER));
  const response = await fetch(API_URL, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  process.stdout.write(`${response.status} ${await response.text()}\n`);
  if (!response.ok) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
