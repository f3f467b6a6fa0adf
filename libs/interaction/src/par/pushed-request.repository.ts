import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomToken, rowsOf, sha256 } from '@app/core';
import type { RawParams } from '../authorize/authorization-request.parser';

/** RFC 9126 §2.2: the request_uri is a URN of this form with an unguessable part. */
export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

/** Pushed authorization requests (RFC 9126), stored by the hash of their request_uri until used once. */
@Injectable()
export class PushedRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the validated parameters; returns the request_uri that names them. */
  async push(clientId: string, params: Record<string, string>, ttlSeconds: number): Promise<string> {
    const requestUri = `${REQUEST_URI_PREFIX}${randomToken(32)}`;
    await this.dataSource.query(
      `INSERT INTO pushed_authorization_requests (uri_hash, client_id, params, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [sha256(requestUri), clientId, JSON.stringify(params), ttlSeconds],
    );
    return requestUri;
  }

  /**
   * RFC 9126 §4: one use only. The row goes in the same statement that reads it, so of two concurrent
   * uses one gets the parameters and the other nothing; an expired or another client's request is left
   * for housekeeping and answers nothing.
   */
  async consume(requestUri: string, clientId: string): Promise<RawParams | undefined> {
    const result: unknown = await this.dataSource.query(
      `DELETE FROM pushed_authorization_requests
       WHERE uri_hash = $1 AND client_id = $2 AND expires_at > now()
       RETURNING params`,
      [sha256(requestUri), clientId],
    );
    const [row] = rowsOf<{ params: RawParams }>(result);
    return row?.params;
  }
}
