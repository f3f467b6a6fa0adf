import { Injectable } from '@nestjs/common';
import { ClientEntity, ClientRepository } from '@app/clients';
import { AppConfig } from '@app/core';
import { IdTokenHintClaims, IdTokenService } from '@app/tokens';
import { SsoSessionService } from '@app/users';
import { ErrorPage } from '../http/page-errors';
import { pageTranslator } from '../i18n/page-context';
import type { MessageKey } from '../i18n/catalogues';
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
    const t = pageTranslator();
    const invalid = (reason: MessageKey) => new ErrorPage(t.t('logout.invalid.title'), t.t(reason));
    let hint: IdTokenHintClaims | undefined;
    if (params.id_token_hint) {
      hint = await this.idTokens.verifyHint(params.id_token_hint);
      if (!hint) throw invalid('logout.invalid.foreignHint');
    }
    // RP-Initiated Logout 1.0 §2: client_id, when sent with a hint, must be an audience of it.
    if (hint && params.client_id && !hint.aud.includes(params.client_id)) {
      throw invalid('logout.invalid.clientMismatch');
    }
    const clientId = params.client_id ?? (hint?.aud.length === 1 ? hint.aud[0] : undefined);
    const client = clientId ? await this.clients.findById(clientId) : undefined;
    if (clientId && !client) throw new ErrorPage(t.t('authorize.unknownClient.title'), t.t('authorize.unknownClient.unregistered'));
    const target = params.post_logout_redirect_uri;
    if (target !== undefined) {
      if (!client) throw invalid('logout.invalid.redirectWithoutClient');
      // RP-Initiated Logout 1.0 §3: the URI must exactly match one registered for the client.
      if (!client.postLogoutRedirectUris.includes(target)) {
        throw invalid('authorize.redirect.unregistered');
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
