import { Injectable } from '@nestjs/common';
import { acceptedLevels, acrClaim, AppAccessPolicy } from '@app/access';
import type { ClientEntity } from '@app/clients';
import { ClientRepository } from '@app/clients';
import { DeviceAuthorizationEntity, DeviceAuthorizationRepository, formatUserCode, hashUserCode, normalizeUserCode } from '@app/grants';
import type { AuthLevel } from '@app/core';
import { StepUpPage, StepUpPolicy } from '../authorize/step-up';
import { SsoSessionService } from '@app/users';
import { DeviceVerificationThrottle, ThrottleKeys } from './device-verification-throttle.service';

export type CodeLookup =
  | { kind: 'found'; authorization: DeviceAuthorizationEntity; client: ClientEntity; userCode: string }
  | { kind: 'invalid' }
  | { kind: 'throttled' };

export interface Approver {
  userId: string;
  sessionId: string;
  /** Seconds since the epoch (OIDC auth_time). */
  authTime: number;
  /** The session's level and methods, which the device's tokens carry as `acr` and `amr`. */
  acr: AuthLevel;
  amr: string[];
}

/** The page that lifts the session to what the client needs, and the level it must reach. */
export type StepUp = { page: StepUpPage; level: AuthLevel };

/** The verification page's rules: finding a user code (rate limited) and recording the decision. */
@Injectable()
export class DeviceVerificationService {
  constructor(
    private readonly authorizations: DeviceAuthorizationRepository,
    private readonly clients: ClientRepository,
    private readonly throttle: DeviceVerificationThrottle,
    private readonly access: AppAccessPolicy,
    private readonly stepUps: StepUpPolicy,
    private readonly sessions: SsoSessionService,
  ) {}

  /**
   * What the session lacks for the client (its default_acr_values, the person's groups), as in the
   * authorization flow: undefined when it is strong enough.
   */
  async stepUpFor(client: ClientEntity, approver: Approver): Promise<StepUp | undefined> {
    const { requirement, page } = await this.stepUps.check(acceptedLevels(undefined, client.defaultAcrValues), approver);
    return page && { page, level: requirement.level };
  }

  /** RFC 8628 §5.1: user codes are guessable in principle, so wrong ones are limited per IP and session. */
  async lookup(input: string | undefined, keys: ThrottleKeys): Promise<CodeLookup> {
    if (!(await this.throttle.reserve(keys))) return { kind: 'throttled' };
    const normalized = normalizeUserCode(input);
    if (!normalized) return { kind: 'invalid' };
    const authorization = await this.authorizations.findPendingByUserCode(hashUserCode(normalized));
    const client = authorization && (await this.clients.findById(authorization.clientId));
    if (!authorization || !client) return { kind: 'invalid' };
    await this.throttle.release(keys);
    return { kind: 'found', authorization, client, userCode: formatUserCode(normalized) };
  }

  /**
   * True when the person may use the code's client. When not, the authorization is denied at once, before
   * any allow/deny page: the device's next poll gets access_denied (RFC 8628 §3.5) instead of waiting.
   */
  async admitOrDeny(userCode: string, client: ClientEntity, approver: Approver): Promise<boolean> {
    if (await this.access.mayUseClient(approver.userId, client)) return true;
    await this.decide(userCode, false, approver);
    return false;
  }

  /** Records allow or deny once; false when the code was decided elsewhere or expired meanwhile. */
  async decide(userCode: string, allow: boolean, approver: Approver, client?: ClientEntity): Promise<boolean> {
    const normalized = normalizeUserCode(userCode);
    if (!normalized) return false;
    const requirement = client && (await this.stepUps.check(acceptedLevels(undefined, client.defaultAcrValues), approver)).requirement;
    // The approving session signed the device in to the app: it is told when that session ends.
    if (allow && client) await this.sessions.recordApp(approver, client.clientId);
    const id = await this.authorizations.decide(hashUserCode(normalized), allow ? 'approved' : 'denied', {
      userId: approver.userId,
      sessionId: approver.sessionId,
      authTime: new Date(approver.authTime * 1000),
      acr: requirement ? acrClaim(requirement, approver.acr) : approver.acr,
      amr: approver.amr,
    });
    return id !== undefined;
  }
}
