import { isDatabaseUnavailable } from './database-unavailable';
import { isDiskFull } from './disk-full';

describe(isDiskFull.name, () => {
  it.each([
    ['SQLSTATE 53100 from pg', { code: '53100', message: 'could not extend file "base/5/16385": No space left on device' }],
    ['SQLSTATE 53100 inside a TypeORM QueryFailedError', { message: 'query failed', driverError: { code: '53100' } }],
    ['ENOSPC from the file system', Object.assign(new Error('write failed'), { code: 'ENOSPC' })],
    ["ENOSPC from PGlite's WebAssembly file system", { name: 'ErrnoError', errno: 51 }],
    ['the message alone, as a cause', new Error('start failed', { cause: new Error('No space left on device') })],
  ])('recognises %s, and it answers 503', (_name, error) => {
    expect(isDiskFull(error)).toBe(true);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505' }],
    ['out of memory (53200)', { code: '53200' }],
    ['another WebAssembly errno', { name: 'ErrnoError', errno: 44 }],
  ])('leaves %s alone', (_name, error) => {
    expect(isDiskFull(error)).toBe(false);
  });
});
