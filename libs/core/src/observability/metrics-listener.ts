import { createServer, Server, ServerResponse } from 'node:http';
import { bearerMatches } from './metrics-access';

/** What a scrape answers: the exposition text and its content type. */
export interface MetricsSource {
  exposition(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsListenerOptions {
  host: string;
  port: number;
  /** When set, scrapes must send `Authorization: Bearer <token>` here too. */
  token: string | undefined;
}

/**
 * A plain node:http listener apart from the application: it serves GET /metrics and nothing else, so the
 * port can be opened to the scraper without opening any OAuth endpoint, and a busy main port does not
 * delay the scrape's view of it.
 */
export async function startMetricsListener(source: MetricsSource, options: MetricsListenerOptions, onError: (error: unknown) => void): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') return answer(response, 404, 'not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    if (options.token && !bearerMatches(request.headers.authorization, options.token)) {
      return answer(response, 401, 'unauthorized\n', { 'WWW-Authenticate': 'Bearer realm="metrics"' });
    }
    source.exposition().then(
      (text) => answer(response, 200, request.method === 'HEAD' ? '' : text, { 'Content-Type': source.contentType }),
      (error: unknown) => {
        onError(error);
        answer(response, 500, 'metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}


function answer(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(body);
}
