import { groupsClaim } from './groups-claim';

describe(groupsClaim.name, () => {
  const names = ['engineering', 'team.payments', 'team.search', 'finance'];

  it('keeps every group when the client set no filter', () => {
    expect(groupsClaim(names, [])).toEqual(names);
  });

  it('keeps only the groups starting with one of the prefixes', () => {
    expect(groupsClaim(names, ['team.'])).toEqual(['team.payments', 'team.search']);
    expect(groupsClaim(names, ['fin', 'team.s'])).toEqual(['team.search', 'finance']);
  });

  it('compares case-sensitively, as the claim is read', () => {
    expect(groupsClaim(names, ['Team.'])).toEqual([]);
  });
});
