import { Injectable } from '@nestjs/common';
import { ConsentedApp, ConsentRepository, ConsentRow } from './consent.repository';

/** Remembered consent: a client needs the consent page again only for scopes not yet allowed. */
@Injectable()
export class ConsentService {
  constructor(private readonly consents: ConsentRepository) {}

  /** Scopes of `requested` the person has not yet allowed this client. */
  async missingScopes(userId: string, clientId: string, requested: readonly string[]): Promise<string[]> {
    const allowed = new Set(await this.consents.find(userId, clientId));
    return requested.filter((scope) => !allowed.has(scope));
  }

  grant(userId: string, clientId: string, scopes: readonly string[]): Promise<void> {
    return this.consents.grant(userId, clientId, scopes);
  }

  list(userId: string): Promise<ConsentRow[]> {
    return this.consents.list(userId);
  }

  /** What the person allowed each application, with the application's name. */
  listWithClientNames(userId: string): Promise<ConsentedApp[]> {
    return this.consents.listWithClientNames(userId);
  }

  revoke(userId: string, clientId?: string): Promise<number> {
    return this.consents.revoke(userId, clientId);
  }
}
