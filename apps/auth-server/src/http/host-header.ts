import type { FastifyInstance } from 'fastify';
import { InvalidRequest } from '@app/core';
import type { ErrorResponder } from './error-responder';

/**
 * RFC 9112 §3.2: an HTTP/1.1 request without a Host header is answered 400. Node does that itself with an
 * empty body unless `requireHostHeader` is off; with it off, this hook gives the answer our error shape.
 * Nothing here uses the Host header otherwise: every URL we build starts with ISSUER.
 */
export function requireHostHeader(fastify: FastifyInstance, responder: ErrorResponder): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.raw.httpVersion !== '1.1' || request.headers.host) return;
    await responder.respond(new InvalidRequest('The Host header is required'), request, reply);
    return reply;
  });
}
