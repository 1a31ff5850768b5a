import { connect } from '../../harness/database/database-server.ts';

/**
 * The harness's throwaway databases on a server whose names match `like` (a `LIKE` pattern, `\_` for a
 * literal underscore), sorted; the `hfcb_tpl_*` templates are never among them. Tests running benches on the
 * same server at the same time tell their own databases apart by a pattern only they use (a size, say).
 */
export async function harnessDatabases(serverUrl: string, like = 'hfcb\\_%'): Promise<string[]> {
  const client = await connect(serverUrl);
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname NOT LIKE 'hfcb\\_tpl\\_%' ORDER BY 1",
      [like],
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}
