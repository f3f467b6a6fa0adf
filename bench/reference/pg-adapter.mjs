// A PostgreSQL adapter for oidc-provider, written for the benchmark: one table, one jsonb row per model
// instance, with the lookup columns the adapter interface needs (grant id, session uid, user code).
import pg from 'pg';

let pool;

export async function connect(databaseUrl) {
  pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS oidc_models (
      model text NOT NULL,
      id text NOT NULL,
      payload jsonb NOT NULL,
      grant_id text,
      user_code text,
      uid text,
      expires_at timestamptz,
      consumed_at timestamptz,
      PRIMARY KEY (model, id)
    );
    CREATE INDEX IF NOT EXISTS oidc_models_grant_id ON oidc_models (grant_id) WHERE grant_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS oidc_models_uid ON oidc_models (model, uid) WHERE uid IS NOT NULL;
    CREATE INDEX IF NOT EXISTS oidc_models_user_code ON oidc_models (model, user_code) WHERE user_code IS NOT NULL;
  `);
  return pool;
}

export function close() {
  return pool?.end();
}

function toPayload(row) {
  if (!row) return undefined;
  return row.consumed_at ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : row.payload;
}

const LIVE = '(expires_at IS NULL OR expires_at > now())';

export class PgAdapter {
  constructor(model) {
    this.model = model;
  }

  async upsert(id, payload, expiresIn) {
    await pool.query(
      `INSERT INTO oidc_models (model, id, payload, grant_id, user_code, uid, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(secs => $7::int) END)
       ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
         user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
      [this.model, id, payload, payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresIn ?? null],
    );
  }

  async find(id) {
    const { rows } = await pool.query(`SELECT payload, consumed_at FROM oidc_models WHERE model = $1 AND id = $2 AND ${LIVE}`, [this.model, id]);
    return toPayload(rows[0]);
  }

  async findByUid(uid) {
    const { rows } = await pool.query(`SELECT payload, consumed_at FROM oidc_models WHERE model = $1 AND uid = $2 AND ${LIVE}`, [this.model, uid]);
    return toPayload(rows[0]);
  }

  async findByUserCode(userCode) {
    const { rows } = await pool.query(`SELECT payload, consumed_at FROM oidc_models WHERE model = $1 AND user_code = $2 AND ${LIVE}`, [this.model, userCode]);
    return toPayload(rows[0]);
  }

  async consume(id) {
    await pool.query(`UPDATE oidc_models SET consumed_at = now() WHERE model = $1 AND id = $2`, [this.model, id]);
  }

  async destroy(id) {
    await pool.query(`DELETE FROM oidc_models WHERE model = $1 AND id = $2`, [this.model, id]);
  }

  async revokeByGrantId(grantId) {
    await pool.query(`DELETE FROM oidc_models WHERE grant_id = $1`, [grantId]);
  }
}
