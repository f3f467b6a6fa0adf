import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionDetails, SsoSessionService } from '@app/users';
import { seeOther } from './see-other';

/**
 * The session of a page that needs a signed-in person; without one the browser goes to the sign-in page,
 * which comes back to `returnTo` (the page itself) and the answer is `undefined`.
 */
export async function sessionOrSignIn(
  sessions: SsoSessionService,
  request: FastifyRequest,
  reply: FastifyReply,
  pathPrefix: string,
  returnTo: string,
): Promise<SessionDetails | undefined> {
  const session = await sessions.current(request);
  if (session) return session;
  await seeOther(reply, `${pathPrefix}/login?${new URLSearchParams({ return_to: returnTo }).toString()}`);
  return undefined;
}
