import { isUuid } from './uuid';

describe(isUuid.name, () => {
  it('accepts a uuid in either case', () => {
    expect(isUuid('0b6f1c3e-5d4a-4f8e-9b2c-7a1d3e5f6a7b')).toBe(true);
    expect(isUuid('0B6F1C3E-5D4A-4F8E-9B2C-7A1D3E5F6A7B')).toBe(true);
  });

  it.each([[''], ['not-a-uuid'], ['0b6f1c3e5d4a4f8e9b2c7a1d3e5f6a7b'], ['0b6f1c3e-5d4a-4f8e-9b2c-7a1d3e5f6a7b '], ["' OR 1=1 --"]])(
    'refuses %p',
    (value) => expect(isUuid(value)).toBe(false),
  );
});
