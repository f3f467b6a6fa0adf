import type { Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import { clientErrorResponse } from '@app/core';
import type { ErrorResponder } from './error-responder';

type FrameworkErrorOptions = Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>;

/**
 * Errors raised before any route or hook runs, which would otherwise be answered in Fastify's or Node's
 * own shape (`{"statusCode":...}`): the router's malformed URL (400) and over-long path segment (414), and
 * the HTTP parser's oversized headers (431) and malformed request line or header (400).
 */
export function frameworkErrorOptions(responder: ErrorResponder): FrameworkErrorOptions {
  return {
    frameworkErrors: (error, request, reply) => void responder.respond(error, request, reply),
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      // A reset or an already closed socket has no one left to answer.
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(clientErrorResponse(error));
      socket.destroy(error);
    },
  };
}
