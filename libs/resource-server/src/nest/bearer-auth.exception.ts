import { HttpException } from '@nestjs/common';
import type { BearerChallenge } from '../bearer';
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
}
