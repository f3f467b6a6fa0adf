import { ServiceUnavailable } from '@app/core';
import type { PreparedPassword, ResetTokenOwner } from '@app/users';
import { PasswordResetFlow, ResetLinkInvalid } from './password-reset-flow.service';

const TOKEN = 'a'.repeat(43);
const OWNER: ResetTokenOwner = { userId: 'u1', username: 'ada', returnTo: null };
const ORIGIN = { ip: '127.0.0.1' };

/** The flow over in-memory stand-ins that record what was done, in order. */
function flowWith(options: { hasherBusy?: boolean; linkUsable?: boolean } = {}) {
  const done: string[] = [];
  let usable = options.linkUsable ?? true;
  const tokens = {
    peek: async () => (usable ? OWNER : undefined),
    consume: async () => {
      done.push('consume');
      const owner = usable ? OWNER : undefined;
      usable = false;
      return owner;
    },
  };
  const users = {
    preparePassword: async (): Promise<PreparedPassword> => {
      if (options.hasherBusy) throw new ServiceUnavailable('password hashing at capacity');
      done.push('hash');
      return { hash: '$argon2id$stand-in' };
    },
  };
  const access = { setPassword: async (_id: string, password: PreparedPassword) => void done.push(`set ${password.hash}`) };
  const loginThrottle = { unlock: async () => void done.push('unlock') };
  const audit = { record: async () => undefined };
  const none = {};
  const flow = new PasswordResetFlow(
    none as never,
    none as never,
    tokens as never,
    none as never,
    loginThrottle as never,
    users as never,
    none as never,
    access as never,
    audit as never,
    none as never,
  );
  return { flow, done };
}

describe('PasswordResetFlow.complete', () => {
  it('hashes the new password before it uses the link, and stores that hash', async () => {
    const { flow, done } = flowWith();
    await expect(flow.complete(TOKEN, 'a new long password', ORIGIN)).resolves.toEqual(OWNER);
    expect(done).toEqual(['hash', 'consume', 'set $argon2id$stand-in', 'unlock']);
  });

  it('leaves the link usable when the hasher has no room (503)', async () => {
    const { flow, done } = flowWith({ hasherBusy: true });
    await expect(flow.complete(TOKEN, 'a new long password', ORIGIN)).rejects.toBeInstanceOf(ServiceUnavailable);
    expect(done).toEqual([]);
  });

  it('spends no hash on a dead link', async () => {
    const { flow, done } = flowWith({ linkUsable: false });
    await expect(flow.complete(TOKEN, 'a new long password', ORIGIN)).rejects.toBeInstanceOf(ResetLinkInvalid);
    await expect(flow.complete('not-a-token', 'a new long password', ORIGIN)).rejects.toBeInstanceOf(ResetLinkInvalid);
    expect(done).toEqual([]);
  });
});
