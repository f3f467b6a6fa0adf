import type { AuthorizationCodeRecord, AuthorizationCodeRepository, ConsumeResult } from '../../../libs/grants/src/codes/authorization-code.repository';
import type { TransactionalState } from './fake-data-source';

/**
 * AuthorizationCodeRepository's consumption over a Map: the first consumption returns the code, every
 * later one reports a replay with the code's grant and client, an unknown value is unknown.
 */
export class InMemoryAuthorizationCodes implements Pick<AuthorizationCodeRepository, 'consume'>, TransactionalState {
  private readonly codes = new Map<string, AuthorizationCodeRecord>();
  private consumed = new Set<string>();
  private counter = 0;

  /** Stores a code; returns its value. */
  add(code: AuthorizationCodeRecord): string {
    const value = `authorization-code-${++this.counter}`;
    this.codes.set(value, { ...code });
    return value;
  }

  async consume(value: string): Promise<ConsumeResult> {
    const code = this.codes.get(value);
    if (!code) return { outcome: 'unknown' };
    if (this.consumed.has(value)) return { outcome: 'replayed', grantId: code.grantId, clientId: code.clientId };
    this.consumed.add(value);
    return { outcome: 'consumed', code: { ...code } };
  }

  isConsumed(value: string): boolean {
    return this.consumed.has(value);
  }

  snapshot(): () => void {
    const consumed = new Set(this.consumed);
    return () => {
      this.consumed = consumed;
    };
  }

  asRepository(): AuthorizationCodeRepository {
    return this as unknown as AuthorizationCodeRepository;
  }
}
