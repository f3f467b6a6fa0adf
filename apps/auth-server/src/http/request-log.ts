import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withoutSecretParameters } from './secret-parameters';

/**
 * Fastify's per-request log lines (debug and trace levels only), with the URL's secret query parameters
 * (`id_token_hint` on logout, `code` on an upstream callback) replaced before a line is written. Each
 * method is Fastify's own but for the request it logs.
 */
export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ req: loggable(request) }, 'incoming request');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (reply.statusCode >= 500) reply.log.error({ req: loggable(request), res: reply, err: error }, error?.message);
    else reply.log.info({ res: reply, err: error }, error?.message);
  }

  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info(`Route ${request.raw.method}:${withoutSecretParameters(request.raw.url ?? '')} not found`);
  }

  override writeHeadError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    reply.log.warn({ req: loggable(request), res: reply, err: error }, error?.message);
  }
}

/** The fields Fastify's request serializer reads, with the URL cleaned. */
function loggable(request: FastifyRequest): object {
  return { method: request.method, url: withoutSecretParameters(request.url), headers: request.headers, host: request.host, ip: request.ip, socket: request.socket };
}
