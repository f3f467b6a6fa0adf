import { useTestServer } from '../support/server-fixture';
import { request } from '../support/http';
import { BrowserSession } from '../support/browser-session';
import { authorize, callbackParams, createPerson, authorizeWithPkce, redeemCode, registerWebClient, RegisteredClient } from '../support/sign-in';
import { expectEnded, expectLive, OPAQUE_API_SCOPE, registerOpaqueApi, signInAndHold } from '../support/held-tokens';

const SCOPE = `openid profile ${OPAQUE_API_SCOPE}`;

/**
 * A person disabled or deleted keeps no working token anywhere: introspection (JWT and reference access
 * tokens, refresh tokens), userinfo, the refresh grant and the admin API all refuse them at once, and
 * re-enabling the person brings none of them back.
 */
describe('disabling or deleting a person ends every token of theirs', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    await registerOpaqueApi(ctx.admin);
    client = await registerWebClient(ctx.admin, { first_party: true, scope: `openid profile offline_access ${OPAQUE_API_SCOPE}` });
  });

  const base = () => ctx.server.baseUrl;
  const patchPerson = async (id: string, body: Record<string, unknown>) => expect((await ctx.admin.send('PATCH', `/admin/v1/users/${id}`, body)).status).toBe(200);

  it('disabling: every token of the person is inactive, refused by userinfo and cannot be refreshed; another person keeps theirs', async () => {
    const person = await createPerson(ctx.admin);
    const bystander = await createPerson(ctx.admin);
    const held = await signInAndHold(base(), client, person, SCOPE);
    const theirs = await signInAndHold(base(), client, bystander, SCOPE);
    await expectLive(base(), client, held);

    await patchPerson(person.id, { disabled: true });

    await expectEnded(base(), client, held);
    await expectLive(base(), client, theirs);
  });

  it('re-enabling brings back none of the earlier tokens; a new sign-in gets working ones', async () => {
    const person = await createPerson(ctx.admin);
    const held = await signInAndHold(base(), client, person, SCOPE);
    await patchPerson(person.id, { disabled: true });
    await patchPerson(person.id, { disabled: false });

    await expectEnded(base(), client, held);
    // Token times have whole seconds, and one issued in the second of the disabling counts as earlier.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expectLive(base(), client, await signInAndHold(base(), client, person, SCOPE));
  });

  it('deleting: every token of the person is inactive and the refresh token is invalid_grant', async () => {
    const person = await createPerson(ctx.admin);
    const held = await signInAndHold(base(), client, person, SCOPE);
    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}`)).status).toBe(204);
    await expectEnded(base(), client, held);
  });

  it('the admin API refuses an administrator\'s token issued before they were disabled, also after re-enabling', async () => {
    const person = await createPerson(ctx.admin, { roles: ['admin'] });
    const redirectUri = `${ctx.server.config.issuer}/console/callback`;
    const consoleClient = { client_id: 'admin-console' };
    const { url, verifier } = authorizeWithPkce(consoleClient.client_id, { scope: 'openid admin', redirect_uri: redirectUri });
    const code = callbackParams(await authorize(new BrowserSession(base()), url, person)).get('code')!;
    const token = (await redeemCode(base(), consoleClient, code, verifier, redirectUri)).body.access_token;
    const adminGet = () => request(`${base()}/admin/v1/users`, { headers: { authorization: `Bearer ${token}` } });
    expect((await adminGet()).status).toBe(200);

    await patchPerson(person.id, { disabled: true });
    await patchPerson(person.id, { disabled: false });

    expect((await adminGet()).status).toBe(401);
  });
});
