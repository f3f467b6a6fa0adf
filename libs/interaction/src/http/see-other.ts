import type { FastifyReply } from 'fastify';

/**
 * Sends the browser on with 303 See Other (RFC 9110 §15.4.4): the next request is a GET whatever the
 * method of this one, and no cache keeps the answer, which may carry a code or a one-time state.
 */
export async function seeOther(reply: FastifyReply, location: string): Promise<void> {
  await reply.status(303).header('Cache-Control', 'no-store').header('Location', location).send();
}
