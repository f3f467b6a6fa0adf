import { createHmac } from 'node:crypto';
import { signatureHeader } from './webhook-signature';

describe(signatureHeader.name, () => {
  const secret = 'k'.repeat(32);

  it('signs the timestamp and the body together', () => {
    const body = '{"events":[]}';
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signatureHeader(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('changes with the body, the time and the secret', () => {
    const base = signatureHeader(secret, 'a', 1);
    expect(signatureHeader(secret, 'b', 1)).not.toBe(base);
    expect(signatureHeader(secret, 'a', 2).split(',v1=')[1]).not.toBe(base.split(',v1=')[1]);
    expect(signatureHeader('j'.repeat(32), 'a', 1)).not.toBe(base);
  });
});
