import { translatorFor } from '../i18n/translator';
import { renderLoginPage } from '../login/login-page';
import { renderForgotPage, renderInvalidLinkPage, renderResetPage, renderSentPage } from './password-reset-pages';
import { resetMail } from './reset-mail';

describe('password reset pages', () => {
  const frame = { pathPrefix: '/tenant-a', returnTo: '/tenant-a/oauth2/authorize?client_id=x&state="><script>' };

  it('links from the login page only when reset is on, carrying return_to', () => {
    const login = { pathPrefix: '/tenant-a', csrfToken: 'c', returnTo: '/tenant-a/oauth2/authorize?client_id=x' };
    expect(renderLoginPage(login)).not.toContain('Forgot your password?');
    expect(renderLoginPage({ ...login, passwordReset: true })).toContain('<a href="/tenant-a/login/forgot?return_to=%2Ftenant-a%2Foauth2%2Fauthorize%3Fclient_id%3Dx">Forgot your password?</a>');
  });

  it('escapes what it repeats and posts under the issuer path', () => {
    const forgot = renderForgotPage({ ...frame, csrfToken: 'c"t' });
    expect(forgot).toContain('action="/tenant-a/login/forgot"');
    expect(forgot).toContain('name="email"');
    expect(forgot).toContain('value="c&quot;t"');
    expect(forgot).not.toContain('"><script>');
    const reset = renderResetPage({ ...frame, csrfToken: 'c', token: 'tok<en>' });
    expect(reset).toContain('action="/tenant-a/login/reset"');
    expect(reset).toContain('<input type="hidden" name="token" value="tok&lt;en&gt;">');
    expect(reset).toMatch(/name="new_password".*\n.*\n.*name="new_password_confirmation"/);
  });

  it('answers every request with the same words, and an unusable link offers a new one', () => {
    expect(renderSentPage(frame)).toContain('If an account exists for that address, we sent a link');
    expect(renderInvalidLinkPage(frame)).toContain('href="/tenant-a/login/forgot?return_to=');
  });

  it('writes a plain-text mail with the link and its lifetime', () => {
    const mail = resetMail('ada@example.com', 'https://id.example.com/login/reset?token=abc', 1800, translatorFor('en'));
    expect(mail).toMatchObject({ to: 'ada@example.com', subject: 'Reset your password' });
    expect(mail.text).toContain('https://id.example.com/login/reset?token=abc');
    expect(mail.text).toContain('The link works once, for 30 minutes.');
    expect(resetMail('ada@example.com', 'https://x', 90, translatorFor('en')).text).toContain('The link works once, for 90 seconds.');
  });

  it('writes the mail in the language it is given', () => {
    const mail = resetMail('ada@example.com', 'https://id.example.com/login/reset?token=abc', 1800, translatorFor('de'));
    expect(mail).toMatchObject({ language: 'de', subject: 'Setzen Sie Ihr Passwort zurück' });
    expect(mail.text).toContain('Der Link funktioniert einmal, 30 Minuten lang.');
    expect(mail.text).toContain('https://id.example.com/login/reset?token=abc');
  });
});
