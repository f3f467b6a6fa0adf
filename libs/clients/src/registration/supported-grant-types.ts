import { Injectable } from '@nestjs/common';

/**
 * The grant types a client may register: those the token endpoint has a handler for. The handlers live in
 * the grants lib, which depends on this one, so the grant registry announces them here at start instead of
 * this lib keeping a second list that a new handler would have to be added to.
 */
@Injectable()
export class SupportedGrantTypes {
  private announced: readonly string[] | undefined;

  /** Called once every grant handler is known. */
  announce(grantTypes: readonly string[]): void {
    this.announced = Object.freeze([...grantTypes]);
  }

  /**
   * Registration before the announcement would refuse every grant type and look like the client's
   * mistake; it is the application's, so it fails loudly instead.
   */
  list(): readonly string[] {
    if (!this.announced) throw new Error('The supported grant types were not announced: the grants module announces them at start');
    return this.announced;
  }
}
