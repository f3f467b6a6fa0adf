/** A command line this program does not understand; exits with sysexits.h EX_USAGE (64). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CommandOptions {
  values: Record<string, string>;
  flags: Set<string>;
}

/**
 * `--name value` / `--name=value` for the names in `valued`, bare `--name` for those in `flags`; any
 * other argument is refused, so a typo never runs a restore with a default.
 */
export function parseCommandLine(args: readonly string[], valued: readonly string[], flags: readonly string[] = []): CommandOptions {
  const options: CommandOptions = { values: {}, flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].startsWith('--') ? splitOnce(args[i].slice(2)) : [undefined, undefined];
    if (name !== undefined && flags.includes(name) && inline === undefined) {
      options.flags.add(name);
    } else if (name !== undefined && valued.includes(name)) {
      const value = inline ?? args[++i];
      if (!value || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      options.values[name] = value;
    } else {
      throw new UsageError(`unknown argument ${args[i]}`);
    }
  }
  return options;
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
