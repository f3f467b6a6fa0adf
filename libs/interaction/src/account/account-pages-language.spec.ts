import type { FastifyRequest } from 'fastify';
import { renderVerificationResultPage } from '../email-verification/verification-pages';
import { PageContext, runInPageContext } from '../i18n/page-context';
import { renderForgotPage } from '../password-reset/password-reset-pages';
import { renderOverviewPage } from './overview-page';
import { renderRecoveryCodesPage } from './recovery-codes-page';
import { renderSessionsPage } from './sessions-page';

/** Renders inside the page context of a request with these headers, as every page request is. */
function renderFor(headers: Record<string, string>, render: () => string): string {
  const fake = { query: {}, headers } as unknown as FastifyRequest;
  let html = '';
  runInPageContext(fake, new PageContext(fake, 'locale'), () => {
    html = render();
  });
  return html;
}

const GERMAN = { 'accept-language': 'de' };
const at = new Date(Date.UTC(2026, 11, 3, 14, 5));
const overview = () =>
  renderOverviewPage({ pathPrefix: '/t', username: 'ada', name: null, email: '<ada>@example.com', emailVerified: false, verificationCsrfToken: 'c' });
const sessions = () =>
  renderSessionsPage({
    pathPrefix: '/t',
    csrfToken: 'c',
    sessions: [
      { id: 's1', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', ip: '10.0.0.1', createdAt: at, authTime: at, acr: 'mfa', amr: ['pwd', 'otp'], current: false },
    ],
  });
const recovery = (remaining: number) => () => renderRecoveryCodesPage({ pathPrefix: '/t', csrfToken: 'c', remaining, hasSecondFactor: true, fresh: true });

describe('the account pages in the page language', () => {
  it('keep their English wording by default', () => {
    const page = renderFor({}, overview);
    expect(page).toContain('<title>Your account</title>');
    expect(page).toContain('<td>&lt;ada&gt;@example.com (not verified)</td>');
    expect(page).toContain('<li><a href="/t/account/factors">Sign-in methods</a>: passkeys and authenticator apps</li>');
    expect(page).toContain('<li><a href="/t/account/apps">Apps</a> you allowed to use your account</li>');
    expect(renderFor({}, recovery(1))).toContain('You have 1 unused recovery code. Each code');
    expect(renderFor({}, recovery(7))).toContain('You have 7 unused recovery codes.');
    const list = renderFor({}, sessions);
    expect(list).toContain('<th scope="col">Browser</th><th scope="col">Started</th><th scope="col">Last sign-in</th><th scope="col">Signed in with</th><th scope="col">Actions</th>');
    expect(list).toContain('Firefox on Linux');
    expect(list).toContain('<small>password, one-time code</small>');
    expect(list).toMatch(/<time datetime="2026-12-03T14:05:00.000Z">Dec 3, 2026, 2:05\sPM UTC<\/time>/u);
  });

  it('are German for Accept-Language: de, with what they repeat still escaped', () => {
    const page = renderFor(GERMAN, overview);
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('<td>&lt;ada&gt;@example.com (nicht bestätigt)</td>');
    expect(page).toContain('<li><a href="/t/account/apps">Apps</a>, denen Sie die Nutzung Ihres Kontos erlaubt haben</li>');
    expect(page).toContain('<button type="submit">Bestätigungslink senden</button>');
    expect(renderFor(GERMAN, recovery(1))).toContain('Sie haben 1 unbenutzten Wiederherstellungscode.');
    expect(renderFor(GERMAN, recovery(2))).toContain('Sie haben 2 unbenutzte Wiederherstellungscodes.');
    const list = renderFor(GERMAN, sessions);
    expect(list).toContain('Firefox unter Linux');
    expect(list).toContain('<small>Passwort, Einmalcode</small>');
    expect(list).toContain('<time datetime="2026-12-03T14:05:00.000Z">3. Dez. 2026, 14:05 UTC</time>');
    expect(list).toContain('aria-label="Sitzung von Firefox unter Linux vom 3. Dez. 2026, 14:05 UTC beenden">Beenden</button>');
  });

  it('puts the password reset and verification pages in German too', () => {
    expect(renderFor(GERMAN, () => renderForgotPage({ pathPrefix: '/t', returnTo: '/t/x', csrfToken: 'c' }))).toContain('<title>Passwort zurücksetzen</title>');
    expect(renderFor(GERMAN, () => renderVerificationResultPage('/t', true))).toContain('<h1>Adresse bestätigt</h1>');
  });
});
