import { UserEntity } from '../users/user.entity';
import type { PasswordHasher } from '../passwords/password-hasher.service';
import type { UserRepository } from '../users/user.repository';
import type { LoginOutcome, LoginReservation, LoginThrottle } from './login-throttle.service';
import { LoginFailed, LoginService } from './login.service';
import { DirectoryUnavailable, PasswordDirectory } from './password-directory';

/** Passwords are kept in the clear here: the fake hasher compares them as they are. */
function person(username: string, password: string | undefined, extra: Partial<UserEntity> = {}): UserEntity {
  return Object.assign(new UserEntity(), { id: `id-${username}`, username, passwordHash: password, disabled: false, ...extra });
}

/** Counts failures per name and locks at five, as the real throttle does with LOGIN_MAX_FAILURES=5. */
class FakeThrottle {
  readonly counts = new Map<string, number>();
  readonly outcomes: string[] = [];
  async reserve(username: string, ip: string): Promise<LoginReservation> {
    const allowed = (this.counts.get(username) ?? 0) < 5;
    const reservation = { allowed, username, ip, hadFailures: this.counts.has(username) };
    return allowed ? reservation : { ...reservation, lock: { until: new Date(Date.now() + 60_000), secondsLeft: 60 } };
  }
  async settle(reservation: LoginReservation, outcome: LoginOutcome): Promise<void> {
    this.outcomes.push(`${reservation.username}:${outcome}`);
    if (outcome === 'failed') this.counts.set(reservation.username, (this.counts.get(reservation.username) ?? 0) + 1);
    if (outcome === 'succeeded') this.counts.delete(reservation.username);
  }
}

class FakeDirectory implements PasswordDirectory {
  readonly asked: string[] = [];
  down = false;
  constructor(
    private readonly people: Record<string, { password: string; user: UserEntity }>,
    private readonly managed: string[] = [],
  ) {}
  async manages(user: UserEntity): Promise<boolean> {
    return this.managed.includes(user.id);
  }
  async authenticate(username: string, password: string): Promise<UserEntity | undefined> {
    this.asked.push(username);
    if (this.down) throw new DirectoryUnavailable('corp', 'connect ECONNREFUSED');
    const entry = this.people[username];
    return entry && entry.password === password ? entry.user : undefined;
  }
}

describe(LoginService.name, () => {
  const local = person('local', 'local password');
  const linked = person('linked', 'random unknown password');
  const fromDirectory = person('ldap-person', undefined);
  let throttle: FakeThrottle;
  let directory: FakeDirectory;
  let sut: LoginService;

  beforeEach(() => {
    const users = { findForLogin: async (name: string) => [local, linked].find((user) => user.username === name) ?? null } as unknown as UserRepository;
    const hasher = { verify: async (password: string, hash: string | undefined) => hash !== undefined && hash === password } as unknown as PasswordHasher;
    throttle = new FakeThrottle();
    directory = new FakeDirectory({ 'ldap-person': { password: 'directory password', user: fromDirectory }, linked: { password: 'linked directory password', user: linked } }, [linked.id]);
    sut = new LoginService(users, hasher, throttle as unknown as LoginThrottle);
    sut.addDirectory(directory);
  });

  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => (error instanceof LoginFailed ? error.reason : error));

  it('a local person with a local password keeps the local check; the directory is not asked', async () => {
    await expect(sut.authenticate('local', 'local password', 'ip')).resolves.toMatchObject({ id: local.id });
    expect(await failure(sut.authenticate('local', 'directory password', 'ip'))).toBe('credentials');
    expect(directory.asked).toEqual([]);
  });

  it('an unknown username and a person the directory manages are checked by the directory', async () => {
    await expect(sut.authenticate('ldap-person', 'directory password', 'ip')).resolves.toBe(fromDirectory);
    await expect(sut.authenticate('linked', 'linked directory password', 'ip')).resolves.toBe(linked);
    // The password stored here for a linked person is not a way in.
    expect(await failure(sut.authenticate('linked', 'random unknown password', 'ip'))).toBe('credentials');
    expect(directory.asked).toEqual(['ldap-person', 'linked', 'linked']);
  });

  it('a wrong directory password and an unknown name fail alike and both count', async () => {
    expect(await failure(sut.authenticate('ldap-person', 'wrong', 'ip'))).toBe('credentials');
    expect(await failure(sut.authenticate('nobody', 'wrong', 'ip'))).toBe('credentials');
    expect(throttle.counts.get('ldap-person')).toBe(1);
    expect(throttle.counts.get('nobody')).toBe(1);
    for (let i = 0; i < 4; i++) await failure(sut.authenticate('ldap-person', 'wrong', 'ip'));
    expect(await failure(sut.authenticate('ldap-person', 'directory password', 'ip'))).toBe('locked');
  });

  it('a directory that is down fails closed, gives the slot back, and local sign-in still works', async () => {
    directory.down = true;
    expect(await failure(sut.authenticate('ldap-person', 'directory password', 'ip'))).toBe('directory-unavailable');
    expect(throttle.counts.get('ldap-person')).toBeUndefined();
    expect(throttle.outcomes).toEqual(['ldap-person:released']);
    await expect(sut.authenticate('local', 'local password', 'ip')).resolves.toMatchObject({ id: local.id });
  });

  it('an empty password is refused before any directory is asked (RFC 4513 §5.1.2)', async () => {
    expect(await failure(sut.authenticate('ldap-person', '', 'ip'))).toBe('malformed');
    expect(directory.asked).toEqual([]);
  });

  it('a person the directory returns disabled is refused', async () => {
    fromDirectory.disabled = true;
    try {
      expect(await failure(sut.authenticate('ldap-person', 'directory password', 'ip'))).toBe('disabled');
    } finally {
      fromDirectory.disabled = false;
    }
  });
});
