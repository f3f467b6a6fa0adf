import { AppConfig } from './app-config';

describe('AppConfig mail settings', () => {
  it('sends no mail by default, and reset links last 30 minutes', () => {
    const sut = new AppConfig({});
    expect(sut.mail).toEqual({ smtp: undefined, from: undefined, passwordResetTtl: 1800 });
  });

  it('reads host, port, credentials and the sender from SMTP_URL and MAIL_FROM', () => {
    const sut = new AppConfig({ SMTP_URL: 'smtp://mailer%40example.com:p%3Ass@mail.example.com:2525', MAIL_FROM: 'Example <noreply@example.com>', PASSWORD_RESET_TTL: '600' });
    expect(sut.mail).toEqual({
      smtp: { host: 'mail.example.com', port: 2525, implicitTls: false, requireTls: false, user: 'mailer@example.com', password: 'p:ss' },
      from: 'Example <noreply@example.com>',
      passwordResetTtl: 600,
    });
  });

  it('uses the submission port with smtp and the implicit TLS port with smtps', () => {
    expect(new AppConfig({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'a@example.com' }).mail.smtp).toMatchObject({ port: 587, implicitTls: false, user: undefined, password: undefined });
    expect(new AppConfig({ SMTP_URL: 'smtps://mail.example.com', MAIL_FROM: 'a@example.com' }).mail.smtp).toMatchObject({ port: 465, implicitTls: true });
  });

  it('requires STARTTLS with SMTP_REQUIRE_TLS=true (smtps is TLS already)', () => {
    expect(new AppConfig({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'a@example.com', SMTP_REQUIRE_TLS: 'true' }).mail.smtp?.requireTls).toBe(true);
    expect(new AppConfig({ SMTP_URL: 'smtps://mail.example.com', MAIL_FROM: 'a@example.com', SMTP_REQUIRE_TLS: 'true' }).mail.smtp?.requireTls).toBe(false);
  });

  it('takes an IPv6 literal without its brackets', () => {
    expect(new AppConfig({ SMTP_URL: 'smtp://[::1]:25', MAIL_FROM: 'a@example.com' }).mail.smtp).toMatchObject({ host: '::1', port: 25 });
  });

  it.each([
    ['MAIL_FROM', { SMTP_URL: 'smtp://mail.example.com' }, /MAIL_FROM must be set with SMTP_URL/],
    ['MAIL_FROM', { SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'not an address' }, /MAIL_FROM must be an address/],
    ['MAIL_FROM', { SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'a@example.com\r\nBcc: x@example.com' }, /MAIL_FROM must be an address/],
    ['SMTP_URL', { SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'a@example.com' }, /SMTP_URL must use smtp or smtps/],
    ['SMTP_URL', { SMTP_URL: 'mail.example.com', MAIL_FROM: 'a@example.com' }, /SMTP_URL must (be a URL|use smtp)/],
    ['SMTP_URL', { SMTP_URL: 'smtp://mail.example.com/x?requireTLS=true', MAIL_FROM: 'a@example.com' }, /SMTP_URL must be scheme, credentials, host and port only/],
    ['SMTP_REQUIRE_TLS', { SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'a@example.com', SMTP_REQUIRE_TLS: 'yes' }, /SMTP_REQUIRE_TLS must be one of true, false/],
    ['PASSWORD_RESET_TTL', { PASSWORD_RESET_TTL: '0' }, /PASSWORD_RESET_TTL must be between 1 and 86400/],
  ])('stops with a message naming %s', (_variable, env, message) => {
    expect(() => new AppConfig(env)).toThrow(message);
  });

  it('never repeats the SMTP password in its messages', () => {
    expect(() => new AppConfig({ SMTP_URL: 'smtp://u:hunter2-secret@mail.example.com/path', MAIL_FROM: 'a@example.com' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2-secret') }));
  });
});
