/**
 * RFC 9449 §5 and RFC 6750 §4: the token_type of an access token — DPoP when it is bound to a proof key
 * (its cnf.jkt thumbprint), Bearer otherwise.
 */
export function tokenTypeOf(jkt?: string | null): 'DPoP' | 'Bearer' {
  return jkt ? 'DPoP' : 'Bearer';
}
