import { SupportedGrantTypes } from './supported-grant-types';

describe(SupportedGrantTypes.name, () => {
  it('lists the grant types announced', () => {
    const sut = new SupportedGrantTypes();
    sut.announce(['client_credentials', 'urn:ietf:params:oauth:grant-type:device_code']);
    expect(sut.list()).toEqual(['client_credentials', 'urn:ietf:params:oauth:grant-type:device_code']);
  });

  it('keeps its own copy, so the announcer cannot change it afterwards', () => {
    const sut = new SupportedGrantTypes();
    const announced = ['client_credentials'];
    sut.announce(announced);
    announced.push('password');
    expect(sut.list()).toEqual(['client_credentials']);
  });

  it('fails loudly before any announcement instead of refusing every grant type', () => {
    expect(() => new SupportedGrantTypes().list()).toThrow(/not announced/);
  });
});
