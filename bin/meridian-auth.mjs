#!/usr/bin/env node
// Command line for Meridian Auth's configuration as code: talks to a running server over its admin API.
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const USAGE = `Usage:
  meridian-auth config export [--file F]                 write the server's configuration as YAML (stdout without --file)
  meridian-auth config plan --file F [--prune]           show what apply would change
  meridian-auth config apply --file F [--prune] [--yes]  apply the file in one transaction

Options:
  --server URL   the server (default: $MERIDIAN_SERVER, else http://localhost:3000)
  --prune        delete what the file leaves out (otherwise it is kept)
  --yes          apply without asking
Credentials: $MERIDIAN_TOKEN (an admin access token), or $MERIDIAN_CLIENT_ID and $MERIDIAN_CLIENT_SECRET
(a client allowed client_credentials with scope admin).
Secrets in the file are references: \${env:NAME} (this shell's environment) or \${file:/path}.
Exit codes: 0 done (plan: nothing to change), 2 plan has changes, 1 error.`;

const REFERENCE = /^\$\{(env|file):([^}]+)\}$/;

class CliError extends Error {}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: 'string', short: 'f' },
      server: { type: 'string' },
      prune: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [group, verb] = positionals;
  if (values.help || group !== 'config' || !['export', 'plan', 'apply'].includes(verb)) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 1;
  }
  const server = (values.server ?? process.env.MERIDIAN_SERVER ?? 'http://localhost:3000').replace(/\/+$/, '');
  const token = await accessToken(server);
  if (verb === 'export') return exportConfiguration(server, token, values.file);
  if (!values.file) throw new CliError(`config ${verb} needs --file`);
  const document = resolveSecrets(readDocument(values.file), server);
  const query = values.prune ? '?prune=true' : '';
  const plan = await call(server, token, 'POST', `/admin/v1/config/plan${query}`, document);
  process.stdout.write(formatPlan(plan, values.prune));
  if (verb === 'plan') return plan.changes.length > 0 ? 2 : 0;
  if (plan.changes.length === 0) return 0;
  if (!values.yes && !(await confirmed())) throw new CliError('not applied');
  const applied = await call(server, token, 'POST', `/admin/v1/config/apply${query}`, document);
  process.stdout.write(`Applied: ${summary(applied)}\n`);
  return 0;
}

async function exportConfiguration(server, token, file) {
  const yaml = await call(server, token, 'GET', '/admin/v1/config', undefined, 'application/yaml');
  if (file) writeFileSync(file, yaml, { mode: 0o600 });
  else process.stdout.write(yaml);
  return 0;
}

/** MERIDIAN_TOKEN as it is, or a client_credentials token from the token endpoint discovery names. */
async function accessToken(server) {
  if (process.env.MERIDIAN_TOKEN) return process.env.MERIDIAN_TOKEN;
  const clientId = process.env.MERIDIAN_CLIENT_ID;
  const clientSecret = process.env.MERIDIAN_CLIENT_SECRET;
  if (!clientId || !clientSecret) throw new CliError('set MERIDIAN_TOKEN, or MERIDIAN_CLIENT_ID and MERIDIAN_CLIENT_SECRET');
  const discovery = await fetchJson(`${server}/.well-known/openid-configuration`, {});
  // RFC 6749 §2.3.1: the credentials are form-encoded before they go into Basic.
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  const answer = await fetchJson(discovery.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'admin' }).toString(),
  });
  return answer.access_token;
}

async function call(server, token, method, path, body, accept = 'application/json') {
  const response = await fetch(`${server}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new CliError(errorText(response.status, text));
  return accept === 'application/json' ? JSON.parse(text) : text;
}

async function fetchJson(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new CliError(`cannot reach ${url}: ${error.cause?.code ?? error.message}`);
  }
  const text = await response.text();
  if (!response.ok) throw new CliError(errorText(response.status, text));
  return JSON.parse(text);
}

function errorText(status, text) {
  try {
    const body = JSON.parse(text);
    return `${status} ${body.error}${body.error_description ? `: ${body.error_description}` : ''}`;
  } catch {
    return `${status} ${text.slice(0, 200)}`;
  }
}

function readDocument(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${error.code ?? error.message}`);
  }
  try {
    return parse(text, { maxAliasCount: 50, uniqueKeys: true });
  } catch (error) {
    throw new CliError(`${file} is not valid YAML: ${error.message.split('\n')[0]}`);
  }
}

/**
 * Replaces each secret reference whose value is here; one without a value is sent as it is, and the
 * server keeps the object's stored secret or refuses the field. Values go only over TLS or loopback.
 */
function resolveSecrets(document, server) {
  let resolved = 0;
  const walk = (value) => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
    const match = typeof value === 'string' ? REFERENCE.exec(value) : null;
    if (!match) return value;
    const secret = match[1] === 'env' ? process.env[match[2]] : readSecretFile(match[2]);
    if (secret === undefined || secret === '') return value;
    resolved++;
    return secret;
  };
  const result = walk(document);
  const url = new URL(server);
  if (resolved > 0 && url.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    throw new CliError(`refusing to send secrets to ${url.origin} without TLS: use https`);
  }
  return result;
}

function readSecretFile(path) {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch {
    return undefined;
  }
}

function formatPlan(plan, prune) {
  const lines = [];
  const sign = { create: '+', update: '~', delete: '-' };
  for (const change of plan.changes) {
    lines.push(`${sign[change.action]} ${change.kind} ${change.key}`);
    for (const [field, diff] of Object.entries(change.diff)) {
      if (change.action === 'create') lines.push(`    + ${field}: ${show(diff.after)}`);
      else if (change.action === 'delete') lines.push(`    - ${field}: ${show(diff.before)}`);
      else lines.push(`    ~ ${field}: ${show(diff.before)} -> ${show(diff.after)}`);
    }
  }
  for (const kept of plan.kept) lines.push(`= ${kept.kind} ${kept.key} (not in the file: kept${prune ? '' : '; --prune deletes it'})`);
  lines.push(plan.changes.length === 0 ? 'No changes.' : `Plan: ${summary(plan)}`);
  return `${lines.join('\n')}\n`;
}

function summary(plan) {
  const count = (action) => plan.changes.filter((change) => change.action === action).length;
  return `${count('create')} to create, ${count('update')} to change, ${count('delete')} to delete, ${plan.kept.length} kept.`;
}

function show(value) {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

async function confirmed() {
  if (!process.stdin.isTTY) throw new CliError('not applied: pass --yes to apply without a terminal to confirm on');
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question('Apply these changes? Type yes: ');
  prompt.close();
  return answer.trim() === 'yes';
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`meridian-auth: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
