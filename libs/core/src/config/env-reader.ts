import { ConfigError, ConfigErrors } from './config-error';

export interface EnvReader {
  string(name: string, fallback: string): string;
  optionalString(name: string): string | undefined;
  integer(name: string, fallback: number, range: { min: number; max: number }): number;
  url(name: string, fallback: string): string;
  optionalPostgresUrl(name: string): string | undefined;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  assertNoErrors(): void;
}

/** Typed, validating accessors over an environment; problems are collected and thrown together. */
export function readEnv(env: Record<string, string | undefined>): EnvReader {
  const problems: ConfigError[] = [];
  const raw = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const fail = <T>(name: string, problem: string, fallback: T): T => {
    problems.push(new ConfigError(name, problem));
    return fallback;
  };
  return {
    string: (name, fallback) => raw(name) ?? fallback,
    optionalString: (name) => raw(name),
    integer(name, fallback, { min, max }) {
      const value = raw(name);
      if (value === undefined) return fallback;
      if (!/^\d+$/.test(value)) return fail(name, `must be a whole number, got "${value}"`, fallback);
      const parsed = Number(value);
      if (parsed < min || parsed > max) return fail(name, `must be between ${min} and ${max}, got ${parsed}`, fallback);
      return parsed;
    },
    url(name, fallback) {
      const value = raw(name) ?? fallback;
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        return fail(name, `must be an absolute URL, got "${value}"`, fallback);
      }
      // RFC 8414 §2: the issuer is an https URL with no query or fragment (http allowed for local use).
      // The raw text is checked: URL drops an empty `?` or `#`, which would still end up in every endpoint.
      if (!['http:', 'https:'].includes(parsed.protocol)) return fail(name, 'must use http or https', fallback);
      if (/[?#]/.test(value)) return fail(name, 'must not contain a query or fragment', fallback);
      return value;
    },
    optionalPostgresUrl(name) {
      const value = raw(name);
      if (value === undefined) return undefined;
      try {
        const parsed = new URL(value);
        if (!['postgres:', 'postgresql:'].includes(parsed.protocol)) throw new Error('protocol');
      } catch {
        return fail(name, 'must be a postgres:// or postgresql:// URL', undefined);
      }
      return value;
    },
    oneOf(name, allowed, fallback) {
      const value = raw(name);
      if (value === undefined) return fallback;
      const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
      return match ?? fail(name, `must be one of ${allowed.join(', ')}, got "${value}"`, fallback);
    },
    assertNoErrors() {
      if (problems.length > 0) throw new ConfigErrors(problems);
    },
  };
}
