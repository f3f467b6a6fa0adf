import { TotpService } from '@app/users';
import { totpCode } from '../support/totp';
import { BrowserSession, hiddenField, PageResult } from '../support/browser-session';
import { createPerson } from '../support/sign-in';
import { Person, useAccountPage } from './account-fixture';

/** The account page's sign-in methods and recovery codes. */
describe('account page: sign-in methods and recovery codes', () => {
  const { ctx, db, signIn, submit, auditActions, ageSignIn } = useAccountPage();

  describe('sign-in methods and recovery codes', () => {
    interface Enrolled {
      factorId: string;
      secret: string;
    }

    /**
     * An authenticator app enrolled for the person, confirmed with a code of the previous time step computed
     * by the test's own TOTP, so that the codes of this step and the next are left for step-ups.
     */
    async function enrollTotp(person: Person): Promise<Enrolled> {
      const totp = ctx.server.app.get(TotpService);
      const enrollment = await totp.begin(person.id, person.username);
      expect(await totp.confirm(person.id, enrollment.factorId, totpCode(enrollment.secret, Date.now(), -1), 'Phone app')).toBe(true);
      return { factorId: enrollment.factorId, secret: enrollment.secret };
    }

    /** Proves the second factor in this browser's session, as the page it is sent to asks. */
    async function stepUp(browser: BrowserSession, detour: PageResult, code: string): Promise<void> {
      const page = await browser.follow(detour);
      expect(page.url).toContain('/login/second-factor');
      const result = await browser.post('/login/second-factor', { csrf_token: hiddenField(page.text, 'csrf_token'), return_to: hiddenField(page.text, 'return_to'), code });
      expect(result.status).toBe(303);
    }

    async function factorCount(person: Person): Promise<number> {
      const rows: Array<{ count: string }> = await db().query(`SELECT count(*) AS count FROM authentication_factors WHERE user_id = $1`, [person.id]);
      return Number(rows[0].count);
    }

    it('lists the factors with links to add a passkey or an authenticator app', async () => {
      const person = await createPerson(ctx.admin);
      await enrollTotp(person);
      const page = await (await signIn(person)).get('/account/factors');
      expect(page.status).toBe(200);
      expect(page.text).toContain('value="Phone app"');
      expect(page.text).toContain('Authenticator app');
      expect(page.text).toContain('href="/account/factors/passkey/new?return_to=%2Faccount%2Ffactors"');
      expect(page.text).toContain('href="/account/factors/totp/new?return_to=%2Faccount%2Ffactors"');
      expect(page.text).toContain('confirm it is you first');
    });

    it('a password-only session proves a second factor first, then renames and removes', async () => {
      const person = await createPerson(ctx.admin);
      const { factorId, secret } = await enrollTotp(person);
      const browser = await signIn(person);
      const detour = await submit(browser, '/account/factors', '/account/factors/rename', { factor_id: factorId, label: 'Work phone' });
      expect(detour.status).toBe(303);
      expect(detour.location).toBe(`/login/second-factor?${new URLSearchParams({ return_to: '/account/factors', acr: 'mfa' })}`);
      expect((await browser.get('/account/factors')).text).toContain('value="Phone app"');
      await stepUp(browser, detour, totpCode(secret));

      const renamed = await submit(browser, '/account/factors', '/account/factors/rename', { factor_id: factorId, label: '  Work phone ' });
      expect(renamed.status).toBe(303);
      expect(renamed.location).toBe('/account/factors?done=factor-renamed');
      expect((await browser.get('/account/factors')).text).toContain('value="Work phone"');
      const removed = await submit(browser, '/account/factors', '/account/factors/remove', { factor_id: factorId });
      expect(removed.status).toBe(303);
      expect(removed.location).toBe('/account/factors?done=factor-removed');
      expect(await factorCount(person)).toBe(0);
      const actions = await auditActions(person.id);
      expect(actions).toContain('account.factor_renamed');
      expect(actions).toContain('account.factor_removed');
    });

    it('asks for a fresh sign-in before removing or renaming when the last one is older than five minutes', async () => {
      const person = await createPerson(ctx.admin);
      const { factorId, secret } = await enrollTotp(person);
      const browser = await signIn(person);
      await stepUp(browser, await submit(browser, '/account/factors', '/account/factors/remove', { factor_id: factorId }), totpCode(secret));
      await ageSignIn(person, 6);
      for (const [action, fields] of [['remove', { factor_id: factorId }], ['rename', { factor_id: factorId, label: 'Stolen' }]] as const) {
        const result = await submit(browser, '/account/factors', `/account/factors/${action}`, fields);
        expect(result.status).toBe(303);
        const location = new URL(result.location!, ctx.server.baseUrl);
        expect(location.pathname).toBe('/login');
        expect(location.searchParams.get('return_to')).toBe('/account/factors');
        expect(location.searchParams.get('reauth')).toBe('1');
      }
      expect(await factorCount(person)).toBe(1);
      expect((await browser.get('/account/factors')).text).toContain('value="Phone app"');
    });

    it('refuses a factor of someone else, an unknown or malformed id and an empty name', async () => {
      const person = await createPerson(ctx.admin);
      const own = await enrollTotp(person);
      const stranger = await createPerson(ctx.admin);
      const strangers = await enrollTotp(stranger);
      const browser = await signIn(person);
      await stepUp(browser, await submit(browser, '/account/factors', '/account/factors/remove', { factor_id: own.factorId }), totpCode(own.secret));
      for (const factorId of [strangers.factorId, '00000000-0000-4000-8000-000000000000', 'nope']) {
        expect((await submit(browser, '/account/factors', '/account/factors/remove', { factor_id: factorId })).status).toBe(404);
      }
      expect((await submit(browser, '/account/factors', '/account/factors/rename', { factor_id: own.factorId, label: '   ' })).status).toBe(400);
      expect(await factorCount(stranger)).toBe(1);
      expect(await factorCount(person)).toBe(1);
    });

    it('regenerates ten recovery codes shown once, after a fresh second factor, and counts those left', async () => {
      const person = await createPerson(ctx.admin);
      const browser = await signIn(person);
      expect((await browser.get('/account/recovery-codes')).text).toContain('Add a <a');
      expect((await submit(browser, '/account/recovery-codes', '/account/recovery-codes')).status).toBe(409);
      const { secret } = await enrollTotp(person);

      const detour = await submit(browser, '/account/recovery-codes', '/account/recovery-codes');
      expect(detour.status).toBe(303);
      expect(detour.location).toMatch(/^\/login\/second-factor\?/);
      await stepUp(browser, detour, totpCode(secret));
      await ageSignIn(person, 6);
      const stale = await submit(browser, '/account/recovery-codes', '/account/recovery-codes');
      expect(stale.status).toBe(303);
      expect(stale.location).toMatch(/^\/login\?.*reauth=1/);

      await db().query(`UPDATE sso_sessions SET auth_time = now() WHERE user_id = $1`, [person.id]);
      const result = await submit(browser, '/account/recovery-codes', '/account/recovery-codes');
      expect(result.status).toBe(200);
      expect(result.headers.get('cache-control')).toBe('no-store');
      const codes = [...result.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((match) => match[1]);
      expect(codes).toHaveLength(10);
      expect(result.text).toContain('earlier codes no longer work');
      expect((await browser.get('/account/recovery-codes')).text).toContain('You have 10 unused recovery codes.');
      expect(await auditActions(person.id)).toContain('account.recovery_codes_regenerated');

      // A new code works where a second factor is asked for, once.
      const fresh = await signIn(person);
      await stepUp(fresh, await submit(fresh, '/account/recovery-codes', '/account/recovery-codes'), codes[0]);
      expect((await fresh.get('/account/recovery-codes')).text).toContain('You have 9 unused recovery codes.');
    });
  });
});
