import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@app/core';
import { checkDpopProof, DpopProofError, readDpopHeader } from '@meridian-auth/resource-server';
import { DpopNonces } from './dpop-nonce.service';
import { DpopEndpoint, dpopRefusal } from './dpop-refusal';

/** The proof of one request, to check against that request. */
export interface DpopPresentation {
  at: DpopEndpoint;
  /** The route under the issuer (`/oauth2/token`): htu is the public URL the issuer implies, whatever proxies did. */
  path: string;
  /** At a resource, the access token the proof must hash in `ath`. */
  accessToken?: string;
}

/** RFC 9449 §4.3 for our own endpoints: the checks of the proof, its jti once across all instances, the nonce. */
@Injectable()
export class DpopProofs {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly nonces: DpopNonces,
    private readonly dataSource: DataSource,
  ) {}

  /** The thumbprint of the proof's key, or undefined when the request has no DPoP header. */
  async verify(request: FastifyRequest, presentation: DpopPresentation): Promise<string | undefined> {
    const { at } = presentation;
    let proof: string | undefined;
    try {
      proof = readDpopHeader(request.headers.dpop);
    } catch (error) {
      throw dpopRefusal(at, (error as Error).message);
    }
    if (proof === undefined) return undefined;
    const acceptable = this.config.dpopNonce ? await this.acceptableNonces() : undefined;
    try {
      const checked = await checkDpopProof(proof, {
        method: request.method,
        url: this.config.endpoint(presentation.path),
        accessToken: presentation.accessToken,
        now: this.clock.epochSeconds(),
        windowSeconds: this.config.dpopProofWindowSeconds,
        acceptsNonce: acceptable ? (nonce) => acceptable.has(nonce) : undefined,
      });
      if (!(await this.firstUse(checked.jkt, checked.jti, checked.iat))) throw new DpopProofError(`DPoP proof jti ${checked.jti} replayed`);
      return checked.jkt;
    } catch (error) {
      if (!(error instanceof DpopProofError)) throw error;
      throw dpopRefusal(at, error.message, error.nonce ? await this.nonces.current() : undefined);
    }
  }

  private async acceptableNonces(): Promise<Set<string>> {
    return new Set(await this.nonces.acceptable());
  }

  /** RFC 9449 §11.1: one row per (key, jti), kept until no proof with that iat could pass the window again. */
  private async firstUse(jkt: string, jti: string, iat: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO dpop_proof_jtis (jkt, jti, expires_at) VALUES ($1, $2, to_timestamp($3))
       ON CONFLICT (jkt, jti) DO NOTHING RETURNING jti`,
      [jkt, jti, iat + 2 * this.config.dpopProofWindowSeconds],
    );
    return rows.length === 1;
  }
}
