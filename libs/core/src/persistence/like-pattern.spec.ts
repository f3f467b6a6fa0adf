import { escapeLike } from './like-pattern';

describe(escapeLike.name, () => {
  it('escapes the wildcards and the escape character', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });

  it('leaves other text as it is', () => {
    expect(escapeLike('Orders dashboard (v2)')).toBe('Orders dashboard (v2)');
  });
});
