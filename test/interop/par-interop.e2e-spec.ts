import { useTestServer } from '../support/server-fixture';
import { createPerson, registerWebClient } from '../support/sign-in';
import { runInteropFlow } from './run-interop';

/**
 * RFC 9126 pushed authorization requests with oauth4webapi, a certified client. It ships only as an ES
 * module, so the flow runs in a child `node` process and this test checks the JSON it prints.
 */
describe('interop: oauth4webapi pushed authorization requests', () => {
  const ctx = useTestServer();

  it('push -> authorize by request_uri -> code -> tokens, and §2.1 refuses a pushed request_uri', async () => {
    const client = await registerWebClient(ctx.admin, { redirect_uris: ['https://rp.example.com/cb'], require_pushed_authorization_requests: true, first_party: true });
    const person = await createPerson(ctx.admin);
    const result = await runInteropFlow('oauth4webapi-par-flow.mjs', {
      ISSUER: ctx.server.config.issuer,
      CLIENT_ID: client.client_id,
      CLIENT_SECRET: client.client_secret!,
      REDIRECT_URI: 'https://rp.example.com/cb',
      USERNAME: person.username,
      PASSWORD: person.password,
    });
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
