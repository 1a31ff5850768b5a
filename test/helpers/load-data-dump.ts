import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Loads a `pg_dump --data-only` file (optionally gzipped) into a migrated database through `pg`, so it works
 * on any server the tests use, embedded or not, without `psql`. The dump's statements are `SET`s, `COPY ...
 * FROM stdin` blocks and `SELECT pg_catalog.setval(...)`. The `COPY` blocks are streamed to the server as
 * they are read, with back-pressure (bounded memory); psql meta-commands (`\restrict`) and the `search_path` reset are skipped
 * (every name in the dump is schema-qualified, and the connection is shared with the test).
 *
 * Runs in one transaction: a dump that fails half-way leaves nothing behind.
 */
export async function loadDataDump(client: pg.ClientBase, path: string): Promise<{ copiedRows: number }> {
  const input = createReadStream(path);
  const lines = readLines(path.endsWith('.gz') ? input.pipe(createGunzip()) : input);
  let copiedRows = 0;
  let copy: Writable | null = null;
  let statement = '';
  await client.query('BEGIN');
  try {
    for await (const line of lines) {
      if (copy !== null) {
        if (line === '\\.') {
          copy.end();
          await finished(copy);
          copy = null;
        } else {
          copiedRows += 1;
          if (!copy.write(`${line}\n`)) await once(copy, 'drain');
        }
        continue;
      }
      if (line.startsWith('--') || line.startsWith('\\') || line.trim() === '') continue;
      statement += (statement ? '\n' : '') + line;
      if (!line.trimEnd().endsWith(';')) continue;
      const sql = statement;
      statement = '';
      if (/^COPY\s.+\sFROM stdin;$/s.test(sql)) {
        copy = client.query(copyFrom(sql.replace(/;$/, '')));
      } else if (!sql.includes("set_config('search_path'")) {
        await client.query(sql);
      }
    }
    if (copy !== null || statement !== '') throw new Error(`${path}: the dump ends inside a statement`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await client.query('ANALYZE');
  return { copiedRows };
}

/**
 * The lines of a stream, pulled chunk by chunk (so the consumer's awaits apply back-pressure; readline's
 * async iterator was seen to drop lines while the loop awaited a COPY drain).
 */
async function* readLines(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    rest += decoder.write(chunk);
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}
