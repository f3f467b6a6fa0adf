import { ConfigError, SchemaTooNewError } from '@app/core';
import { describeStartupFailure, EXIT_CONFIG } from './startup-failure';

describe(describeStartupFailure.name, () => {
  it('stops with the configuration exit code and the message alone for a schema a newer release migrated', () => {
    const error = new SchemaTooNewError(['AddTenants1799999999999'], '0.1.0');
    expect(describeStartupFailure(error)).toEqual({ exitCode: EXIT_CONFIG, message: error.message });
    expect(error.message).toContain('(version 0.1.0)');
    expect(error.message).toContain('does not know: AddTenants1799999999999');
  });

  it('stops with the configuration exit code for a bad setting', () => {
    expect(describeStartupFailure(new ConfigError('PORT', 'must be a number'))).toEqual({ exitCode: EXIT_CONFIG, message: 'Invalid configuration: PORT must be a number' });
  });

  it('keeps the stack of an unexpected failure, with exit code 1', () => {
    const error = new Error('socket hang up');
    expect(describeStartupFailure(error)).toEqual({ exitCode: 1, message: error.stack });
  });
});
