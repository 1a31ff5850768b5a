import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_EXPORT_FILTERS } from '../src/export-filters.ts';
import { SHEET_DEFINITIONS } from '../src/sheet-definitions.ts';
import type { Cell } from '../src/sheet-definitions.ts';
import { writeHfcWorkbook } from '../src/workbook-writer.ts';
import { COLLECTOR_REGISTRY } from '../harness/compare/collectors.ts';
import { COLLECTOR_IDS } from '../harness/results/collector-id.ts';
import { compareWorkbookFiles } from '../harness/compare/equivalence.ts';
import { runExport } from '../harness/compare/run-export.ts';
import { CountingClient } from '../harness/queries/counting-client.ts';
import { readWithOpenpyxl, requireOpenpyxl, skipWithoutOpenpyxl } from './helpers/openpyxl-reader.ts';
import { createSeededTestDatabase } from './helpers/seeded-test-database.ts';
import type { TestDatabase } from './helpers/test-database.ts';

/**
 * Every collector's workbook of a seeded export, as a new user reads it: openpyxl (not exceljs, which the
 * writer's own tests and the equivalence check use) gives back every cell of every sheet with the value and
 * type of the rows, padded and whitespace-only texts included; and the collectors' workbooks are
 * cell-identical.
 */
const DOCUMENTS = 300;

/** What a reader gives back for a written cell: '' is an empty cell, -0 the number 0. */
function expectedCell(cell: Cell): [string | number | null, string] {
  if (cell === '') return [null, 'empty'];
  if (typeof cell === 'number') return [Object.is(cell, -0) ? 0 : cell, 'number'];
  return [cell, 'string'];
}

describe.skipIf(skipWithoutOpenpyxl('the openpyxl read-back of seeded workbooks'))(
  'workbooks of every collector on seeded data, read back by openpyxl',
  () => {
    let db: TestDatabase | undefined;
    let directory = '';

    beforeAll(async () => {
      requireOpenpyxl();
      db = await createSeededTestDatabase('workbooks', DOCUMENTS);
      directory = await mkdtemp(join(tmpdir(), 'hfcb-seeded-workbooks-'));
    });
    afterAll(async () => {
      await db?.drop();
      if (directory !== '') await rm(directory, { recursive: true, force: true });
    });

    it('gives back every cell of the rows, keeps padded texts, and is cell-identical across collectors', async () => {
      if (db === undefined) throw new Error('no seeded database');
      const counting = new CountingClient(db.client, { keepParams: false });
      const paths = new Map<string, string>();
      const cellsRead = new Map<string, unknown>();
      for (const name of COLLECTOR_IDS) {
        const run = await runExport(counting, name, COLLECTOR_REGISTRY[name].collect, NO_EXPORT_FILTERS);
        const path = join(directory, `${name}.xlsx`);
        await writeHfcWorkbook(path, run.rows);
        paths.set(name, path);

        const workbook = await readWithOpenpyxl(path);
        const values = workbook.sheets.map((sheet) =>
          sheet.rows.map((cells) => cells.map(([value, type]) => [value, type])),
        );
        SHEET_DEFINITIONS.forEach((definition, index) => {
          const written = [[...definition.headers], ...run.rows[definition.name]];
          expect(values[index], `${name} ${definition.name}`).toEqual(
            written.map((cells) => cells.map(expectedCell)),
          );
        });
        const padded = Object.values(run.rows)
          .flat(2)
          .filter((cell) => typeof cell === 'string' && cell !== '' && cell !== cell.trim());
        expect(workbook.whitespace, name).toEqual({ preserved: padded.length, unpreserved: [] });
        cellsRead.set(name, values);
      }

      // The seeded data holds whitespace-only capacities (sheet 2 NangSuat), which LibreOffice would read as
      // empty without xml:space="preserve"; openpyxl gives them back as written.
      const v1 = cellsRead.get('v1') as [string | number | null, string][][][];
      const whitespaceOnly = v1[1]?.slice(1).filter((cells) => {
        const value = cells[7]?.[0];
        return typeof value === 'string' && value.trim() === '';
      });
      expect(whitespaceOnly?.length).toBeGreaterThan(0);

      for (const name of COLLECTOR_IDS.filter((candidate) => candidate !== 'v1')) {
        expect(cellsRead.get(name), `${name} read by openpyxl vs v1`).toEqual(v1);
        const comparison = await compareWorkbookFiles(paths.get('v1') ?? '', paths.get(name) ?? '');
        expect(comparison.equivalent, `${name} vs v1 read by exceljs`).toBe(true);
      }
    });
  },
);
