import { AppConfig } from './app-config';

describe('AppConfig metrics settings', () => {
  it('serves no metrics by default, and the separate listener binds loopback unless told otherwise', () => {
    const sut = new AppConfig({});
    expect(sut.metrics).toEqual({ port: undefined, host: '127.0.0.1', token: undefined });
  });

  it('reads METRICS_PORT, METRICS_HOST and METRICS_TOKEN', () => {
    const sut = new AppConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'a-scrape-token-of-length' });
    expect(sut.metrics).toEqual({ port: 9464, host: '0.0.0.0', token: 'a-scrape-token-of-length' });
  });

  it.each([
    ['METRICS_PORT', { METRICS_PORT: 'nine' }, /METRICS_PORT must be a whole number/],
    ['METRICS_PORT', { METRICS_PORT: '70000' }, /METRICS_PORT must be between 1 and 65535/],
    ['METRICS_PORT', { PORT: '8080', METRICS_PORT: '8080' }, /METRICS_PORT must differ from PORT/],
    ['METRICS_TOKEN', { METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 16 characters/],
  ])('stops with a message naming %s', (_variable, env, message) => {
    expect(() => new AppConfig(env)).toThrow(message);
  });
});
