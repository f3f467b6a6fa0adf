import { Injectable } from '@nestjs/common';
import { ClientEntity, ClientRepository } from '@app/clients';
import { AppConfig } from '@app/core';
import { AuthorizationRequestRepository, StoredAuthorizationRequest } from './authorization-request.repository';

/** Where the pages of the flow send the browser back to, relative to the issuer's path. */
export const RESUME_PATH = '/oauth2/authorize/resume';

/**
 * What the sign-in pages learn from their `return_to` when it resumes a pending authorization request:
 * the application to name, and the client redirect that ends the flow (their CSP form-action must allow it).
 */
@Injectable()
export class ResumedRequests {
  constructor(
    private readonly requests: AuthorizationRequestRepository,
    private readonly clients: ClientRepository,
    private readonly config: AppConfig,
  ) {}

  /** The browser path that continues the stored request `requestId` (under the issuer's path). */
  resumePath(requestId: string): string {
    return this.config.localPath(`${RESUME_PATH}?request=${requestId}`);
  }

  isResumeUrl(returnTo: string): boolean {
    return returnTo.startsWith(this.resumePath(''));
  }

  /** Where a sign-in that returns to `returnTo` finally redirects, when it resumes a pending request. */
  async finalRedirectOf(returnTo: string): Promise<string | undefined> {
    return (await this.pendingOf(returnTo))?.redirectUri;
  }

  /** The client and final redirect of the request `returnTo` resumes, read once, for the login page. */
  async targetOf(returnTo: string): Promise<{ client?: ClientEntity; redirectUri?: string }> {
    const stored = await this.pendingOf(returnTo);
    if (!stored) return {};
    return { client: (await this.clients.findById(stored.clientId)) ?? undefined, redirectUri: stored.redirectUri };
  }

  private async pendingOf(returnTo: string): Promise<StoredAuthorizationRequest | undefined> {
    if (!this.isResumeUrl(returnTo)) return undefined;
    return this.requests.findPending(returnTo.slice(this.resumePath('').length));
  }
}
