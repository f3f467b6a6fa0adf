import { HttpException } from '@nestjs/common';
import { type BearerChallenge, bearerChallenge, type ChallengeOptions } from '../bearer';
import type { ResourceServerError } from '../errors';

/**
 * HTTP exception carrying a complete RFC 6750 answer. Nest's default filter sends `body` with
 * `status`; the guard sets `headers` on the response before throwing, and custom exception filters
 * can read them from `challenge.headers`.
 */
export class BearerAuthException extends HttpException {
  readonly challenge: BearerChallenge;

  constructor(challenge: BearerChallenge, cause: ResourceServerError) {
    super({ ...challenge.body }, challenge.status, { cause, description: cause.description });
    this.challenge = challenge;
  }

  /**
   * The challenge for `error`, its headers already handed to `setHeader`: Nest's exception filters send
   * only status and body, so a guard refusing a token sets the headers itself and then throws this.
   * A static rather than a new export keeps the nest entry point's names as they are.
   */
  static withHeaders(error: ResourceServerError, options: ChallengeOptions, setHeader: (name: string, value: string) => void): BearerAuthException {
    const challenge = bearerChallenge(error, options);
    for (const [name, value] of Object.entries(challenge.headers)) setHeader(name, value);
    return new BearerAuthException(challenge, error);
  }
}
