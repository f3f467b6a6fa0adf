import { InvalidDpopProofError } from '../errors';
import type { ResolvedVerifierOptions } from '../options';
import { InMemoryReplayStore } from '../replay-store';
import { checkDpopProof, DpopProofError, readDpopHeader } from './dpop-proof';

/** The parts of an incoming request a proof is checked against. */
export interface DpopRequest {
  method: string;
  /** The request target as received: path and query (`/orders?page=2`), or an absolute URL. */
  url: string;
  /** Used for the public URL when no `publicBaseUrl` is configured. */
  host?: string;
  protocol?: string;
  proof: string | string[] | undefined;
}

/**
 * RFC 9449 §7.1 at a resource server: the proof that comes with a DPoP token, checked per §4.3 with its
 * `ath`, and its jti remembered in a bounded in-memory cache (one instance; a replay to another instance
 * within the iat window is not caught, which §11.1 accepts for resource servers).
 */
export class DpopVerifier {
  /** `jkt:jti` of the proofs accepted so far. */
  private readonly seen: InMemoryReplayStore;

  constructor(private readonly options: Pick<ResolvedVerifierOptions, 'dpop' | 'now'>) {
    // jtiCacheSize is only checked to be positive; rounding up keeps a fractional size working as before.
    this.seen = new InMemoryReplayStore({ maxEntries: Math.ceil(options.dpop.jtiCacheSize), now: options.now });
  }

  /** The thumbprint of the proof's key, or an InvalidDpopProofError. */
  async verify(request: DpopRequest, accessToken: string): Promise<string> {
    const nowMs = this.options.now();
    try {
      const proof = readDpopHeader(request.proof);
      if (proof === undefined) throw new DpopProofError('the DPoP scheme needs a DPoP proof');
      const checked = await checkDpopProof(proof, {
        method: request.method.toUpperCase(),
        url: this.publicUrl(request),
        accessToken,
        now: Math.floor(nowMs / 1000),
        windowSeconds: this.options.dpop.proofWindowSeconds,
      });
      // Kept past the window on both sides of iat, after which the proof is refused for its age anyway.
      const keepUntilMs = nowMs + 2 * this.options.dpop.proofWindowSeconds * 1000;
      if (!this.seen.remember(`${checked.jkt}:${checked.jti}`, keepUntilMs)) throw new DpopProofError(`DPoP proof jti ${checked.jti} replayed`);
      return checked.jkt;
    } catch (error) {
      if (error instanceof DpopProofError) throw new InvalidDpopProofError(error.message);
      throw error;
    }
  }

  private publicUrl(request: DpopRequest): string {
    if (/^https?:\/\//i.test(request.url)) return request.url;
    const base = this.options.dpop.publicBaseUrl ?? `${request.protocol ?? 'http'}://${request.host ?? 'localhost'}`;
    return base + request.url;
  }
}
