import { Injectable } from '@nestjs/common';
import { PersonAccessService } from '@app/grants';
import { ConsentedApp, ConsentService } from '@app/users';

/** The applications a person consented to, and withdrawing that consent with everything it granted. */
@Injectable()
export class AccountApps {
  constructor(
    private readonly consents: ConsentService,
    private readonly access: PersonAccessService,
  ) {}

  list(userId: string): Promise<ConsentedApp[]> {
    return this.consents.listWithClientNames(userId);
  }

  /**
   * Ends the consent and the codes and tokens that client holds for the person; the consented app, or
   * undefined when the person had not consented to that client.
   */
  async revoke(userId: string, clientId: string | undefined): Promise<ConsentedApp | undefined> {
    if (!clientId) return undefined;
    const app = (await this.list(userId)).find((consented) => consented.clientId === clientId);
    if (!app) return undefined;
    await this.access.withdrawConsent(userId, clientId);
    return app;
  }
}
