import { AppConfig } from './app-config';

const SECRET = 'w'.repeat(32);

describe('AppConfig audit export settings', () => {
  it('exports nowhere by default and keeps a year of events', () => {
    expect(new AppConfig({}).audit).toEqual({ webhookUrl: undefined, webhookSecret: undefined, webhookTimeoutMs: 10_000, stdout: false, retentionDays: 365 });
  });

  it('reads the webhook, stdout and retention variables', () => {
    const sut = new AppConfig({
      AUDIT_WEBHOOK_URL: 'https://siem.example.com/in', AUDIT_WEBHOOK_SECRET: SECRET, AUDIT_WEBHOOK_TIMEOUT_MS: '3000', AUDIT_STDOUT: 'true', AUDIT_RETENTION_DAYS: '90',
    });
    expect(sut.audit).toEqual({ webhookUrl: 'https://siem.example.com/in', webhookSecret: SECRET, webhookTimeoutMs: 3000, stdout: true, retentionDays: 90 });
  });

  it.each([
    ['AUDIT_WEBHOOK_SECRET', { AUDIT_WEBHOOK_URL: 'https://siem.example.com/in' }, /AUDIT_WEBHOOK_SECRET must be set with AUDIT_WEBHOOK_URL/],
    ['AUDIT_WEBHOOK_SECRET', { AUDIT_WEBHOOK_URL: 'https://siem.example.com/in', AUDIT_WEBHOOK_SECRET: 'short' }, /AUDIT_WEBHOOK_SECRET must be at least 32 characters/],
    ['AUDIT_WEBHOOK_URL', { AUDIT_WEBHOOK_URL: 'siem.example.com', AUDIT_WEBHOOK_SECRET: SECRET }, /AUDIT_WEBHOOK_URL must be an absolute http or https URL/],
    ['AUDIT_WEBHOOK_URL', { AUDIT_WEBHOOK_URL: 'ftp://siem.example.com/in', AUDIT_WEBHOOK_SECRET: SECRET }, /AUDIT_WEBHOOK_URL must use http or https/],
    ['AUDIT_STDOUT', { AUDIT_STDOUT: 'yes' }, /AUDIT_STDOUT must be one of true, false/],
    ['AUDIT_RETENTION_DAYS', { AUDIT_RETENTION_DAYS: '0' }, /AUDIT_RETENTION_DAYS must be between 1 and 36500/],
  ])('stops with a message naming %s', (_variable, env, message) => {
    expect(() => new AppConfig(env)).toThrow(message);
  });
});
