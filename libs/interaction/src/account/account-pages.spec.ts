import { noticeFor } from './account-notices';
import { labelProblem } from './account-factors.service';
import { renderSessionsPage } from './sessions-page';
import { renderAppsPage } from './apps-page';

const frame = { pathPrefix: '/t', csrfToken: 'tok' };

describe('account pages', () => {
  it('escapes what browsers and clients send: a user agent and a client name are text, never markup', () => {
    const sessions = renderSessionsPage({
      ...frame,
      sessions: [
        { id: 's1', userAgent: '<script>alert(1)</script>', ip: '10.0.0.1', createdAt: new Date(0), authTime: new Date(0), acr: 'pwd', amr: ['pwd'], current: false },
      ],
    });
    const apps = renderAppsPage({ ...frame, apps: [{ clientId: 'c"1', clientName: '<img src=x>', scopes: ['openid'], createdAt: new Date(0), updatedAt: new Date(0) }] });
    for (const html of [sessions, apps]) {
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x>');
    }
    expect(apps).toContain('value="c&quot;1"');
  });

  it('marks this browser instead of offering to end it', () => {
    const html = renderSessionsPage({
      ...frame,
      sessions: [{ id: 's1', userAgent: null, ip: null, createdAt: new Date(0), authTime: new Date(0), acr: 'mfa', amr: ['pwd', 'otp'], current: true }],
    });
    expect(html).toContain('This browser');
    expect(html).not.toContain('name="session_id"');
    expect(html).toContain('Two factors');
    expect(html).toContain('password, one-time code');
  });
});

describe(noticeFor.name, () => {
  it('knows only its fixed notices', () => {
    expect(noticeFor('session-ended')).toBe('The session was ended.');
    expect(noticeFor('toString')).toBeUndefined();
    expect(noticeFor('<b>hi</b>')).toBeUndefined();
    expect(noticeFor(undefined)).toBeUndefined();
  });
});

describe(labelProblem.name, () => {
  it.each([
    [undefined, 'Give the sign-in method a name.'],
    ['   ', 'Give the sign-in method a name.'],
    ['x'.repeat(101), 'Names are at most 100 characters.'],
    ['bad\u0007name', 'Names cannot contain control characters.'],
  ])('refuses %p', (label, problem) => {
    expect(labelProblem(label)).toBe(problem);
  });

  it('accepts a name with spaces around it', () => {
    expect(labelProblem('  Work phone ')).toBeUndefined();
  });
});
