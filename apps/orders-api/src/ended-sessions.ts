import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LogoutEvent, VerifiedToken } from '@meridian-auth/resource-server';
import { RESOURCE_SERVER_OPTIONS, type ResourceServerModuleOptions } from '@meridian-auth/resource-server/nest';

const MAX_ENTRIES = 10_000;

/**
 * The example keeps no sessions of its own: it trusts each access token until it expires. To honour
 * back-channel logout anyway it remembers which provider sessions (`sid`) and people (`sub`, every session)
 * were logged out, and EndedSessionGuard refuses tokens from them. In memory and per process: an example.
 */
@Injectable()
export class EndedSessions {
  private readonly logger = new Logger(EndedSessions.name);
  private readonly sessions = new Set<string>();
  /** Subject -> epoch seconds of the logout; tokens issued at or before it are refused. */
  private readonly subjects = new Map<string, number>();
  // The verifier's clock, so the cut-off compares with token iat on the same time line.
  private readonly now: () => number;

  constructor(@Inject(RESOURCE_SERVER_OPTIONS) options: ResourceServerModuleOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Back-Channel Logout 1.0 §2.7: with `sid` that one session ends, without it every session of `sub`. */
  end(event: LogoutEvent): void {
    if (event.sid !== undefined) {
      remember(this.sessions, event.sid);
      this.logger.log(`Back-channel logout: session ${event.sid} ended (jti ${event.jti})`);
      return;
    }
    if (event.sub !== undefined) {
      this.subjects.delete(event.sub);
      this.subjects.set(event.sub, Math.floor(this.now() / 1000));
      if (this.subjects.size > MAX_ENTRIES) this.subjects.delete(this.subjects.keys().next().value!);
      this.logger.log(`Back-channel logout: every session of ${event.sub} ended (jti ${event.jti})`);
    }
  }

  /** Whether the token was issued in a session that has since been logged out. */
  covers(token: VerifiedToken): boolean {
    const { sid, sub, iat } = token.claims;
    if (typeof sid === 'string' && this.sessions.has(sid)) return true;
    const endedAt = typeof sub === 'string' ? this.subjects.get(sub) : undefined;
    return endedAt !== undefined && (typeof iat !== 'number' || iat <= endedAt);
  }
}

/** Insertion-ordered, so the oldest entry goes first once the set is full. */
function remember(set: Set<string>, value: string): void {
  set.add(value);
  if (set.size > MAX_ENTRIES) set.delete(set.values().next().value!);
}
