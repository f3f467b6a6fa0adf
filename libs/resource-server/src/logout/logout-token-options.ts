import { type ResolvedVerifierOptions, resolveVerifierOptions, type TokenVerifierOptions } from '../options';
import { InMemoryReplayStore, type LogoutReplayStore } from '../replay-store';

type SharedOptions = Pick<
  TokenVerifierOptions,
  'issuer' | 'algorithms' | 'clockToleranceSeconds' | 'jwksUri' | 'jwksCooldownSeconds' | 'jwksMaxAgeSeconds' | 'httpTimeoutMs' | 'allowInsecureHttp' | 'fetch' | 'now'
>;

export interface LogoutTokenVerifierOptions extends SharedOptions {
  /** This application's own client_id at the provider; the logout token's `aud` must contain it. */
  clientId: string;
  /**
   * Accept a token without a `typ` header. Default false: Back-Channel Logout 1.0 §2.6 says receivers SHOULD
   * check `typ: logout+jwt` (RFC 8725 §3.11), and our provider always sets it. A present `typ` must still be
   * logout+jwt.
   */
  allowMissingTyp?: boolean;
  /** Oldest `iat` accepted, in seconds before now. Default 300. */
  maxTokenAgeSeconds?: number;
  /** Where accepted `jti`s are remembered. Default: an InMemoryReplayStore for this process. */
  replayStore?: LogoutReplayStore;
}

export interface ResolvedLogoutTokenOptions extends ResolvedVerifierOptions {
  clientId: string;
  allowMissingTyp: boolean;
  maxTokenAgeSeconds: number;
  replayStore: LogoutReplayStore;
}

const MAX_TOKEN_AGE_LIMIT_SECONDS = 3600;

/** Validates once, at construction, with the access token verifier's rules for the shared options. */
export function resolveLogoutTokenOptions(options: LogoutTokenVerifierOptions): ResolvedLogoutTokenOptions {
  if (typeof options.clientId !== 'string' || options.clientId === '') {
    throw new TypeError('LogoutTokenVerifier: `clientId` is required');
  }
  const maxTokenAgeSeconds = options.maxTokenAgeSeconds ?? 300;
  if (!Number.isFinite(maxTokenAgeSeconds) || maxTokenAgeSeconds <= 0 || maxTokenAgeSeconds > MAX_TOKEN_AGE_LIMIT_SECONDS) {
    throw new TypeError(`LogoutTokenVerifier: \`maxTokenAgeSeconds\` must be between 1 and ${MAX_TOKEN_AGE_LIMIT_SECONDS}`);
  }
  const shared = resolveVerifierOptions({ ...pickShared(options), audience: options.clientId, mode: 'jwt' });
  return {
    ...shared,
    clientId: options.clientId,
    allowMissingTyp: options.allowMissingTyp ?? false,
    maxTokenAgeSeconds,
    replayStore: options.replayStore ?? new InMemoryReplayStore({ now: shared.now }),
  };
}

function pickShared(options: LogoutTokenVerifierOptions): SharedOptions {
  const { clientId: _clientId, allowMissingTyp: _typ, maxTokenAgeSeconds: _age, replayStore: _store, ...shared } = options;
  return shared;
}
