import type { FastifyRequest } from 'fastify';
import { renderChooseFactorPage } from '../enrollment/enrollment-pages';
import { PageContext, runInPageContext } from '../i18n/page-context';
import { renderLoginPage } from './login-page';
import { renderSecondFactorPage } from './second-factor/second-factor-page';

/** Renders inside the page context of a request with these headers and query, as every page request is. */
function renderFor(request: { query?: Record<string, string>; headers?: Record<string, string> }, render: () => string): string {
  const fake = { query: request.query ?? {}, headers: request.headers ?? {} } as unknown as FastifyRequest;
  let html = '';
  runInPageContext(fake, new PageContext(fake, 'locale'), () => {
    html = render();
  });
  return html;
}

const login = () =>
  renderLoginPage({ pathPrefix: '', csrfToken: 'token', returnTo: '/authorize/resume?request=1', providers: [{ name: 'contoso', displayName: 'Contoso <AD>' }], passwordReset: true });

describe('the sign-in pages in the page language', () => {
  it('are English by default, with the wording the tests and people know', () => {
    const html = renderFor({}, login);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Sign in</h1>');
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('data-failed-message="The passkey was not used. Try again, or use another way to sign in."');
  });

  it('are German for ui_locales=de, with values still escaped', () => {
    const html = renderFor({ query: { ui_locales: 'de' } }, login);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1>Anmelden</h1>');
    expect(html).toContain('<label for="password">Passwort</label>');
    expect(html).toContain('Passwort vergessen?');
    expect(html).toContain('Mit Contoso &lt;AD&gt; anmelden');
    expect(html).toContain('data-unsupported-message="Dieser Browser kann keine Passkeys verwenden."');
    expect(html).not.toMatch(/>Sign in</);
  });

  it('show the second-factor and enrollment pages in German for Accept-Language: de', () => {
    const headers = { 'accept-language': 'de-DE,de;q=0.9' };
    const secondFactor = renderFor({ headers }, () =>
      renderSecondFactorPage({ pathPrefix: '', csrfToken: 't', returnTo: '/', level: 'mfa', hasTotp: true, hasPasskey: true, hasRecoveryCodes: true, cancelHref: '/x' }),
    );
    expect(secondFactor).toContain('<h1>Bestätigen Sie, dass Sie es sind</h1>');
    expect(secondFactor).toContain('Code aus Ihrer Authenticator-App');
    expect(secondFactor).toContain('Anmeldung abbrechen');
    const choose = renderFor({ headers }, () => renderChooseFactorPage({ pathPrefix: '', returnTo: '/', level: 'phr', required: true }));
    expect(choose).toContain('<h1>Anmeldemethode hinzufügen</h1>');
    expect(choose).toContain('Passkey oder Sicherheitsschlüssel hinzufügen');
    expect(choose).not.toContain('Authenticator-App einrichten');
  });
});
