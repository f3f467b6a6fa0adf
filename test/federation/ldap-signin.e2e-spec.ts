import { createServer, Socket } from 'node:net';
import { Change, Attribute } from 'ldapts';
import { LdapDirectory, type LdapProviderConfig } from '@app/federation';
import { ADMIN_PASSWORD, ADMIN_USERNAME, freePort } from '../support/test-server';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { groupDn, LDAP_PEOPLE, PEOPLE_DN, personDn } from '../support/slapd';
import { groupsAfterSignIn, signInOnLoginPage, useLdapServer } from './ldap-fixture';

const GENERIC = 'Invalid username or password';

describe('sign in with an LDAP directory on our login page (real slapd)', () => {
  const ctx = useLdapServer();

  const userByUsername = async (username: string) => {
    const listed = await ctx.admin.get<{ items: Array<{ id: string; username: string; disabled: boolean }> }>(`/admin/v1/users?q=${encodeURIComponent(username)}`);
    return listed.body.items.find((user) => user.username === username);
  };

  it('a directory person signs in with their directory password; created on first sign-in, groups mapped (nested included)', async () => {
    const signIn = await signInOnLoginPage(ctx, 'ada', LDAP_PEOPLE.ada.password);
    const { signedIn, claims } = signIn;
    expect(signedIn).toBe(true);
    expect(claims).toMatchObject({ name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace', email: 'ada@example.org', email_verified: true });
    // engineers (mapped by DN) directly, staff (mapped by cn) through engineers inside it.
    expect(await groupsAfterSignIn(ctx, signIn)).toEqual(['engineering', 'everyone']);
    const ada = await userByUsername('ada');
    expect(ada).toBeDefined();
    expect(claims!.sub).toBe(ada!.id);
  });

  it('walks nested groups through a cycle without looping, and maps a group reached only through it', async () => {
    const signIn = await signInOnLoginPage(ctx, 'grace', LDAP_PEOPLE.grace.password);
    expect(signIn.signedIn).toBe(true);
    // grace is in loop-a, which is in loop-b, which is in loop-a again.
    expect(await groupsAfterSignIn(ctx, signIn)).toEqual(['engineering', 'everyone', 'loopers']);
  });

  it('signs in a person whose username is not ASCII', async () => {
    const { signedIn, claims } = await signInOnLoginPage(ctx, 'zoë', LDAP_PEOPLE['zoë'].password);
    expect(signedIn).toBe(true);
    expect(claims).toMatchObject({ name: 'Zoë Ærsted', email: 'zoe@example.org' });
  });

  it('links by entryUUID, never by username: renamed upstream, the person keeps the same account', async () => {
    const before = await signInOnLoginPage(ctx, 'ada', LDAP_PEOPLE.ada.password);
    await ctx.slapd.asAdmin((client) => client.modifyDN(personDn('ada'), 'uid=ada.lovelace'));
    try {
      const after = await signInOnLoginPage(ctx, 'ada.lovelace', LDAP_PEOPLE.ada.password);
      expect(after.signedIn).toBe(true);
      expect(after.claims!.sub).toBe(before.claims!.sub);
      expect(await userByUsername('ada.lovelace')).toBeUndefined();
      // The old name names nobody in the directory any more.
      expect((await signInOnLoginPage(ctx, 'ada', LDAP_PEOPLE.ada.password)).signedIn).toBe(false);
    } finally {
      await ctx.slapd.asAdmin((client) => client.modifyDN(`uid=ada.lovelace,${PEOPLE_DN}`, 'uid=ada'));
    }
  });

  it('a wrong directory password and an unknown username get the same answer', async () => {
    const wrong = await signInOnLoginPage(ctx, 'grace', 'not-her-password');
    const unknown = await signInOnLoginPage(ctx, 'nobody-anywhere', 'not-her-password');
    for (const result of [wrong, unknown]) {
      expect(result.signedIn).toBe(false);
      expect(result.login.status).toBe(401);
      expect(result.login.text).toContain(GENERIC);
    }
    const strip = (html: string) => html.replace(/value="[^"]*"/g, 'value=""');
    expect(strip(wrong.login.text)).toBe(strip(unknown.login.text));
  });

  it('wrong directory passwords count against the same lockout as local ones: then even the right one fails', async () => {
    for (let i = 0; i < 5; i++) expect((await signInOnLoginPage(ctx, 'alan', `wrong-${i}`)).signedIn).toBe(false);
    const locked = await signInOnLoginPage(ctx, 'alan', LDAP_PEOPLE.alan.password);
    expect(locked.signedIn).toBe(false);
    expect(locked.login.text).toContain('temporarily locked');
    // An unknown name is counted the same way: after five, the sixth looks exactly alike.
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await signInOnLoginPage(ctx, 'nobody-locked', `guess-${i}`));
    expect(answers.map((answer) => answer.login.status)).toEqual([401, 401, 401, 401, 401, 401]);
    // Locked before a first sign-in: no account was ever created for alan.
    expect(await userByUsername('alan')).toBeUndefined();
  });

  it('RFC 4515: filter injection in the username signs in as nobody', async () => {
    const attempts = ['*', '*)(uid=*', ')(uid=*', '\\2a', 'a*', 'ada)(|(uid=*', '*)(objectClass=*))(|(uid=*', 'ad*', '\\'];
    for (const username of attempts) {
      for (const password of [LDAP_PEOPLE.ada.password, LDAP_PEOPLE.grace.password]) {
        const result = await signInOnLoginPage(ctx, username, password);
        expect({ username, signedIn: result.signedIn, status: result.login.status }).toEqual({ username, signedIn: false, status: 401 });
      }
    }
  });

  it('people the user filter leaves out (marked disabled in the directory) cannot sign in, right password or not', async () => {
    const result = await signInOnLoginPage(ctx, 'mallory', LDAP_PEOPLE.mallory.password);
    expect(result.signedIn).toBe(false);
    expect(result.login.text).toContain(GENERIC);
  });

  it('RFC 4513 §5.1.2: an empty password is refused before any connection to the directory; a silent one times out', async () => {
    let connections = 0;
    const sockets = new Set<Socket>();
    const listener = createServer((socket) => {
      connections++;
      sockets.add(socket);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
    try {
      const config: LdapProviderConfig = {
        template: 'openldap', url: `ldap://127.0.0.1:${port}`, startTls: false, bindDn: null, userBaseDn: PEOPLE_DN, userFilter: '(uid={username})',
        attributes: { username: 'uid', email: 'mail', name: 'cn', givenName: 'givenName', familyName: 'sn', id: 'entryUUID' },
        groupBaseDn: null, groupFilter: '(member={dn})', nestedGroups: false, groupMapping: {}, jit: true, syncIntervalSeconds: null,
      };
      const directory = new LdapDirectory('counting', config, undefined, { connectMs: 500, operationMs: 500 });
      expect(await directory.authenticate('ada', '')).toBeUndefined();
      expect(connections).toBe(0);
      // The same listener never answers: a real attempt gives up at the operation timeout, as unavailable.
      const started = Date.now();
      await expect(directory.authenticate('ada', 'a password')).rejects.toMatchObject({ name: 'DirectoryUnavailable' });
      expect(connections).toBe(1);
      expect(Date.now() - started).toBeLessThan(3000);
      // The page refuses it too, with the generic answer.
      const browser = new BrowserSession(ctx.server.baseUrl);
      const answer = await submitLogin(browser, await browser.get('/login'), 'ada', '');
      expect(answer.status).toBe(401);
      expect(answer.text).toContain(GENERIC);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('removed from a directory group, the person loses the mapped group at the next sign-in', async () => {
    await ctx.slapd.asAdmin((client) => client.modify(groupDn('engineers'), new Change({ operation: 'delete', modification: new Attribute({ type: 'member', values: [personDn('grace')] }) })));
    const signIn = await signInOnLoginPage(ctx, 'grace', LDAP_PEOPLE.grace.password);
    // staff came only through engineers, so it goes too; loop-b stays.
    expect(await groupsAfterSignIn(ctx, signIn)).toEqual(['loopers']);
  });

  it('a person disabled here stays disabled whatever the directory says', async () => {
    const grace = await userByUsername('grace');
    expect((await ctx.admin.send('PATCH', `/admin/v1/users/${grace!.id}`, { disabled: true })).status).toBe(200);
    const result = await signInOnLoginPage(ctx, 'grace', LDAP_PEOPLE.grace.password);
    expect(result.signedIn).toBe(false);
    expect(result.login.text).toContain(GENERIC);
    expect((await userByUsername('grace'))!.disabled).toBe(true);
  });

  it('a directory that is down fails closed with the generic answer; local sign-in keeps working', async () => {
    await ctx.slapd.pause();
    try {
      const result = await signInOnLoginPage(ctx, 'zoë', LDAP_PEOPLE['zoë'].password);
      expect(result.signedIn).toBe(false);
      expect(result.login.status).toBe(401);
      expect(result.login.text).toContain(GENERIC);
      expect(result.login.text).not.toMatch(/ECONNREFUSED|ldap|127\.0\.0\.1:\d+/i);
      const admin = await signInOnLoginPage(ctx, ADMIN_USERNAME, ADMIN_PASSWORD);
      expect(admin.signedIn).toBe(true);
    } finally {
      await ctx.slapd.resume();
    }
    expect((await signInOnLoginPage(ctx, 'zoë', LDAP_PEOPLE['zoë'].password)).signedIn).toBe(true);
  });
});
