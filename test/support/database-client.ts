import { Client } from 'pg';
import { EmbeddedPostgres } from '@app/core/database/embedded-postgres';
import type { ThrowawayDatabase } from './throwaway-database';

/**
 * Runs `work` with a plain SQL client on a throwaway database while no server uses it: PostgreSQL through
 * its URL, the embedded database by opening its DATA_DIR (which takes the folder's lock, as a server would).
 */
export async function withDatabaseClient<T>(database: ThrowawayDatabase, work: (client: Client) => Promise<T>): Promise<T> {
  const embedded = database.env.DATABASE_URL ? undefined : await EmbeddedPostgres.start(database.env.DATA_DIR);
  const client = new Client({ connectionString: embedded?.url ?? database.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
    await embedded?.stop();
  }
}
