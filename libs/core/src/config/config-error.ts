/** A configuration value that stops the server at boot; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Several configuration problems found at once, reported together. */
export class ConfigErrors extends Error {
  constructor(readonly problems: ConfigError[]) {
    super(problems.map((problem) => problem.message).join('\n'));
    this.name = 'ConfigError';
  }
}
