import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isAuthLevel, randomToken, sha256 } from '@app/core';
import type { PkceMethod } from '@app/grants';
import type { AuthorizationParams, Prompt } from './authorization-request.parser';
import type { ResponseMode, ResponseType } from './response-type';

/** A request being decided: when it started, and whether (and by whom) its consent page was answered. */
export interface PendingRequest extends AuthorizationParams {
  createdAt: Date;
  consentedAt: Date | null;
  consentedBy: string | null;
  /** Set by "Not you?": only a sign-in after this time may continue the request. */
  signInAfter: Date | null;
}

export interface StoredAuthorizationRequest extends PendingRequest {
  idHash: string;
  /** Digest of the cookie of the browser that started the request (BrowserBinding). */
  browserHash: string | null;
}

interface RawRequest {
  id_hash: string;
  client_id: string;
  redirect_uri: string;
  scopes: string[];
  state: string | null;
  nonce: string | null;
  code_challenge: string | null;
  code_challenge_method: string | null;
  prompt: string[];
  max_age: number | null;
  acr_values: string[] | null;
  login_hint: string | null;
  resource: string | null;
  id_token_hint_subject: string | null;
  dpop_jkt: string | null;
  created_at: Date;
  consented_at: Date | null;
  consented_by: string | null;
  sign_in_after: Date | null;
  browser_hash: string | null;
  response_type: string;
  response_mode: string;
}

/** How long a person has to sign in and consent before the request must be started again. */
const REQUEST_TTL_SECONDS = 15 * 60;

/** Authorization requests in progress, kept server-side so the browser carries only an opaque id. */
@Injectable()
export class AuthorizationRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the request of the browser `browserHash`; returns the id to put in the login and consent URLs. */
  async create(params: AuthorizationParams, now: Date, browserHash: string): Promise<string> {
    const id = randomToken(32);
    await this.dataSource.query(
      `INSERT INTO authorization_requests (id_hash, client_id, redirect_uri, scopes, state, nonce, code_challenge,
         code_challenge_method, prompt, max_age, login_hint, resource, id_token_hint_subject, created_at, expires_at,
         browser_hash, acr_values, response_type, response_mode, dpop_jkt)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [sha256(id), params.clientId, params.redirectUri, params.scopes, params.state ?? null, params.nonce ?? null,
        params.codeChallenge ?? null, params.codeChallengeMethod ?? null, params.prompt, params.maxAge ?? null,
        params.loginHint ?? null, params.resource ?? null, params.idTokenHintSubject ?? null,
        now, new Date(now.getTime() + REQUEST_TTL_SECONDS * 1000), browserHash, params.acrValues, params.responseType, params.responseMode,
        params.dpopJkt ?? null],
    );
    return id;
  }

  /** The pending request named by `id`, unless it is unknown, expired or already answered. */
  async findPending(id: string | undefined): Promise<StoredAuthorizationRequest | undefined> {
    if (!id || !/^[\w-]{43}$/.test(id)) return undefined;
    const rows: RawRequest[] = await this.dataSource.query(
      `SELECT * FROM authorization_requests WHERE id_hash = $1 AND completed_at IS NULL AND expires_at > now()`,
      [sha256(id)],
    );
    return rows[0] && toStored(rows[0]);
  }

  /** Records that `userId` answered this request's consent page with Allow. */
  async markConsented(idHash: string, userId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE authorization_requests SET consented_at = now(), consented_by = $2 WHERE id_hash = $1`,
      [idHash, userId],
    );
  }

  /**
   * "Not you?": the session signed in so far no longer counts for this request; the person signed in next
   * continues it, and gives consent of their own (a consent given on the request was the other person's).
   */
  async requireSignIn(idHash: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE authorization_requests SET sign_in_after = $2, consented_at = NULL, consented_by = NULL WHERE id_hash = $1 AND completed_at IS NULL`,
      [idHash, now],
    );
  }

  /** Answers the request once: false when another tab already did (one code per request). */
  async complete(idHash: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE authorization_requests SET completed_at = now() WHERE id_hash = $1 AND completed_at IS NULL`,
      [idHash],
    );
    return (result[1] ?? 0) > 0;
  }
}

function toStored(row: RawRequest): StoredAuthorizationRequest {
  return {
    idHash: row.id_hash,
    clientId: row.client_id,
    redirectUri: row.redirect_uri,
    responseType: row.response_type as ResponseType,
    responseMode: row.response_mode as ResponseMode,
    scopes: row.scopes,
    state: row.state ?? undefined,
    nonce: row.nonce ?? undefined,
    codeChallenge: row.code_challenge ?? undefined,
    codeChallengeMethod: (row.code_challenge_method as PkceMethod | null) ?? undefined,
    prompt: row.prompt as Prompt[],
    maxAge: row.max_age ?? undefined,
    acrValues: (row.acr_values ?? []).filter(isAuthLevel),
    loginHint: row.login_hint ?? undefined,
    resource: row.resource ?? undefined,
    idTokenHintSubject: row.id_token_hint_subject ?? undefined,
    dpopJkt: row.dpop_jkt ?? undefined,
    createdAt: new Date(row.created_at),
    consentedAt: row.consented_at ? new Date(row.consented_at) : null,
    consentedBy: row.consented_by,
    signInAfter: row.sign_in_after ? new Date(row.sign_in_after) : null,
    browserHash: row.browser_hash,
  };
}
