import { DataSource } from 'typeorm';
import { useTestServer } from '../support/server-fixture';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, pkce, redeemCode, registerWebClient, RegisteredClient } from '../support/sign-in';
import { statementsDuring } from '../support/statements';

const isWrite = (statement: string) => /^(WITH\b.*\b)?(INSERT|UPDATE|DELETE)\b/i.test(statement);

/**
 * The cost of the busiest browser flow: a person who already has a single sign-on session (and whose
 * consent is not needed) goes authorize -> code -> token. Issue #8 allows at most 3 database writes a flow:
 * the code, its consumption and the refresh token.
 */
describe('sign-in: database cost of a code flow with an SSO session', () => {
  const ctx = useTestServer();
  let browser: BrowserSession;
  const clients: Partial<Record<'firstParty' | 'thirdParty', RegisteredClient>> = {};

  beforeAll(async () => {
    const person = await createPerson(ctx.admin);
    browser = new BrowserSession(ctx.server.baseUrl);
    // Signs in once (and consents for the third-party client) so that later flows need no page.
    const thirdParty = await registerWebClient(ctx.admin);
    const signedIn = callbackParams(await authorize(browser, authorizeUrl(thirdParty.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256', scope: 'openid offline_access' }), person));
    expect(signedIn.get('code')).toBeTruthy();
    clients.thirdParty = thirdParty;
    clients.firstParty = await registerWebClient(ctx.admin, { first_party: true });
  });

  async function ssoFlow(client: RegisteredClient): Promise<string[]> {
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid offline_access' });
    // The client registration is read once first, so its cache does not change the count below.
    expect(callbackParams(await browser.get(url)).get('code')).toBeTruthy();
    return statementsDuring(ctx.server.app.get(DataSource), async () => {
      const page = await browser.get(url);
      const code = callbackParams(page).get('code')!;
      const tokens = await redeemCode(ctx.server.baseUrl, client, code, verifier);
      expect(tokens.status).toBe(200);
      expect(tokens.body.refresh_token).toBeDefined();
      expect(tokens.body.id_token).toBeDefined();
    });
  }

  // Session lookup, the sign-in level the person's groups require (+ remembered consent for a third-party
  // client), code INSERT, then BEGIN, code consumption, refresh token INSERT, COMMIT.
  it.each([
    ['firstParty', 7],
    ['thirdParty', 8],
  ] as const)('writes at most 3 rows per flow (%s client, at most %i statements)', async (kind, maxStatements) => {
    const statements = await ssoFlow(clients[kind]!);
    if (process.env.FLOW_COST_VERBOSE) process.stdout.write(`${kind}: ${statements.length} statements\n${statements.join('\n')}\n`);
    expect(statements.filter(isWrite)).toHaveLength(3);
    // Each statement is one round trip to the database: keep the flow short.
    expect(statements.length).toBeLessThanOrEqual(maxStatements);
  });
});
