import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock, cookieName, randomToken, readCookie, setCookie, sha256 } from '@app/core';
import { AuthLevel, combineMethods } from '@app/core';
import { SessionApp, SessionAppRepository } from './session-app.repository';
import { EndedSession, SessionEndListeners, SessionEndReason } from './session-end';
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
  /** The client ids of the apps this session signed in to. */
  apps: string[];
}

/**
 * The browser's single sign-on session: a random cookie whose SHA-256 names a row in `sso_sessions`.
 * Signing in always starts a new session with a new cookie (no fixation). Every way a session ends goes
 * through here, so the SessionEndListeners hear of each one in the transaction that ends it.
 */
@Injectable()
export class SsoSessionService {
  readonly cookie: string;

  constructor(
    private readonly sessions: SsoSessionRepository,
    private readonly apps: SessionAppRepository,
    private readonly listeners: SessionEndListeners,
    private readonly dataSource: DataSource,
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
    // Only a stale last_seen_at costs a write: a session in steady use writes once per resolution.
    if (row?.unseen) await this.sessions.touch(row.id);
    return row && toDetails(row);
  }

  /**
   * Starts a session for a person who just proved who they are with `methods` (RFC 8176, a password by
   * default), ending the browser's previous one.
   */
  async start(request: FastifyRequest, reply: FastifyReply, userId: string, methods: readonly string[] = ['pwd']): Promise<SessionDetails> {
    const previous = readCookie(request, this.cookie);
    if (previous) await this.ending('replaced', (manager) => this.sessions.endByTokenHash(sha256(previous), manager));
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

  /** Ends one of a person's sessions; false when it was not theirs or not live. */
  async endOneForUser(userId: string, sessionId: string, reason: SessionEndReason): Promise<boolean> {
    return (await this.ending(reason, (manager) => this.sessions.endOneForUser(userId, sessionId, manager))).length > 0;
  }

  async endOthersForUser(userId: string, keepSessionId: string, reason: SessionEndReason): Promise<number> {
    return (await this.ending(reason, (manager) => this.sessions.endOthersForUser(userId, keepSessionId, manager))).length;
  }

  /** Ends the browser's session (if any) and clears its cookie. */
  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const value = readCookie(request, this.cookie);
    if (value) await this.ending('logout', (manager) => this.sessions.endByTokenHash(sha256(value), manager));
    setCookie(reply, this.cookie, '', { secure: this.config.secureCookies, maxAge: 0 });
  }

  listForUser(userId: string): Promise<SsoSessionRow[]> {
    return this.sessions.listActiveForUser(userId);
  }

  /** Ends every session of the person (in the caller's transaction when given one) and returns them. */
  endAllOf(userId: string, reason: SessionEndReason, manager?: EntityManager): Promise<EndedSession[]> {
    const end = (inside: EntityManager) => this.sessions.endAllForUser(userId, inside);
    return manager ? this.endingIn(manager, reason, end) : this.ending(reason, end);
  }

  /** Ends up to `limit` sessions that reached their expiry; the number ended (housekeeping repeats until 0). */
  async endExpired(limit: number): Promise<number> {
    return (await this.ending('expired', (manager) => this.sessions.endExpired(limit, manager))).length;
  }

  /** The session signs in to the app (an authorization code or a device approval is issued for it). */
  async recordApp(session: { sessionId: string; apps?: readonly string[] }, clientId: string): Promise<void> {
    if (session.apps?.includes(clientId)) return;
    await this.apps.record(session.sessionId, clientId);
  }

  /** The apps each of the sessions signed in to. */
  appsOf(sessionIds: readonly string[], manager?: EntityManager): Promise<SessionApp[]> {
    return this.apps.appsOf(sessionIds, manager);
  }

  private ending(reason: SessionEndReason, end: (manager: EntityManager) => Promise<EndedSession[]>): Promise<EndedSession[]> {
    return this.dataSource.transaction((manager) => this.endingIn(manager, reason, end));
  }

  private async endingIn(manager: EntityManager, reason: SessionEndReason, end: (manager: EntityManager) => Promise<EndedSession[]>): Promise<EndedSession[]> {
    const ended = await end(manager);
    await this.listeners.notify(ended, reason, manager);
    return ended;
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
    apps: row.apps ?? [],
  };
}
