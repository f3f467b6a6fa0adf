import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useTestServer } from '../support/server-fixture';
import { createPerson, registerWebClient } from '../support/sign-in';

const run = promisify(execFile);

/**
 * RFC 9126 pushed authorization requests with oauth4webapi, a certified client. It ships only as an ES
 * module, so the flow runs in a child `node` process and this test checks the JSON it prints.
 */
describe('interop: oauth4webapi pushed authorization requests', () => {
  const ctx = useTestServer();

  it('push -> authorize by request_uri -> code -> tokens, and §2.1 refuses a pushed request_uri', async () => {
    const client = await registerWebClient(ctx.admin, { redirect_uris: ['https://rp.example.com/cb'], require_pushed_authorization_requests: true, first_party: true });
    const person = await createPerson(ctx.admin);
    const { stdout } = await run(process.execPath, [join(__dirname, 'oauth4webapi-par-flow.mjs')], {
      env: {
        ...process.env,
        ISSUER: ctx.server.config.issuer,
        CLIENT_ID: client.client_id,
        CLIENT_SECRET: client.client_secret!,
        REDIRECT_URI: 'https://rp.example.com/cb',
        USERNAME: person.username,
        PASSWORD: person.password,
      },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      parEndpoint: `${ctx.server.config.issuer}/oauth2/par`,
      requestUri: expect.stringMatching(/^urn:ietf:params:oauth:request_uri:/),
      expiresIn: 60,
      sub: person.id,
      scope: 'openid profile',
      refusal: { name: 'ResponseBodyError', error: 'invalid_request', status: 400 },
    });
  });
});
