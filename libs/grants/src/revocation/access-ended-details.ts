import type { AccessEnded } from './person-access.service';

/**
 * The consequences of ending a person's access, as the details of the action's one audit event. A refresh
 * token family is one grant; named so, as the audit log drops fields whose names look like secrets.
 */
export function accessEndedDetails(ended: AccessEnded): Record<string, unknown> {
  return {
    sessions_ended: ended.sessionsEnded,
    grants_revoked: ended.refreshTokenFamiliesRevoked,
    apps_notified: ended.appsNotified,
  };
}
