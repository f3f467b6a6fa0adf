import { Injectable } from '@nestjs/common';
import { ClientEntity, ClientRepository, matchesRegisteredRedirectUri } from '@app/clients';
import { OAuthError } from '@app/core';
import { ErrorPage } from '../http/page-errors';
import { malformedRequestPage } from '../http/page-params';
import { pageTranslator } from '../i18n/page-context';
import { RawParams, single } from './authorization-request.parser';

export interface VerifiedClient {
  client: ClientEntity;
  redirectUri: string;
}

/**
 * The first checks of the authorization endpoint: until client and redirect URI are verified nothing may
 * be redirected, so every failure here is an HTML page for the person (RFC 6749 §4.1.2.1, RFC 9700 §4.11).
 */
@Injectable()
export class ClientRedirectValidator {
  constructor(private readonly clients: ClientRepository) {}

  async verify(raw: RawParams): Promise<VerifiedClient> {
    const t = pageTranslator();
    const clientId = pageOnError(() => single(raw, 'client_id'));
    if (!clientId) throw new ErrorPage(t.t('authorize.unknownClient.title'), t.t('authorize.unknownClient.missing'));
    const client = clientId.length <= 200 ? await this.clients.findById(clientId) : null;
    if (!client) throw new ErrorPage(t.t('authorize.unknownClient.title'), t.t('authorize.unknownClient.unregistered'));
    const redirectUri = pageOnError(() => single(raw, 'redirect_uri'));
    // OIDC Core §3.1.2.1: redirect_uri is required; we require it of plain OAuth requests too.
    if (!redirectUri) throw new ErrorPage(t.t('authorize.redirect.title'), t.t('authorize.redirect.missing'));
    // RFC 9700 §4.1.3: exact string match against a registered URI (loopback port aside, RFC 8252 §7.3).
    if (!matchesRegisteredRedirectUri(redirectUri, client)) {
      throw new ErrorPage(t.t('authorize.redirect.title'), t.t('authorize.redirect.unregistered'));
    }
    return { client, redirectUri };
  }
}

/** A malformed parameter read before the client is verified: an error page, never a redirect. */
export function pageOnError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof OAuthError) throw malformedRequestPage(error);
    throw error;
  }
}
