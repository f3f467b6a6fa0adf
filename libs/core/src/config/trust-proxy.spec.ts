import { AppConfig } from './app-config';
import { parseTrustProxy } from './trust-proxy';

describe(parseTrustProxy.name, () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['TRUE', true],
    ['2', { hops: 2 }],
    ['127.0.0.1', { addresses: ['127.0.0.1'] }],
    ['10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1', { addresses: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1'] }],
    ['loopback,uniquelocal', { addresses: ['loopback', 'uniquelocal'] }],
  ])('reads %p as %p', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it.each(['0', '33', 'yes', '10.0.0.0/33', '::1/129', '10.0.0.300', 'proxy.internal', '10.0.0.1,', '10.0.0.0/8/1', '10.0.0.0/-1'])(
    'stops the server on %p, naming TRUST_PROXY',
    (value) => {
      expect(() => parseTrustProxy(value)).toThrow(/^Invalid configuration: TRUST_PROXY /);
      expect(() => new AppConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );

  it('is off unless set', () => {
    expect(new AppConfig({}).trustProxy).toBe(false);
  });
});
