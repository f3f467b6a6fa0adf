import { Injectable } from '@nestjs/common';
import { ClientEntity, matchesRegisteredRedirectUri } from '@app/clients';
import { AppConfig, InvalidRequest } from '@app/core';
import { ScopePolicy } from '@app/grants';
import { IdTokenService } from '@app/tokens';
import { ErrorPage } from '../http/page-errors';
import { pageTranslator } from '../i18n/page-context';
import { pageOnError } from '../authorize/client-redirect.validator';
import { parseAuthorizationRequest, RawParams, single } from '../authorize/authorization-request.parser';
import { PushedRequestRepository, REQUEST_URI_PREFIX } from './pushed-request.repository';

/** Client authentication parameters: they authenticate the push and are no part of the request. */
const CLIENT_AUTH_PARAMS = ['client_secret', 'client_assertion', 'client_assertion_type'];

/** The authorization request to run: pushed (RFC 9126) or sent to /authorize directly. */
export interface ResolvedRequest {
  raw: RawParams;
  pushed: boolean;
}

/** RFC 9126: accepts pushed authorization requests and hands them to the authorization endpoint once. */
@Injectable()
export class PushedRequestService {
  constructor(
    private readonly requests: PushedRequestRepository,
    private readonly scopes: ScopePolicy,
    private readonly idTokens: IdTokenService,
    private readonly config: AppConfig,
  ) {}

  /** RFC 9126 §2.1: validated as /authorize validates, every error answered to the client as JSON. */
  async push(body: Readonly<Record<string, string>>, client: ClientEntity): Promise<{ request_uri: string; expires_in: number }> {
    // RFC 9126 §2.1: a pushed request must not itself refer to another by request_uri.
    if (body.request_uri !== undefined) throw new InvalidRequest('request_uri must not be sent to the pushed authorization request endpoint');
    if (body.client_id !== undefined && body.client_id !== client.clientId) {
      throw new InvalidRequest('client_id does not match the authenticated client');
    }
    const params: Record<string, string> = { ...body, client_id: client.clientId };
    for (const name of CLIENT_AUTH_PARAMS) delete params[name];
    const redirectUri = params.redirect_uri;
    if (!redirectUri) throw new InvalidRequest('The redirect_uri parameter is required');
    // RFC 9700 §4.1.3: the same exact match as at /authorize; RFC 9126 §2.4's unregistered URIs are not offered.
    if (!matchesRegisteredRedirectUri(redirectUri, client)) throw new InvalidRequest('redirect_uri is not registered for this client');
    await parseAuthorizationRequest(params, client, redirectUri, { scopePolicy: this.scopes, idTokens: this.idTokens });
    const ttl = this.config.parRequestTtl;
    return { request_uri: await this.requests.push(client.clientId, params, ttl), expires_in: ttl };
  }

  /**
   * At /authorize: a request_uri of ours is replaced by the pushed parameters (RFC 9126 §4, anything else
   * sent along is ignored). A request_uri that is unknown, used, expired or pushed by another client
   * shows the error page: nothing in this request says where it may be redirected.
   */
  async resolve(raw: RawParams): Promise<ResolvedRequest> {
    const requestUri = pageOnError(() => single(raw, 'request_uri'));
    if (!requestUri?.startsWith(REQUEST_URI_PREFIX)) return { raw, pushed: false };
    const clientId = pageOnError(() => single(raw, 'client_id'));
    // RFC 9126 §4: client_id is required with the request_uri, and must be the client that pushed it.
    const params = clientId && clientId.length <= 200 ? await this.requests.consume(requestUri, clientId) : undefined;
    if (!params) {
      const t = pageTranslator();
      throw new ErrorPage(t.t('page.invalidRequest'), t.t('par.used'));
    }
    return { raw: params, pushed: true };
  }

  /** RFC 9126 §5 and §6: with REQUIRE_PAR or the client's require_pushed_authorization_requests. */
  assertPushedIfRequired(resolved: ResolvedRequest, client: ClientEntity): void {
    if (resolved.pushed || !(this.config.requirePar || client.requirePushedAuthorizationRequests)) return;
    throw new InvalidRequest('This client must push its authorization requests first (RFC 9126)');
  }
}
