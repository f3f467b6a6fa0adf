import type { AccessEnded } from '@app/grants';

/** The consequences of ending a person's access, as the details of the action's one audit event. */
export function accessEndedDetails(ended: AccessEnded): Record<string, unknown> {
  return {
    sessions_ended: ended.sessionsEnded,
    refresh_token_families_revoked: ended.refreshTokenFamiliesRevoked,
    apps_notified: ended.appsNotified,
  };
}
