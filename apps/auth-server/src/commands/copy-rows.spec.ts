import { copyRowsOf } from './copy-rows';

describe(copyRowsOf.name, () => {
  const script = [
    '-- PostgreSQL database dump',
    'SET statement_timeout = 0;',
    'COPY public.clients (client_id, client_name) FROM stdin;',
    'app\tApp',
    '\\.',
    'COPY public.signing_keys (kid, "status", private_jwk, retired_at) FROM stdin;',
    'k1\tactive\tenc:v1:abc\t\\N',
    'k2\tretired\t{"kty":"EC","note":"tab\\there, back\\\\slash\\nnew line \\101\\x42"}\t2026-01-01 00:00:00+00',
    '\\.',
    '',
  ].join('\n');

  it("reads the table's rows by column name, decoding COPY escapes and NULL", () => {
    expect(copyRowsOf(script, 'signing_keys')).toEqual([
      { kid: 'k1', status: 'active', private_jwk: 'enc:v1:abc', retired_at: null },
      { kid: 'k2', status: 'retired', private_jwk: '{"kty":"EC","note":"tab\there, back\\slash\nnew line AB"}', retired_at: '2026-01-01 00:00:00+00' },
    ]);
  });

  it('answers no rows for a table the script does not copy', () => {
    expect(copyRowsOf(script, 'users')).toEqual([]);
  });
});
