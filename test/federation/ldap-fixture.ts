import type { IdentityProviderView } from '@app/contracts';
import { BrowserSession, PageResult, submitLogin } from '../support/browser-session';
import { decodeJwt, request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, callbackParams, decideConsent, redeemCode, RegisteredClient, registerWebClient, TokenSet } from '../support/sign-in';
import { GROUPS_DN, groupDn, PEOPLE_DN, READER, Slapd, USER_FILTER } from '../support/slapd';

export const LDAP_SCOPE = 'openid profile email groups offline_access';

/** The groups here that the directory's groups map to: engineers by DN, staff and loop-b by cn. */
export const GROUP_MAPPING = { [groupDn('engineers')]: 'engineering', staff: 'everyone', 'loop-b': 'loopers' };

export interface LdapContext {
  readonly slapd: Slapd;
  readonly provider: IdentityProviderView;
  readonly client: RegisteredClient;
  readonly server: ReturnType<typeof useTestServer>['server'];
  readonly admin: ReturnType<typeof useTestServer>['admin'];
}

/**
 * A real slapd, a server, the directory registered as provider `corp` (OpenLDAP template, the reader
 * bind account, nested groups, the group mapping above) and a first-party web client asking for groups.
 */
export function useLdapServer(providerOverrides: Record<string, unknown> = {}): LdapContext {
  const ctx = useTestServer({ KEY_ENCRYPTION_SECRET: 'ldap-test-key-encryption-secret-0123456789' });
  let slapd: Slapd | undefined;
  let provider: IdentityProviderView | undefined;
  let client: RegisteredClient | undefined;

  beforeAll(async () => {
    slapd = await Slapd.start();
    for (const name of ['engineering', 'everyone', 'loopers']) {
      const created = await ctx.admin.send('POST', '/admin/v1/groups', { name });
      if (created.status !== 201) throw new Error(`group ${name}: ${created.status} ${created.text}`);
    }
    const created = await ctx.admin.send<IdentityProviderView>('POST', '/admin/v1/identity-providers', {
      type: 'ldap', name: 'corp', display_name: 'Corp directory', template: 'openldap', url: slapd.url,
      bind_dn: READER.dn, bind_password: READER.password, user_base_dn: PEOPLE_DN, user_filter: USER_FILTER,
      group_base_dn: GROUPS_DN, nested_groups: true, group_mapping: GROUP_MAPPING, jit: true, ...providerOverrides,
    });
    if (created.status !== 201) throw new Error(`register directory: ${created.status} ${created.text}`);
    provider = created.body;
    client = await registerWebClient(ctx.admin, { first_party: true, scope: LDAP_SCOPE });
  }, 60_000);

  afterAll(async () => {
    await slapd?.stop();
  });

  const required = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is set up in beforeAll`);
    return value;
  };
  return {
    get slapd() { return required(slapd, 'slapd'); },
    get provider() { return required(provider, 'provider'); },
    get client() { return required(client, 'client'); },
    get server() { return ctx.server; },
    get admin() { return ctx.admin; },
  };
}

export interface LdapSignIn {
  signedIn: boolean;
  /** The login page's answer to the form. */
  login: PageResult;
  browser: BrowserSession;
  tokens?: TokenSet;
  /** The ID token's claims with userinfo's (profile, email and groups come from userinfo). */
  claims?: Record<string, unknown>;
}

/** Types the username and password on our login page during a code flow; on success, redeems the code. */
export async function signInOnLoginPage(ctx: LdapContext, username: string, password: string): Promise<LdapSignIn> {
  const browser = new BrowserSession(ctx.server.baseUrl);
  const { url, verifier } = authorizeWithPkce(ctx.client.client_id, { scope: LDAP_SCOPE });
  const page = await browser.follow(await browser.get(url));
  if (!page.text.includes('action="/login"')) throw new Error(`expected the login page, got ${page.status}: ${page.text.slice(0, 300)}`);
  const login = await submitLogin(browser, page, username, password);
  if (login.status !== 303) return { signedIn: false, login, browser };
  let next = await browser.follow(login);
  if (next.status === 200 && next.text.includes('action="/oauth2/consent"')) next = await browser.follow(await decideConsent(browser, next, 'allow'));
  const tokens = await redeemCode(ctx.server.baseUrl, ctx.client, callbackParams(next).get('code')!, verifier);
  if (tokens.status !== 200) throw new Error(`token: ${tokens.status} ${tokens.text}`);
  const userinfo = await request<Record<string, unknown>>(`${ctx.server.baseUrl}/oauth2/userinfo`, { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
  if (userinfo.status !== 200) throw new Error(`userinfo: ${userinfo.status} ${userinfo.text}`);
  return { signedIn: true, login, browser, tokens: tokens.body, claims: { ...decodeJwt(tokens.body.id_token!).payload, ...userinfo.body } };
}

/**
 * The groups a signed-in person has here, sorted: the mapped memberships from the admin API, which the
 * `groups` claim of their tokens (userinfo here, scope groups) has to match.
 */
export async function groupsAfterSignIn(ctx: LdapContext, signIn: LdapSignIn): Promise<string[]> {
  if (!signIn.signedIn) throw new Error(`not signed in: ${signIn.login.status}`);
  const memberships = await ctx.admin.get<{ items: Array<{ name: string }> }>(`/admin/v1/users/${String(signIn.claims!.sub)}/groups`);
  const names = memberships.body.items.map((group) => group.name).sort();
  expect([...((signIn.claims!.groups as string[] | undefined) ?? [])].sort()).toEqual(names);
  return names;
}
