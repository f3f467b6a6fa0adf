import type { SessionDetails } from '@app/users';
import type { PendingRequest } from './authorization-request.repository';
import { needsLogin } from './sign-in-rules';

const created = new Date('2026-01-01T10:00:00Z');
const request = (overrides: Partial<PendingRequest> = {}) => ({ createdAt: created, prompt: [], signInAfter: null, ...overrides }) as unknown as PendingRequest;
const session = (authTime: Date) => ({ authTimeMs: authTime.getTime() }) as SessionDetails;

describe(needsLogin.name, () => {
  const later = new Date(created.getTime() + 60_000);
  const switched = new Date(created.getTime() + 120_000);

  it('takes the session as it is without a reason to sign in again', () => {
    expect(needsLogin(request(), session(new Date(created.getTime() - 1000)), later)).toBe(false);
  });

  it('after "Not you?", refuses a sign-in made before it, even one made after the request started', () => {
    expect(needsLogin(request({ signInAfter: switched }), session(later), switched)).toBe(true);
  });

  it('after "Not you?", takes the sign-in that follows it', () => {
    expect(needsLogin(request({ signInAfter: switched }), session(new Date(switched.getTime() + 1)), switched)).toBe(false);
  });
});
