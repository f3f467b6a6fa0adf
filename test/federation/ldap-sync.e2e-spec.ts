import { Attribute, Change } from 'ldapts';
import { Client } from 'pg';
import { IdentityProviderService, LdapSync } from '@app/federation';
import { authorizeWithPkce, tokenRequest } from '../support/sign-in';
import { groupDn, LDAP_PEOPLE, personDn, USER_FILTER } from '../support/slapd';
import { usesPostgres } from '../support/test-server';
import { groupsAfterSignIn, LdapSignIn, signInOnLoginPage, useLdapServer } from './ldap-fixture';

describe('LDAP directory sync (real slapd)', () => {
  const ctx = useLdapServer({ sync_interval_s: 300 });
  const sync = () => ctx.server.app.get(LdapSync);
  const provider = () => ctx.server.app.get(IdentityProviderService).get(ctx.provider.id);
  const groupsHere = async (userId: string) =>
    (await ctx.admin.get<{ items: Array<{ name: string }> }>(`/admin/v1/users/${userId}/groups`)).body.items.map((group) => group.name).sort();
  const user = async (userId: string) => (await ctx.admin.get<{ disabled: boolean }>(`/admin/v1/users/${userId}`)).body;
  const removeMember = (group: string, uid: string) =>
    ctx.slapd.asAdmin((client) => client.modify(groupDn(group), new Change({ operation: 'delete', modification: new Attribute({ type: 'member', values: [personDn(uid)] }) })));

  let ada: LdapSignIn;
  let alan: LdapSignIn;
  let grace: LdapSignIn;

  beforeAll(async () => {
    ada = await signInOnLoginPage(ctx, 'ada', LDAP_PEOPLE.ada.password);
    alan = await signInOnLoginPage(ctx, 'alan', LDAP_PEOPLE.alan.password);
    grace = await signInOnLoginPage(ctx, 'grace', LDAP_PEOPLE.grace.password);
    expect([ada.signedIn, alan.signedIn, grace.signedIn]).toEqual([true, true, true]);
  });

  it('refreshes mapped memberships: removed from a directory group, the person loses the mapped group at the sync', async () => {
    expect(await groupsAfterSignIn(ctx, ada)).toEqual(['engineering', 'everyone']);
    await removeMember('engineers', 'ada');
    const result = await sync().sync(await provider());
    expect(result).toMatchObject({ ran: true, disabled: 0, refreshed: 3 });
    expect(await groupsHere(String(ada.claims!.sub))).toEqual([]);
    expect(await groupsHere(String(alan.claims!.sub))).toEqual(['everyone']);
  });

  it('leaves memberships an administrator made alone', async () => {
    const groups = await ctx.admin.get<{ items: Array<{ id: string; name: string }> }>('/admin/v1/groups');
    const engineering = groups.body.items.find((group) => group.name === 'engineering')!;
    const added = await ctx.admin.send('PUT', `/admin/v1/groups/${engineering.id}/members/${String(ada.claims!.sub)}`);
    expect(added.status).toBeLessThan(300);
    await sync().sync(await provider());
    expect(await groupsHere(String(ada.claims!.sub))).toEqual(['engineering']);
  });

  it('deleted from the directory: disabled at the sync, sessions and tokens ended', async () => {
    expect(alan.tokens!.refresh_token).toBeDefined();
    await ctx.slapd.asAdmin((client) => client.del(personDn('alan')));
    const result = await sync().sync(await provider());
    expect(result).toMatchObject({ ran: true, disabled: 1 });
    expect((await user(String(alan.claims!.sub))).disabled).toBe(true);
    const refreshed = await tokenRequest(ctx.server.baseUrl, ctx.client, { grant_type: 'refresh_token', refresh_token: alan.tokens!.refresh_token! });
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.error).toBe('invalid_grant');
    // The browser's session is over: the authorize request shows the login page again.
    const page = await alan.browser.follow(await alan.browser.get(authorizeWithPkce(ctx.client.client_id, { scope: 'openid' }).url));
    expect(page.text).toContain('action="/login"');
    expect((await signInOnLoginPage(ctx, 'alan', LDAP_PEOPLE.alan.password)).signedIn).toBe(false);
    // The others are untouched.
    expect((await user(String(ada.claims!.sub))).disabled).toBe(false);
  });

  it('removed from a group, the person loses the mapped group at the next sign-in too', async () => {
    await removeMember('loop-a', 'grace');
    const again = await signInOnLoginPage(ctx, 'grace', LDAP_PEOPLE.grace.password);
    expect(await groupsAfterSignIn(ctx, again)).toEqual(['engineering', 'everyone']);
  });

  it('a person disabled here stays disabled through syncs while the directory still lists them', async () => {
    await ctx.admin.send('PATCH', `/admin/v1/users/${String(grace.claims!.sub)}`, { disabled: true });
    const result = await sync().sync(await provider());
    expect(result.disabled).toBe(0);
    expect((await user(String(grace.claims!.sub))).disabled).toBe(true);
    expect((await signInOnLoginPage(ctx, 'grace', LDAP_PEOPLE.grace.password)).signedIn).toBe(false);
  });

  it('a directory that is down or lists nobody disables nobody', async () => {
    await ctx.slapd.pause();
    try {
      await expect(sync().sync(await provider())).rejects.toThrow(/unavailable/);
    } finally {
      await ctx.slapd.resume();
    }
    // A filter that matches nobody: more likely a mistake than everyone leaving at once.
    const patched = await ctx.admin.send('PATCH', `/admin/v1/identity-providers/${ctx.provider.id}`, { user_filter: '(&(uid={username})(employeeType=no-such-type))' });
    expect(patched.status).toBe(200);
    try {
      expect(await sync().sync(await provider())).toMatchObject({ ran: true, listed: 0, disabled: 0 });
    } finally {
      await ctx.admin.send('PATCH', `/admin/v1/identity-providers/${ctx.provider.id}`, { user_filter: USER_FILTER });
    }
    expect((await user(String(ada.claims!.sub))).disabled).toBe(false);
  });

  it('runs on the schedule: once sync_interval_s has passed since the last run', async () => {
    const started = Date.now();
    // First round sets the clock; a round within the interval does nothing; one after it syncs.
    const spy = jest.spyOn(sync(), 'sync');
    try {
      await sync().runDue(started);
      await sync().runDue(started + 299_000);
      expect(spy).not.toHaveBeenCalled();
      await sync().runDue(started + 301_000);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  (usesPostgres() ? it : it.skip)('only one instance syncs a provider at a time (PostgreSQL advisory lock)', async () => {
    const other = new Client({ connectionString: databaseUrl() });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock(7274013, hashtext($1))', [ctx.provider.id]);
      expect(await sync().sync(await provider())).toMatchObject({ ran: false });
      await other.query('SELECT pg_advisory_unlock(7274013, hashtext($1))', [ctx.provider.id]);
      expect(await sync().sync(await provider())).toMatchObject({ ran: true });
    } finally {
      await other.end();
    }
  });

  function databaseUrl(): string {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${ctx.server.databaseName}`;
    return url.toString();
  }
});
