import { Injectable, OnModuleInit } from '@nestjs/common';
import { HousekeepingSweep, HousekeepingSweeps } from '@app/core';
import { SsoSessionService } from './sso-session.service';

/**
 * Ends the sessions that reached their expiry, so that expiry is a session end like any other: the
 * listeners end its tokens and tell its apps. The refresh grant refuses such a session's grants already
 * before this runs.
 */
@Injectable()
export class ExpiredSessionSweep implements HousekeepingSweep, OnModuleInit {
  readonly name = 'expired_sessions';

  constructor(
    private readonly sweeps: HousekeepingSweeps,
    private readonly sessions: SsoSessionService,
  ) {}

  onModuleInit(): void {
    this.sweeps.register(this);
  }

  sweep(limit: number): Promise<number> {
    return this.sessions.endExpired(limit);
  }
}
