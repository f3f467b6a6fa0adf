import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { freePort } from './test-server';

/** Debian's OpenLDAP server; `.ci/run` installs it (`apt-get install -y slapd ldap-utils`) when it is missing. */
const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
const SLAPPASSWD = '/usr/sbin/slappasswd';
const SCHEMAS = ['core', 'cosine', 'inetorgperson', 'nis'];

export const BASE_DN = 'dc=example,dc=org';
export const PEOPLE_DN = `ou=people,${BASE_DN}`;
export const GROUPS_DN = `ou=groups,${BASE_DN}`;
export const personDn = (uid: string) => `uid=${uid},${PEOPLE_DN}`;
export const groupDn = (cn: string) => `cn=${cn},${GROUPS_DN}`;

/** Every directory person, with the password the directory keeps for them (as {SSHA}). */
export const LDAP_PEOPLE = {
  ada: { password: 'ada-ldap-password', cn: 'Ada Lovelace', givenName: 'Ada', sn: 'Lovelace', mail: 'ada@example.org' },
  grace: { password: 'grace-ldap-password', cn: 'Grace Hopper', givenName: 'Grace', sn: 'Hopper', mail: 'grace@example.org' },
  alan: { password: 'alan-ldap-password', cn: 'Alan Turing', givenName: 'Alan', sn: 'Turing', mail: 'alan@example.org' },
  'zoë': { password: 'zoe-ldap-password', cn: 'Zoë Ærsted', givenName: 'Zoë', sn: 'Ærsted', mail: 'zoe@example.org' },
  // In the directory with a good password, but outside the user filter the tests register (employeeType=disabled).
  mallory: { password: 'mallory-ldap-password', cn: 'Mallory Disabled', givenName: 'Mallory', sn: 'Disabled', mail: 'mallory@example.org', employeeType: 'disabled' },
} as const;

/** The filter the tests register: people of the directory, except those it marks disabled. */
export const USER_FILTER = '(&(objectClass=inetOrgPerson)(!(employeeType=disabled))(uid={username}))';

/**
 * Groups: engineers (ada, grace) is inside staff (alan), so ada and grace are in staff through nesting;
 * loop-a and loop-b contain each other (a cycle the walk must survive).
 */
const GROUPS: Record<string, string[]> = {
  engineers: [personDn('ada'), personDn('grace')],
  staff: [groupDn('engineers'), personDn('alan')],
  'loop-a': [groupDn('loop-b'), personDn('grace')],
  'loop-b': [groupDn('loop-a')],
};

export const READER = { dn: `cn=reader,${BASE_DN}`, password: 'reader-bind-password' };
const ROOT = { dn: `cn=admin,${BASE_DN}`, password: 'root-password-of-the-test-directory' };

/**
 * A real OpenLDAP server of the tests' own: generated slapd.conf and data folder in a temp dir, entries
 * loaded with slapadd, slapd on a free loopback port in its own process group. Never the system service.
 */
export class Slapd {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `ldap://127.0.0.1:${this.port}`;
  }

  static assertInstalled(): void {
    if (!existsSync(SLAPD) || !existsSync(SLAPADD)) {
      throw new Error(`${SLAPD} is missing: DEBIAN_FRONTEND=noninteractive apt-get install -y slapd ldap-utils (as .ci/run does)`);
    }
  }

  static async start(): Promise<Slapd> {
    Slapd.assertInstalled();
    const dir = mkdtempSync(join(tmpdir(), 'slapd-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'slapd.conf'), slapdConf(dir));
    writeFileSync(join(dir, 'entries.ldif'), entriesLdif());
    execFileSync(SLAPADD, ['-q', '-f', join(dir, 'slapd.conf'), '-l', join(dir, 'entries.ldif')], { stdio: 'pipe' });
    const slapd = new Slapd(dir, await freePort());
    await slapd.resume();
    return slapd;
  }

  /** Starts slapd (again) on the same port and data. */
  async resume(): Promise<void> {
    const child = spawn(SLAPD, ['-f', join(this.dir, 'slapd.conf'), '-h', `${this.url}/`, '-d', '0'], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.child = child;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}: ${stderr}`);
      if (await this.answers()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`slapd did not answer on ${this.url}: ${stderr}`);
  }

  /** Stops slapd, keeping its data (the directory is "down"). */
  async pause(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    this.child = undefined;
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Changes the directory as its administrator (a rename, a membership removed, an entry deleted). */
  async asAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ url: this.url, timeout: 5000 });
    try {
      await client.bind(ROOT.dn, ROOT.password);
      return await work(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  private async answers(): Promise<boolean> {
    return this.asAdmin(async () => true).catch(() => false);
  }
}

function ssha(password: string): string {
  return execFileSync(SLAPPASSWD, ['-h', '{SSHA}', '-s', password]).toString().trim();
}

function slapdConf(dir: string): string {
  return [
    ...SCHEMAS.map((schema) => `include /etc/ldap/schema/${schema}.schema`),
    `pidfile ${join(dir, 'slapd.pid')}`,
    `argsfile ${join(dir, 'slapd.args')}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    // Only the service account reads the directory; a person reads their own entry; passwords only bind.
    'access to attrs=userPassword by self write by anonymous auth by * none',
    `access to * by dn.exact="${READER.dn}" read by self read by * none`,
    'database mdb',
    'maxsize 16777216',
    `suffix "${BASE_DN}"`,
    `rootdn "${ROOT.dn}"`,
    `rootpw ${ssha(ROOT.password)}`,
    `directory ${join(dir, 'data')}`,
    'index objectClass eq',
    'index uid eq',
    'index member eq',
    '',
  ].join('\n');
}

function entriesLdif(): string {
  const entries: Array<Array<[string, string]>> = [
    [['dn', BASE_DN], ['objectClass', 'dcObject'], ['objectClass', 'organization'], ['dc', 'example'], ['o', 'Example']],
    [['dn', READER.dn], ['objectClass', 'organizationalRole'], ['objectClass', 'simpleSecurityObject'], ['cn', 'reader'], ['userPassword', ssha(READER.password)]],
    [['dn', PEOPLE_DN], ['objectClass', 'organizationalUnit'], ['ou', 'people']],
    [['dn', GROUPS_DN], ['objectClass', 'organizationalUnit'], ['ou', 'groups']],
  ];
  for (const [uid, person] of Object.entries(LDAP_PEOPLE)) {
    entries.push([
      ['dn', personDn(uid)], ['objectClass', 'inetOrgPerson'], ['uid', uid], ['cn', person.cn], ['givenName', person.givenName], ['sn', person.sn],
      ['mail', person.mail], ['userPassword', ssha(person.password)], ...('employeeType' in person ? [['employeeType', person.employeeType] as [string, string]] : []),
    ]);
  }
  for (const [cn, members] of Object.entries(GROUPS)) {
    entries.push([['dn', groupDn(cn)], ['objectClass', 'groupOfNames'], ['cn', cn], ...members.map((member) => ['member', member] as [string, string])]);
  }
  return entries.map((entry) => entry.map(([name, value]) => ldifLine(name, value)).join('\n')).join('\n\n') + '\n';
}

/** RFC 2849: values that are not plain ASCII are written base64 (`name:: ...`). */
function ldifLine(name: string, value: string): string {
  return /^[\x20-\x7e]*$/.test(value) && !value.startsWith(' ') && !value.startsWith(':') && !value.startsWith('<')
    ? `${name}: ${value}`
    : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}
