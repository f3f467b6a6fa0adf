import { Injectable } from '@nestjs/common';

/** Given a return_to path, the absolute URL the browser will finally be redirected to, if known. */
export type ReturnTargetResolver = (returnTo: string) => Promise<string | undefined>;

/**
 * Lets the flows that send people to the login page (authorization, device) say where the sign-in will
 * eventually redirect, so the login form's CSP form-action can allow that one destination.
 */
@Injectable()
export class ReturnTargetRegistry {
  private readonly resolvers: ReturnTargetResolver[] = [];

  register(resolver: ReturnTargetResolver): void {
    this.resolvers.push(resolver);
  }

  async resolve(returnTo: string): Promise<string | undefined> {
    for (const resolver of this.resolvers) {
      const target = await resolver(returnTo).catch(() => undefined);
      if (target) return target;
    }
    return undefined;
  }
}
