import { Injectable } from '@nestjs/common';
import { Secret, TOTP } from 'otpauth';
import { toString as qrSvg } from 'qrcode';
import { AppConfig, AtRestCipher, Clock } from '@app/core';
import { FactorRepository, TotpRecord } from './factor.repository';

/** RFC 6238 as authenticator apps expect it: 30-second steps, 6 digits, HMAC-SHA-1. */
const PERIOD = 30;
const DIGITS = 6;
/** Codes of the step before and after are accepted too, for clocks that drift (RFC 6238 §5.2). */
const WINDOW = 1;

export interface TotpEnrollment {
  /** The unfinished factor, confirmed by the first valid code. */
  factorId: string;
  /** Base32, for typing into an app by hand. */
  secret: string;
  /** The `otpauth://totp/...` URI the QR code holds. */
  uri: string;
  /** The QR code as an SVG document. */
  qrSvg: string;
}

/** Authenticator-app codes: enrollment, confirmation, and checking a code once. */
@Injectable()
export class TotpService {
  private readonly cipher: AtRestCipher;

  constructor(
    private readonly factors: FactorRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.cipher = new AtRestCipher(config.keyEncryptionSecret, 'totp-secrets', 'authenticator app secrets');
  }

  /** A new secret for `username`'s authenticator app; it counts as a factor once `confirm` accepts a code. */
  async begin(userId: string, username: string): Promise<TotpEnrollment> {
    const secret = new Secret({ size: 20 });
    const factorId = await this.factors.addPendingTotp(userId, 'Authenticator app', this.cipher.seal(secret.base32));
    const uri = this.generator(secret, username).toString();
    return { factorId, secret: secret.base32, uri, qrSvg: await qrSvg(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
  }

  /** The same enrollment shown again (a wrong first code): its secret, URI and QR code. */
  async pending(userId: string, factorId: string, username: string): Promise<TotpEnrollment | undefined> {
    const record = await this.factors.findTotp(userId, factorId);
    if (!record || record.confirmed) return undefined;
    const secret = Secret.fromBase32(this.cipher.open(record.sealedSecret));
    const uri = this.generator(secret, username).toString();
    return { factorId, secret: secret.base32, uri, qrSvg: await qrSvg(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
  }

  /** Finishes an enrollment with one valid code from the app. */
  async confirm(userId: string, factorId: string, code: string, label: string): Promise<boolean> {
    const record = await this.factors.findTotp(userId, factorId);
    if (!record || record.confirmed) return false;
    return this.accept(record, code, label);
  }

  /** True when `code` is valid now for one of the person's apps and was not used before. */
  async verify(userId: string, code: string): Promise<{ factorId: string } | undefined> {
    for (const record of await this.factors.confirmedTotpsOf(userId)) {
      if (await this.accept(record, code)) return { factorId: record.id };
    }
    return undefined;
  }

  private async accept(record: TotpRecord, code: string, label?: string): Promise<boolean> {
    const token = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(token)) return false;
    const generator = this.generator(Secret.fromBase32(this.cipher.open(record.sealedSecret)), '');
    const now = this.clock.now().getTime();
    const delta = generator.validate({ token, timestamp: now, window: WINDOW });
    if (delta === null) return false;
    const step = Math.floor(now / 1000 / PERIOD) + delta;
    return this.factors.acceptTotpStep(record.id, step, label);
  }

  private generator(secret: Secret, username: string): TOTP {
    return new TOTP({ issuer: issuerLabel(this.config.issuer), label: username, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret });
  }
}

/** The name an authenticator app shows above the code: the issuer's host. */
function issuerLabel(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}
