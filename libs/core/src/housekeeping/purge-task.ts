/**
 * Rows one table may drop: `where` selects what has expired (with whatever margin replay detection needs).
 * Each lib declares its own tasks next to its migrations.
 */
export interface PurgeTask {
  table: string;
  where: string;
}
