import { ScimError } from '../http/scim-error';
import { parseScimFilter } from './scim-filter';

describe(parseScimFilter.name, () => {
  it('joins a value path and its sub-attribute comparison into one value filter', () => {
    expect(parseScimFilter('emails[type eq "work"].value eq "a@b"')).toEqual({
      op: '[]',
      attrPath: 'emails',
      valFilter: { op: 'and', filters: [{ op: 'eq', attrPath: 'type', compValue: 'work' }, { op: 'eq', attrPath: 'value', compValue: 'a@b' }] },
    });
  });

  it('reads not, parentheses and and-before-or precedence', () => {
    expect(parseScimFilter('not (a eq 1) or b eq 2 and c eq 3')).toEqual({
      op: 'or',
      filters: [
        { op: 'not', filter: { op: 'eq', attrPath: 'a', compValue: 1 } },
        { op: 'and', filters: [{ op: 'eq', attrPath: 'b', compValue: 2 }, { op: 'eq', attrPath: 'c', compValue: 3 }] },
      ],
    });
  });

  it('refuses what is no filter with invalidFilter', () => {
    for (const text of ['userName eq', 'userName', '(userName eq "a"', 'userName eq "a" )', 'x'.repeat(2001)]) {
      expect(() => parseScimFilter(text)).toThrow(ScimError);
    }
  });
});
