import { parseCommandLine, UsageError } from './command-line';

describe(parseCommandLine.name, () => {
  it('reads --name value, --name=value and bare flags', () => {
    const options = parseCommandLine(['--from', 'a.backup', '--force'], ['from'], ['force']);
    expect(options.values).toEqual({ from: 'a.backup' });
    expect([...options.flags]).toEqual(['force']);
    expect(parseCommandLine(['--out=/backups/auth=1.tgz'], ['out']).values).toEqual({ out: '/backups/auth=1.tgz' });
  });

  it.each([
    [['--frm', 'a.backup'], 'unknown argument --frm'],
    [['a.backup'], 'unknown argument a.backup'],
    [['--from'], '--from needs a value'],
    [['--from', '--force'], '--from needs a value'],
    [['--force=yes'], 'unknown argument --force=yes'],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseCommandLine(args, ['from'], ['force'])).toThrow(new UsageError(message));
  });
});
