// Load scenarios built from a prepared target (see ours.mjs / reference.mjs for what a target holds).
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const header = (headers, name) => {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
};

/** A fixed request repeated: token, introspection, JWKS, discovery. */
export function fixed(target, { method = 'GET', path, headers = {}, body, ok }) {
  return {
    ok,
    // autocannon takes the path from the URL; a top-level `path` option is ignored.
    options: () => ({ url: `${target.base}${path}`, method, headers: body ? { ...FORM, ...headers } : headers, body }),
  };
}

function flowCounter() {
  return {
    latencies: [],
    failures: 0,
    reset() {
      this.latencies = [];
      this.failures = 0;
    },
  };
}

/** authorize (with the SSO session cookie) -> redirect with code -> token with the PKCE verifier. */
export function codeFlow(target) {
  const flows = flowCounter();
  const { code } = target;
  return {
    flows,
    options: () => ({
      url: target.base,
      requests: [
        {
          method: 'GET',
          setupRequest(request, context) {
            context.verifier = randomBytes(32).toString('base64url');
            context.started = performance.now();
            const challenge = createHash('sha256').update(context.verifier).digest('base64url');
            const query = new URLSearchParams({
              response_type: 'code',
              client_id: code.clientId,
              redirect_uri: code.redirectUri,
              scope: code.scope,
              state: randomBytes(8).toString('base64url'),
              code_challenge: challenge,
              code_challenge_method: 'S256',
            });
            return { ...request, path: `${code.authorizePath}?${query}`, headers: { cookie: code.cookie } };
          },
          onResponse(status, _body, context, headers) {
            const location = header(headers, 'location');
            context.code = location ? new URL(location, target.base).searchParams.get('code') : null;
            if (!context.code) flows.failures++;
          },
        },
        {
          method: 'POST',
          setupRequest(request, context) {
            // No code: skip the token request and start the next flow.
            if (!context.code) return null;
            const body = new URLSearchParams({
              grant_type: 'authorization_code',
              code: context.code,
              redirect_uri: code.redirectUri,
              code_verifier: context.verifier,
            }).toString();
            return { ...request, path: code.tokenPath, headers: { ...FORM, authorization: code.clientAuth }, body };
          },
          onResponse(status, _body, context) {
            if (status === 200) flows.latencies.push(performance.now() - context.started);
            else flows.failures++;
          },
        },
      ],
    }),
  };
}

/** Each request redeems one refresh token from a shared pool and puts the rotated one back. */
export function refreshRotation(target) {
  const { refresh } = target;
  // A round's end cuts off the requests in flight; their tokens may be spent, so they are dropped
  // (about one per connection per round: the pool is sized for it).
  return {
    options: () => ({
      url: target.base,
      requests: [
        {
          method: 'POST',
          setupRequest(request, context) {
            const token = refresh.pool.shift() ?? 'pool-exhausted';

            const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }).toString();
            return { ...request, path: refresh.tokenPath, headers: { ...FORM, authorization: refresh.clientAuth }, body };
          },
          onResponse(status, body) {
            if (status !== 200) return;
            try {
              refresh.pool.push(JSON.parse(body).refresh_token);
            } catch {
              // counted as a failure by status already
            }
          },
        },
      ],
    }),
  };
}

/** POST /login with username, password and CSRF for one of many people (spreads the per-account throttle). */
export function passwordLogin(target) {
  const { login } = target;
  let next = 0;
  return {
    ok: '3xx',
    // argon2 runs at most two at a time in the server: more connections only measure the queue.
    connections: 4,
    options: () => ({
      url: target.base,
      requests: [
        {
          method: 'POST',
          setupRequest(request) {
            const person = login.people[next++ % login.people.length];
            return { ...request, path: '/login', headers: { ...FORM, cookie: person.cookie }, body: person.body };
          },
        },
      ],
    }),
  };
}
