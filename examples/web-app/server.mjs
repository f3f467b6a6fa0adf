#!/usr/bin/env node
// A server-rendered web app signing people in with Meridian Auth: Express 5 and openid-client 6, a
// confidential client (client_secret_basic), authorization code + PKCE, sessions in memory.
// Usage: ISSUER=… CLIENT_ID=… CLIENT_SECRET=… REDIRECT_URI=… POST_LOGOUT_REDIRECT_URI=… SCOPE=… node server.mjs
import { randomBytes } from 'node:crypto';
import express from 'express';
import * as client from 'openid-client';

const ISSUER = process.env.ISSUER;
const CLIENT_ID = process.env.CLIENT_ID;
// The secret never belongs in code: keep it in the environment (or a secret store).
const CLIENT_SECRET = process.env.CLIENT_SECRET;
const REDIRECT_URI = process.env.REDIRECT_URI;
const POST_LOGOUT_REDIRECT_URI = process.env.POST_LOGOUT_REDIRECT_URI;
const SCOPE = process.env.SCOPE;
const PORT = Number(process.env.PORT ?? 3001);

const missing = Object.entries({ ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_REDIRECT_URI, SCOPE }).filter(([, value]) => !value);
if (missing.length > 0) {
  process.stderr.write(`Set ${missing.map(([name]) => name).join(', ')} in the environment\n`);
  process.exit(1);
}

// openid-client refuses plain http; allow it only for a server on this machine (development).
const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(ISSUER).hostname);
const config = await client.discovery(new URL(ISSUER), CLIENT_ID, undefined, client.ClientSecretBasic(CLIENT_SECRET), loopback ? { execute: [client.allowInsecureRequests] } : {});

/** Session id -> { pending sign-in } or { signed-in person }. In memory: one process, gone on restart. */
const sessions = new Map();
// Cookies ignore ports: a name of its own, so it cannot clash with the server's on the same localhost.
const COOKIE = 'web_app_session';
const secureCookie = new URL(REDIRECT_URI).protocol === 'https:';

function sessionOf(request) {
  const cookies = Object.fromEntries((request.headers.cookie ?? '').split(';').map((pair) => pair.trim().split('=')));
  return { id: cookies[COOKIE], data: sessions.get(cookies[COOKIE]) };
}

function startSession(response, data) {
  const id = randomBytes(32).toString('base64url');
  sessions.set(id, data);
  response.cookie(COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: secureCookie, path: '/' });
}

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Web app with Meridian Auth</title></head><body>${body}</body></html>`;

const app = express();

app.get('/', (request, response) => {
  const { data } = sessionOf(request);
  if (!data?.user) return response.send(page('<p>Signed out</p><p><a href="/login">Log in</a></p>'));
  response.send(page(`<p>Signed in as ${escapeHtml(data.user.name ?? data.user.preferred_username ?? data.user.sub)}</p><p><a href="/logout">Log out</a></p>`));
});

app.get('/login', async (_request, response) => {
  const pkceCodeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  // The verifier, state and nonce stay on the server, in the session the cookie names.
  startSession(response, { pending: { pkceCodeVerifier, state, nonce } });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  response.redirect(url.href);
});

app.get(new URL(REDIRECT_URI).pathname, async (request, response) => {
  const { id, data } = sessionOf(request);
  if (!data?.pending) return response.status(400).send(page('<p>Sign-in failed: no sign-in was started here</p><p><a href="/login">Log in</a></p>'));
  sessions.delete(id);
  try {
    // The URL as the server redirected to it: the registered redirect URI with this request's query.
    const tokens = await client.authorizationCodeGrant(config, new URL(request.originalUrl, REDIRECT_URI), {
      pkceCodeVerifier: data.pending.pkceCodeVerifier,
      expectedState: data.pending.state,
      expectedNonce: data.pending.nonce,
      idTokenExpected: true,
    });
    // Profile claims (name, email) come from userinfo; the ID token says who signed in.
    const user = await client.fetchUserInfo(config, tokens.access_token, tokens.claims().sub);
    // A new session id after sign-in, so an id planted before it is worth nothing (session fixation).
    startSession(response, { user, idToken: tokens.id_token });
    response.redirect('/');
  } catch (error) {
    // error.error is the server's OAuth error code, when it sent one; never the tokens.
    response.status(400).send(page(`<p>Sign-in failed: ${escapeHtml(error.error ?? error.message)}</p><p><a href="/login">Log in</a></p>`));
  }
});

app.get('/logout', (request, response) => {
  const { id, data } = sessionOf(request);
  sessions.delete(id);
  response.clearCookie(COOKIE, { path: '/' });
  if (!data?.idToken) return response.redirect('/');
  // RP-Initiated Logout 1.0: the server ends its session too, then sends the browser back here.
  response.redirect(client.buildEndSessionUrl(config, { id_token_hint: data.idToken, post_logout_redirect_uri: POST_LOGOUT_REDIRECT_URI }).href);
});

// Last: whatever else failed gets a plain page; the detail goes to the log, not to the browser.
app.use((error, _request, response, _next) => {
  process.stderr.write(`${error.message}\n`);
  response.status(500).send(page('<p>Something went wrong</p>'));
});

app.listen(PORT, '127.0.0.1', () => process.stdout.write(`Listening on http://localhost:${PORT}\n`));
