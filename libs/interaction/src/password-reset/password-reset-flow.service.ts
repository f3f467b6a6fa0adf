import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@app/audit';
import { APP_LOGGER, AppConfig, AppLogger } from '@app/core';
import { FederatedAccounts } from '@app/federation';
import { PersonAccessService } from '@app/grants';
import { assertPassword, LoginThrottle, PasswordResetThrottle, PasswordResetTokens, ResetTokenOwner, UserService } from '@app/users';
import type { Translator } from '../i18n/translator';
import { Mailer } from '../mail/mailer.service';
import { resetMail } from './reset-mail';

/** Where a request came from, for the rate limit and the audit log. */
export interface RequestOrigin {
  ip: string;
  userAgent?: string;
}

/** What became of a reset request; recorded in the audit log only, never shown. */
type RequestOutcome = 'sent' | 'mail-failed' | 'throttled' | 'no-account' | 'upstream-account' | 'malformed';

/** The link was used, expired, or made before the password last changed. */
export class ResetLinkInvalid extends Error {
  constructor() {
    super('password reset link not usable');
    this.name = 'ResetLinkInvalid';
  }
}

// randomBytes(32) in base64url: anything else was never issued, and costs no database lookup.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const MAX_ADDRESS_LENGTH = 254;

/**
 * Password reset by mail. A request is answered before any of this runs (see the controller), so how long
 * the answer takes says nothing about the address. Mail goes only to a verified address naming exactly
 * one enabled person whose password is ours (not an upstream provider's or directory's).
 */
@Injectable()
export class PasswordResetFlow {
  constructor(
    private readonly config: AppConfig,
    private readonly mailer: Mailer,
    private readonly tokens: PasswordResetTokens,
    private readonly throttle: PasswordResetThrottle,
    private readonly loginThrottle: LoginThrottle,
    private readonly users: UserService,
    private readonly federated: FederatedAccounts,
    private readonly access: PersonAccessService,
    private readonly audit: AuditLog,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /** Runs after the answer was sent: failures are logged, never thrown at anyone. */
  requestInBackground(email: string, returnTo: string, origin: RequestOrigin, language: Translator): void {
    this.request(email, returnTo, origin, language).catch((error: unknown) => {
      this.logger.error({ err: error }, 'password reset request failed');
    });
  }

  /** `language`: the translator of the page the request came from, which the mail is written in. */
  async request(email: string, returnTo: string, origin: RequestOrigin, language: Translator): Promise<void> {
    const address = email.trim();
    const outcome = await this.mailFor(address, returnTo, origin, language);
    await this.audit.record({
      action: 'user.password_reset_requested',
      actor: { type: 'anonymous' },
      target: { type: 'user', id: outcome.userId ?? null },
      origin: { ip: origin.ip, userAgent: origin.userAgent },
      details: { email: address.slice(0, 200), outcome: outcome.outcome },
    });
  }

  /** The owner of a usable link, for showing the new-password form; the link stays unused. */
  async check(token: string | undefined): Promise<ResetTokenOwner> {
    const owner = token && TOKEN_SHAPE.test(token) ? await this.tokens.peek(token) : undefined;
    if (!owner) throw new ResetLinkInvalid();
    return owner;
  }

  /**
   * Uses the link and sets the password. The policy is checked and the password hashed first, so a
   * refused password, or one the hasher has no room for now (503), leaves the link usable. The new
   * password ends every session (apps hear of it by back-channel logout) and every token, and lifts a
   * sign-in lockout: whoever was guessing the old password gains nothing by it.
   */
  async complete(token: string | undefined, password: string, origin: RequestOrigin): Promise<ResetTokenOwner> {
    assertPassword(password);
    if (!token || !TOKEN_SHAPE.test(token)) throw new ResetLinkInvalid();
    // A dead link costs no hash.
    if (!(await this.tokens.peek(token))) throw new ResetLinkInvalid();
    const prepared = await this.users.preparePassword(password);
    const owner = await this.tokens.consume(token);
    if (!owner) throw new ResetLinkInvalid();
    await this.access.setPassword(owner.userId, prepared);
    await this.loginThrottle.unlock(owner.username);
    await this.audit.record({
      action: 'user.password_reset',
      actor: { type: 'person', id: owner.userId },
      target: { type: 'user', id: owner.userId },
      origin: { ip: origin.ip, userAgent: origin.userAgent },
      details: { username: owner.username },
    });
    return owner;
  }

  private async mailFor(address: string, returnTo: string, origin: RequestOrigin, language: Translator): Promise<{ outcome: RequestOutcome; userId?: string }> {
    if (!address || address.length > MAX_ADDRESS_LENGTH || !address.includes('@')) return { outcome: 'malformed' };
    // Counted for every address, known or not, before anything is looked up.
    if (!(await this.throttle.reserve(address, origin.ip))) return { outcome: 'throttled' };
    const person = await this.users.onlyWithVerifiedEmail(address);
    if (!person?.email) return { outcome: 'no-account' };
    if (await this.federated.hasUpstreamIdentity(person.id)) return { outcome: 'upstream-account', userId: person.id };
    const token = await this.tokens.issue(person.id, returnTo, this.config.mail.passwordResetTtl);
    const link = `${this.config.endpoint('/login/reset')}?${new URLSearchParams({ token })}`;
    // To the address as stored (verified), not as typed.
    const sent = await this.mailer.send(resetMail(person.email, link, this.config.mail.passwordResetTtl, language));
    return { outcome: sent ? 'sent' : 'mail-failed', userId: person.id };
  }
}
