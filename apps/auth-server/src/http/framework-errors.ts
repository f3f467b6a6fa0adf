import type { Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import { AppConfig, clientErrorResponse, ErrorLogger, renderError } from '@app/core';

type FrameworkErrorOptions = Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>;

/**
 * Errors raised before any route or hook runs, which would otherwise be answered in Fastify's or Node's
 * own shape (`{"statusCode":...}`): the router's malformed URL (400) and over-long path segment (414), and
 * the HTTP parser's oversized headers (431) and malformed request line or header (400).
 */
export function frameworkErrorOptions(config: AppConfig, logger: ErrorLogger): FrameworkErrorOptions {
  return {
    frameworkErrors: (error, request, reply) => renderError(error, request, reply, logger, config.pathPrefix),
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      // A reset or an already closed socket has no one left to answer.
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(clientErrorResponse(error));
      socket.destroy(error);
    },
  };
}
