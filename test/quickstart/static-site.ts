import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BUILD_SCRIPT = join(__dirname, 'build-example.mjs');

/** Builds an example with Vite into `outDir`, configured by the `VITE_*` values in `env`. */
export async function buildExample(exampleRoot: string, outDir: string, env: Record<string, string>): Promise<void> {
  await run(process.execPath, [BUILD_SCRIPT, exampleRoot, outDir], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 });
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export interface StaticSite {
  /** http://localhost:<port>: a host name, as a person opens the app in the README. */
  origin: string;
  close(): Promise<void>;
}

/** Serves a built single-page app from `dir` on a loopback port; any unknown path gets index.html. */
export async function serveStatic(dir: string): Promise<StaticSite> {
  const root = resolve(dir);
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://site').pathname));
    const file = join(root, path);
    // A path without an extension is one of the app's routes (the callback among them): the app answers it.
    const served = file.startsWith(root + '/') && extname(file) !== '' ? file : join(root, 'index.html');
    readFile(served)
      .then((content) => response.writeHead(200, { 'content-type': TYPES[extname(served)] ?? 'application/octet-stream' }).end(content))
      .catch(() => response.writeHead(404).end());
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
