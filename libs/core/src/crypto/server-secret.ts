import type { DataSource } from 'typeorm';
import { randomToken } from './secrets';

/**
 * The 32-byte secret stored under `name` in server_secrets, shared by every instance. The first instance
 * to ask creates it; a race loses quietly (ON CONFLICT DO NOTHING) and everyone reads the row that won.
 */
export async function serverSecret(dataSource: DataSource, name: string): Promise<Buffer> {
  await dataSource.query(`INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, randomToken(32)]);
  const rows: Array<{ value: string }> = await dataSource.query(`SELECT value FROM server_secrets WHERE name = $1`, [name]);
  return Buffer.from(rows[0].value, 'base64url');
}
