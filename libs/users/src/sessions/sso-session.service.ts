import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, Clock, cookieName, randomToken, readCookie, setCookie, sha256 } from '@app/core';
import { AuthLevel, combineMethods } from '@app/core';
import { SessionOrigin, SsoSessionRepository, SsoSessionRow } from './sso-session.repository';

export interface CurrentSession {
  /** Public id of the session, used as the OIDC `sid`. */
  sessionId: string;
  userId: string;
  /** When the person last proved who they are (password, passkey or a step-up), in seconds since the epoch (OIDC `auth_time`). */
  authTime: number;
  /** RFC 8176 methods used in this session (`pwd`, `otp`, `hwk`, `mfa`, ...). */
  amr: string[];
  /** The level those methods prove: `pwd`, `mfa` or `phr`. */
  acr: AuthLevel;
}

export interface SessionDetails extends CurrentSession {
  /** auth_time with millisecond precision, to tell whether a sign-in happened after a given moment. */
  authTimeMs: number;
}

/**
 * The browser's single sign-on session: a random cookie whose SHA-256 names a row in `sso_sessions`.
 * Signing in always starts a new session with a new cookie (no fixation).
 */
@Injectable()
export class SsoSessionService {
  readonly cookie: string;

  constructor(
    private readonly sessions: SsoSessionRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.cookie = cookieName('sid', config);
  }

  async currentSession(request: FastifyRequest): Promise<CurrentSession | undefined> {
    const details = await this.current(request);
    return details && { sessionId: details.sessionId, userId: details.userId, authTime: details.authTime, amr: details.amr, acr: details.acr };
  }

  async current(request: FastifyRequest): Promise<SessionDetails | undefined> {
    const value = readCookie(request, this.cookie);
    if (!value) return undefined;
    const row = await this.sessions.findActive(sha256(value));
    return row && toDetails(row);
  }

  /**
   * Starts a session for a person who just proved who they are with `methods` (RFC 8176, a password by
   * default), ending the browser's previous one.
   */
  async start(request: FastifyRequest, reply: FastifyReply, userId: string, methods: readonly string[] = ['pwd']): Promise<SessionDetails> {
    const previous = readCookie(request, this.cookie);
    if (previous) await this.sessions.endByTokenHash(sha256(previous));
    const value = randomToken(32);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtl * 1000);
    const row = await this.sessions.create(sha256(value), userId, now, expiresAt, combineMethods([], methods), originOf(request));
    setCookie(reply, this.cookie, value, { secure: this.config.secureCookies, maxAge: this.config.sessionTtl });
    return toDetails(row);
  }

  /**
   * The person of a live session proved a further factor: the session keeps its id and cookie and gains
   * the methods; undefined when the session ended meanwhile.
   */
  async stepUp(session: SessionDetails, methods: readonly string[]): Promise<SessionDetails | undefined> {
    const row = await this.sessions.stepUp(session.sessionId, combineMethods(session.amr, methods), this.clock.now());
    return row && toDetails(row);
  }

  endOneForUser(userId: string, sessionId: string): Promise<boolean> {
    return this.sessions.endOneForUser(userId, sessionId);
  }

  endOthersForUser(userId: string, keepSessionId: string): Promise<number> {
    return this.sessions.endOthersForUser(userId, keepSessionId);
  }

  /** Ends the browser's session (if any) and clears its cookie. */
  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const value = readCookie(request, this.cookie);
    if (value) await this.sessions.endByTokenHash(sha256(value));
    setCookie(reply, this.cookie, '', { secure: this.config.secureCookies, maxAge: 0 });
  }

  listForUser(userId: string): Promise<SsoSessionRow[]> {
    return this.sessions.listActiveForUser(userId);
  }

  endAllForUser(userId: string): Promise<number> {
    return this.sessions.endAllForUser(userId);
  }
}

/** Longer user agents are cut: the list only needs enough to tell one browser from another. */
const MAX_USER_AGENT_LENGTH = 300;

function originOf(request: FastifyRequest): SessionOrigin {
  const userAgent = request.headers['user-agent'];
  return { userAgent: typeof userAgent === 'string' ? userAgent.slice(0, MAX_USER_AGENT_LENGTH) : null, ip: request.ip ?? null };
}

function toDetails(row: SsoSessionRow): SessionDetails {
  return {
    sessionId: row.id,
    userId: row.userId,
    authTime: Math.floor(row.authTime.getTime() / 1000),
    authTimeMs: row.authTime.getTime(),
    amr: row.amr,
    acr: row.acr,
  };
}
