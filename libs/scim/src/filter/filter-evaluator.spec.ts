import { resourceScope } from '../schema/attribute-path';
import { ENTERPRISE_USER_SCHEMA, USER_RESOURCE } from '../schema/scim-schemas';
import { matchesFilter } from './filter-evaluator';
import { parseScimFilter } from './scim-filter';

const scope = resourceScope(USER_RESOURCE);
const grace = {
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'Ext-Grace',
  userName: 'Grace@Example.com',
  active: true,
  title: 'Admiral',
  emails: [{ value: 'grace@work.example', type: 'work', primary: true }, { value: 'grace@home.example', type: 'home' }],
  [ENTERPRISE_USER_SCHEMA]: { department: 'Navy' },
  meta: { created: '2020-05-01T10:00:00.000Z' },
};

const matches = (filter: string) => matchesFilter(parseScimFilter(filter), grace, scope);

describe(matchesFilter.name, () => {
  it('compares caseExact=false attributes without case, caseExact ones exactly', () => {
    expect(matches('username eq "grace@example.com"')).toBe(true);
    expect(matches('externalId eq "ext-grace"')).toBe(false);
    expect(matches('externalId eq "Ext-Grace"')).toBe(true);
  });

  it('reads a value path as one value meeting every condition', () => {
    expect(matches('emails[type eq "work" and primary eq true]')).toBe(true);
    expect(matches('emails[type eq "work"].value eq "grace@work.example"')).toBe(true);
    // The home address is not the work one, though both conditions hold on some value.
    expect(matches('emails[type eq "work"].value eq "grace@home.example"')).toBe(false);
    expect(matches('emails.value ew "@home.example"')).toBe(true);
  });

  it('evaluates not, or, parentheses, ne, pr and extension attributes', () => {
    expect(matches('not (title eq "admiral")')).toBe(false);
    expect(matches('title eq "captain" or (active eq true and title sw "adm")')).toBe(true);
    expect(matches('title ne "Captain"')).toBe(true);
    expect(matches('nickName pr')).toBe(false);
    expect(matches('nickName ne "x"')).toBe(true);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:department eq "navy"`)).toBe(true);
  });

  it('orders dates as instants and matches nothing on attributes the schema lacks', () => {
    expect(matches('meta.created gt "2020-05-01T09:00:00Z"')).toBe(true);
    expect(matches('meta.created lt "2020-05-01T09:00:00+00:00"')).toBe(false);
    expect(matches('favouriteColour eq "blue"')).toBe(false);
  });
});
