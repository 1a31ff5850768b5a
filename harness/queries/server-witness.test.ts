import { describe, expect, it } from 'vitest';
import { witnessCounts, WitnessMismatchError } from './server-witness.ts';
import { sqlFingerprint } from './sql-fingerprint.ts';

const DOCS_CLIENT = "SELECT id FROM document_extraction WHERE state = 'completed' AND id = ANY($1)";
const DOCS_SERVER = 'SELECT id FROM document_extraction WHERE state = $2 AND id = ANY($1)';

describe('witnessCounts', () => {
  it('witnesses equal counts once both sides are fingerprinted alike', () => {
    const record = witnessCounts(
      [
        // The client sent a literal where the server shows a placeholder.
        { fingerprint: sqlFingerprint(DOCS_CLIENT).fingerprint, count: 3 },
        {
          fingerprint: sqlFingerprint('SELECT name FROM res_partner WHERE id IN (7, 8, 9)').fingerprint,
          count: 2,
        },
      ],
      [
        { query: DOCS_SERVER, calls: 3, totalExecMs: 1, totalPlanMs: 0.5 },
        // An IN list of another length is another server entry, but the same fingerprint.
        {
          query: 'SELECT name FROM res_partner WHERE id IN ($1, $2)',
          calls: 1,
          totalExecMs: 1,
          totalPlanMs: 0,
        },
        {
          query: 'SELECT name FROM res_partner WHERE id IN ($1, $2, $3)',
          calls: 1,
          totalExecMs: 1,
          totalPlanMs: 0,
        },
      ],
    );
    expect(record).toEqual({ status: 'witnessed', clientCount: 5, serverCalls: 5, mismatches: [] });
  });

  it('names a statement the client never counted, and one the server ran fewer times', () => {
    const record = witnessCounts(
      [{ fingerprint: sqlFingerprint(DOCS_CLIENT).fingerprint, count: 3 }],
      [
        { query: DOCS_SERVER, calls: 2, totalExecMs: 1, totalPlanMs: 0 },
        { query: 'SELECT count(*) FROM res_partner', calls: 1, totalExecMs: 1, totalPlanMs: 0 },
      ],
    );
    expect(record.status).toBe('mismatch');
    expect(record.mismatches).toEqual([
      { statement: sqlFingerprint(DOCS_CLIENT).fingerprint, clientCount: 3, serverCalls: 2 },
      { statement: 'SELECT count(*) FROM res_partner', clientCount: 0, serverCalls: 1 },
    ]);
    expect(new WitnessMismatchError('small/schema v2', record.mismatches).message).toContain(
      '"SELECT count(*) FROM res_partner": client 0, server 1',
    );
  });
});
