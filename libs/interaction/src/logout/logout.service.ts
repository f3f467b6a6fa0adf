import { Injectable } from '@nestjs/common';
import { ClientEntity, ClientRepository } from '@app/clients';
import { AppConfig } from '@app/core';
import { IdTokenHintClaims, IdTokenService } from '@app/tokens';
import { SsoSessionService } from '@app/users';
import { ErrorPage } from '../http/page-errors';
import { frontChannelFrame } from './frontchannel-logout';

export interface LogoutRequest {
  hint?: IdTokenHintClaims;
  client?: ClientEntity;
  /** Registered for the client: safe to redirect to. */
  postLogoutRedirectUri?: string;
  state?: string;
}

/** Validates RP-Initiated Logout 1.0 §2 parameters; problems are pages, never redirects. */
@Injectable()
export class LogoutService {
  constructor(
    private readonly idTokens: IdTokenService,
    private readonly clients: ClientRepository,
    private readonly sessions: SsoSessionService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Front-Channel Logout 1.0 §3: the logout page of each app the session signed in to that registered
   * one; read before the session ends, while its apps are still recorded against it.
   */
  async frontChannelFrames(sessionId: string): Promise<string[]> {
    const apps = await this.sessions.appsOf([sessionId]);
    // The lookups are independent; Promise.all keeps the apps' order, so the frames come out as before.
    const clients = await Promise.all(apps.map((app) => this.clients.findById(app.clientId)));
    return clients.flatMap((client) => {
      const frame = client && frontChannelFrame(client, this.config.issuer, sessionId);
      return frame ? [frame] : [];
    });
  }

  async validate(params: Readonly<Record<string, string>>): Promise<LogoutRequest> {
    let hint: IdTokenHintClaims | undefined;
    if (params.id_token_hint) {
      hint = await this.idTokens.verifyHint(params.id_token_hint);
      if (!hint) throw new ErrorPage('Invalid sign-out request', 'The id_token_hint was not issued by this server.');
    }
    // RP-Initiated Logout 1.0 §2: client_id, when sent with a hint, must be an audience of it.
    if (hint && params.client_id && !hint.aud.includes(params.client_id)) {
      throw new ErrorPage('Invalid sign-out request', 'client_id does not match the id_token_hint.');
    }
    const clientId = params.client_id ?? (hint?.aud.length === 1 ? hint.aud[0] : undefined);
    const client = clientId ? await this.clients.findById(clientId) : undefined;
    if (clientId && !client) throw new ErrorPage('Unknown application', 'The application that sent you here is not registered.');
    const target = params.post_logout_redirect_uri;
    if (target !== undefined) {
      if (!client) throw new ErrorPage('Invalid sign-out request', 'post_logout_redirect_uri needs client_id or id_token_hint.');
      // RP-Initiated Logout 1.0 §3: the URI must exactly match one registered for the client.
      if (!client.postLogoutRedirectUris.includes(target)) {
        throw new ErrorPage('Invalid sign-out request', 'The address to return to is not registered for this application.');
      }
    }
    return { hint, client: client ?? undefined, postLogoutRedirectUri: target, state: params.state };
  }
}

/** Where to send the browser after signing out, with `state` echoed (RP-Initiated Logout 1.0 §3). */
export function postLogoutLocation(request: LogoutRequest): string | undefined {
  if (!request.postLogoutRedirectUri) return undefined;
  const url = new URL(request.postLogoutRedirectUri);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  return url.toString();
}
