import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { APP_LOGGER, AppConfig, AppLogger } from '@app/core';

/** Where the console lives under the issuer's path; its build is made for this base (vite `base`). */
const CONSOLE_PATH = '/console';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The console page may run only our own scripts and talk only to this origin (the admin API and the OAuth
 * endpoints); no framing, no inline script, no plugin content.
 */
export const CONSOLE_PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/**
 * Where the console build lives: `dist/admin-console` at the repository root, found from the compiled
 * server (`dist/apps/auth-server/src/console`) or from the sources (`apps/auth-server/src/console`).
 */
export function consoleBuildCandidates(from: string = __dirname): string[] {
  return [resolve(from, '../../../../admin-console'), resolve(from, '../../../../dist/admin-console'), resolve(process.cwd(), 'dist/admin-console')];
}

/**
 * Serves the admin console's static build under `{issuer path}/console`; any path that is not a file gets
 * index.html so the SPA's deep links work. A missing build answers 404 and the rest of the server runs as usual.
 * (Written against Fastify directly: @nestjs/serve-static needs @fastify/static, which we do not ship.)
 */
@Module({})
export class ConsoleStaticModule implements OnModuleInit {
  private root: string | undefined;
  private indexPage: string | undefined;
  private readonly prefix: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    private readonly config: AppConfig,
  ) {
    this.prefix = config.localPath(CONSOLE_PATH);
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get(this.prefix, async (_request, reply) => reply.redirect(`${this.prefix}/`, 301));
    fastify.get(`${this.prefix}/*`, (request, reply) => this.serve(request, reply));
    if (!this.buildRoot()) this.logger.warn({ looked: consoleBuildCandidates() }, `admin console build not found; ${this.prefix} answers 404`);
  }

  private buildRoot(): string | undefined {
    this.root ??= consoleBuildCandidates().find((candidate) => existsSync(resolve(candidate, 'index.html')));
    return this.root;
  }

  private async serve(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const root = this.buildRoot();
    if (!root) return reply.status(404).type('text/plain; charset=utf-8').send('The admin console is not built (npm run build:console).');
    const path = decodeSafely(new URL(request.url, 'http://console.invalid').pathname.slice(this.prefix.length + 1));
    const file = path === undefined ? undefined : resolve(root, path);
    if (file && (file === root || file.startsWith(root + sep)) && isFile(file)) {
      if (file === resolve(root, 'index.html')) return this.sendIndex(reply, root);
      const hashed = path!.startsWith('assets/');
      const headers = extname(file) === '.html' ? CONSOLE_PAGE_HEADERS : { 'X-Content-Type-Options': 'nosniff' };
      return reply
        .headers(headers)
        .header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
        .type(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
        .send(createReadStream(file));
    }
    // A missing asset is a real 404; every other path is a route of the SPA.
    if (path === undefined || path.startsWith('assets/')) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    return this.sendIndex(reply, root);
  }

  private sendIndex(reply: FastifyReply, root: string): FastifyReply {
    const index = resolve(root, 'index.html');
    const body = this.config.pathPrefix ? (this.indexPage ??= underIssuerPath(readFileSync(index, 'utf8'), this.prefix)) : createReadStream(index);
    return reply.headers(CONSOLE_PAGE_HEADERS).type(CONTENT_TYPES['.html']).send(body);
  }
}

/**
 * The build references its scripts and styles at `/console/...`; under an issuer path they are served at
 * `{issuer path}/console/...`, so the page's own references move there too.
 */
function underIssuerPath(indexHtml: string, consolePrefix: string): string {
  return indexHtml.replace(/(\s(?:src|href)=")\/console\//g, `$1${consolePrefix}/`);
}

function decodeSafely(value: string): string | undefined {
  try {
    const decoded = decodeURIComponent(value);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
