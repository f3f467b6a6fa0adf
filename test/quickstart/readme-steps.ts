import { readFileSync } from 'node:fs';

/** One `curl … "$ISSUER/admin/v1/<path>" … --data @- <<EOF` of a README, its body with the variables filled in. */
export interface AdminRequest {
  path: string;
  body: Record<string, unknown>;
}

/**
 * The shell steps of an example's README, read so a test does exactly what a reader pastes: the variables it
 * assigns (`NAME=value` lines), the admin API requests (JSON here-documents) and the files it writes
 * (`cat > file <<EOF`). The test overrides the variables that name its own ports.
 */
export class ReadmeSteps {
  private readonly shell: string;
  readonly variables: Record<string, string>;

  constructor(readmePath: string, overrides: Record<string, string>) {
    this.shell = [...readFileSync(readmePath, 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1]!).join('\n');
    const assigned = Object.fromEntries([...this.shell.matchAll(/^([A-Z_]+)=([^\s$'"`(]+)$/gm)].map((line) => [line[1]!, line[2]!]));
    this.variables = { ...assigned, ...overrides };
  }

  /** Sets a variable the README assigns from an answer (CLIENT_ID=$(curl …)). */
  set(name: string, value: string): void {
    this.variables[name] = value;
  }

  /** The admin API requests, in README order. */
  adminRequests(): AdminRequest[] {
    const requests = [...this.shell.matchAll(/curl [^\n]*"\$ISSUER(\/admin\/v1\/[a-z-]+)"[^\n]*--data @- <<EOF[^\n]*\n([\s\S]*?)\nEOF/g)];
    if (requests.length === 0) throw new Error('the README has no admin API requests');
    return requests.map((request) => ({ path: request[1]!, body: JSON.parse(this.fill(request[2]!)) as Record<string, unknown> }));
  }

  /** The `NAME=value` lines of the file the README writes with `cat > <file> <<EOF`. */
  envFile(file: string): Record<string, string> {
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`cat > ${escaped} <<EOF\\n([\\s\\S]*?)\\nEOF`).exec(this.shell);
    if (!match) throw new Error(`the README does not write ${file}`);
    return Object.fromEntries(
      this.fill(match[1]!)
        .split('\n')
        .map((line) => {
          const equals = line.indexOf('=');
          return [line.slice(0, equals), line.slice(equals + 1)];
        }),
    );
  }

  /** The environment of the README's `NAME=value … node <script>` command line. */
  commandEnv(script: string): Record<string, string> {
    const line = this.shell.split('\n').find((candidate) => candidate.includes(` node ${script}`));
    if (!line) throw new Error(`the README never runs ${script}`);
    const prefix = line.slice(0, line.indexOf(` node ${script}`)).trim();
    const assignments = [...prefix.matchAll(/([A-Z_]+)=("[^"]*"|'[^']*'|\S+)/g)];
    if (assignments.map((assignment) => assignment[0]).join(' ') !== prefix) throw new Error(`not only assignments before node ${script}: ${prefix}`);
    return Object.fromEntries(
      assignments.map(([, name, value]) => {
        // Single quotes keep $ as written; double quotes and bare words expand it.
        if (value!.startsWith("'")) return [name!, value!.slice(1, -1)];
        return [name!, this.fill(value!.startsWith('"') ? value!.slice(1, -1) : value!)];
      }),
    );
  }

  /** Replaces $NAME as the shell does in an unquoted here-document; a variable the README never set fails. */
  private fill(text: string): string {
    return text.replace(/\$([A-Z_]+)/g, (_whole, name: string) => {
      const value = this.variables[name];
      if (value === undefined) throw new Error(`the README uses $${name} before assigning it`);
      return value;
    });
  }
}
