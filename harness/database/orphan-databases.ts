import { connect } from './connect.ts';
import { isOwnerAlive, parseOwnerComment } from './process-owner.ts';
import { TEMPLATE_PREFIX, THROWAWAY_PREFIX, dropDatabase } from './throwaway-database.ts';

/**
 * Drops the throwaway databases (`hfcb_*`) that dead runs left on a server: those whose COMMENT names an
 * owner process of this host that is gone (killed with kill -9, or a machine that rebooted). Never touched:
 * template databases (`hfcb_tpl_*`, a deliberate cache), databases of a run that still runs, of another
 * host, or without an owner comment (a run of an older version, or one that is creating its database this
 * very moment). Returns one line per database dropped (or that could not be), to be printed.
 */
export async function reapOrphanDatabases(serverUrl: string): Promise<string[]> {
  const client = await connect(serverUrl, 'look for databases left by interrupted runs');
  let rows: { datname: string; comment: string | null }[];
  try {
    ({ rows } = await client.query<{ datname: string; comment: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database
        WHERE starts_with(datname, $1) AND NOT starts_with(datname, $2) ORDER BY datname`,
      [THROWAWAY_PREFIX, TEMPLATE_PREFIX],
    ));
  } finally {
    await client.end();
  }
  const said: string[] = [];
  for (const { datname, comment } of rows) {
    const owner = parseOwnerComment(comment);
    if (owner === null || isOwnerAlive(owner)) continue;
    try {
      await dropDatabase(serverUrl, datname);
      said.push(`dropped database ${datname}, left by run ${owner.pid} which is gone`);
    } catch (error) {
      said.push(`could not drop database ${datname} left by run ${owner.pid}: ${(error as Error).message}`);
    }
  }
  return said;
}
