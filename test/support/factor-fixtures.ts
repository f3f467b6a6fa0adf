import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Secret, TOTP } from 'otpauth';
import { RecoveryCodeService } from '../../libs/users/src/factors/recovery-code.service';
import { TotpService } from '../../libs/users/src/factors/totp.service';

/**
 * Gives a person a confirmed authenticator app, the way the account page does: the server's enrollment,
 * then one code computed here from the secret it showed.
 */
export async function enrollTotp(app: NestFastifyApplication, person: { id: string; username: string }, label = 'Phone'): Promise<{ factorId: string; secret: string }> {
  const totp = app.get(TotpService);
  const enrollment = await totp.begin(person.id, person.username);
  const code = new TOTP({ secret: Secret.fromBase32(enrollment.secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
  if (!(await totp.confirm(person.id, enrollment.factorId, code, label))) throw new Error('the TOTP enrollment was not confirmed');
  return { factorId: enrollment.factorId, secret: enrollment.secret };
}

/** Ten new recovery codes for the person, as the account page makes them. */
export function regenerateRecoveryCodes(app: NestFastifyApplication, userId: string): Promise<string[]> {
  return app.get(RecoveryCodeService).regenerate(userId);
}
