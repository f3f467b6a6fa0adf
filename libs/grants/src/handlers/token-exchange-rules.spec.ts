import { InvalidRequest, InvalidScope } from '@app/core';
import { actorChain, chainSubjects, checkTokenType, narrowedScopes, targetOf, TOKEN_TYPES } from './token-exchange-rules';

describe('token exchange rules (RFC 8693)', () => {
  describe(checkTokenType.name, () => {
    it('accepts access tokens, and jwt only for a token in JWT form', () => {
      expect(() => checkTokenType('subject_token', 'oat_abc', TOKEN_TYPES.accessToken)).not.toThrow();
      expect(() => checkTokenType('subject_token', 'a.b.c', TOKEN_TYPES.jwt)).not.toThrow();
      expect(() => checkTokenType('subject_token', 'oat_abc', TOKEN_TYPES.jwt)).toThrow(InvalidRequest);
    });

    it('§2.1: refuses a missing or foreign type', () => {
      expect(() => checkTokenType('subject_token', 'a.b.c', undefined)).toThrow('subject_token_type is required');
      expect(() => checkTokenType('subject_token', 'a.b.c', 'urn:ietf:params:oauth:token-type:id_token')).toThrow(InvalidRequest);
    });
  });

  describe(targetOf.name, () => {
    it('takes resource or audience, and both only when they agree', () => {
      expect(targetOf('https://a', undefined)).toBe('https://a');
      expect(targetOf(undefined, 'https://a')).toBe('https://a');
      expect(targetOf('https://a', 'https://a')).toBe('https://a');
      expect(() => targetOf('https://a', 'https://b')).toThrow(InvalidRequest);
      expect(() => targetOf(undefined, undefined)).toThrow(InvalidRequest);
    });
  });

  describe(narrowedScopes.name, () => {
    const held = 'openid orders:read orders:write';
    const api = ['orders:read', 'orders:write', 'orders:admin'];

    it('without scope: what the subject holds of the API', () => {
      expect(narrowedScopes(undefined, held, api)).toEqual(['orders:read', 'orders:write']);
    });

    it('a requested scope must be held and defined by the API', () => {
      expect(narrowedScopes('orders:read', held, api)).toEqual(['orders:read']);
      expect(() => narrowedScopes('orders:admin', held, api)).toThrow(InvalidScope);
      expect(() => narrowedScopes('openid', held, api)).toThrow(InvalidScope);
      expect(() => narrowedScopes('bad  scope', held, api)).toThrow(InvalidScope);
    });

    it('refuses a subject token with nothing for the API', () => {
      expect(() => narrowedScopes(undefined, 'openid profile', api)).toThrow(InvalidScope);
    });
  });

  describe(actorChain.name, () => {
    it('§4.1: the new actor on top, the earlier chain nested', () => {
      const first = actorChain('svc-a', undefined, 3);
      const second = actorChain('svc-b', first, 3);
      expect(second).toEqual({ sub: 'svc-b', act: { sub: 'svc-a' } });
      expect(chainSubjects(second)).toEqual(['svc-b', 'svc-a']);
    });

    it('refuses a chain longer than the limit', () => {
      const two = actorChain('b', actorChain('a', undefined, 2), 2);
      expect(() => actorChain('c', two, 2)).toThrow(InvalidRequest);
    });
  });
});
