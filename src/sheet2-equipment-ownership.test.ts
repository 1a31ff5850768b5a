import { describe, expect, it } from 'vitest';
import { InMemoryRecordAccess } from './in-memory-record-access.ts';
import { makeDocument, makeEquipmentOwnership } from './record-fixtures.ts';
import { buildSheet2 } from './sheet2-equipment-ownership.ts';

const organizations = [{ id: 100, name: 'Công ty Lạnh', businessId: '0101' }];
const substanceNames = new Map([
  [1, 'HFC-32'],
  [2, 'R-410A'],
]);

function form01Fixture() {
  const doc = makeDocument({ id: 1, documentType: '01', year: 2024, organizationId: 100 });
  const children = {
    // Database order: sequence NULLS LAST, id. The NULL-sequence row moves first (no title above it).
    equipment_ownership: [
      makeEquipmentOwnership({ id: 10, sequence: 10, isTitle: true, equipmentType: 'Điều hòa không khí' }),
      makeEquipmentOwnership({
        id: 11,
        sequence: 20,
        equipmentType: 'Điều hòa trung tâm',
        substanceId: 1,
        coolingCapacity: '5 HP',
        powerCapacity: '3.5 kW',
        startYear: 2015,
        equipmentQuantity: 3,
        refillFrequency: '1 lần/năm',
        substanceQuantityPerRefill: '2.5',
        notes: 'ignored on Form 01',
      }),
      makeEquipmentOwnership({ id: 12, sequence: 30, substanceId: 2, startYear: 0, capacity: ' ' }),
      makeEquipmentOwnership({ id: 13, sequence: 40, isTitle: true, equipmentType: null }),
      makeEquipmentOwnership({ id: 14, sequence: 50, substanceId: null, substanceQuantityPerRefill: '' }),
      makeEquipmentOwnership({ id: 15, sequence: null, equipmentType: 'Tủ lạnh', substanceId: 1 }),
    ],
    // Children of the other form are never read (spec 4, general rules).
    equipment_ownership_report: [makeEquipmentOwnership({ id: 99, equipmentType: 'wrong form' })],
  };
  return { doc, children };
}

describe('buildSheet2', () => {
  it('writes Form 01 rows with title context, capacity rule and the or-0 / or-empty defaults', async () => {
    const { doc, children } = form01Fixture();
    const access = new InMemoryRecordAccess({
      organizations,
      substanceNames,
      children: new Map([[1, children]]),
    });

    expect(await buildSheet2([doc], access, null)).toEqual([
      ['Công ty Lạnh', '0101', 2024, 'Mẫu 01 - Bảng 1.3', '', 'Tủ lạnh', 'HFC-32', '', '', 0, '', 0, ''],
      [
        ...['Công ty Lạnh', '0101', 2024, 'Mẫu 01 - Bảng 1.3', 'Điều hòa không khí', 'Điều hòa trung tâm'],
        ...['HFC-32', '5 HP/3.5 kW', 2015, 3, '1 lần/năm', '2.5', ''],
      ],
      [
        'Công ty Lạnh',
        '0101',
        2024,
        'Mẫu 01 - Bảng 1.3',
        'Điều hòa không khí',
        '',
        'R-410A',
        ' ',
        '',
        0,
        '',
        0,
        '',
      ],
      ['Công ty Lạnh', '0101', 2024, 'Mẫu 01 - Bảng 1.3', '', '', '', '', '', 0, '', 0, ''],
    ]);
    expect(access.calls).toEqual([
      'organization(doc 1)',
      'children(doc 1, equipment_ownership)',
      'substanceName(1)',
      'substanceName(1)',
      'substanceName(2)',
    ]);
  });

  it('writes Form 02 rows from equipment_ownership_report with notes in GhiChu', async () => {
    const doc = makeDocument({ id: 2, documentType: '02', year: null, organizationId: null });
    const children = {
      equipment_ownership: [makeEquipmentOwnership({ id: 98, equipmentType: 'wrong form' })],
      equipment_ownership_report: [
        makeEquipmentOwnership({
          id: 20,
          sequence: 10,
          equipmentType: 'Kho lạnh',
          notes: 'Thiết bị mới',
          startYear: 2020,
        }),
      ],
    };
    const access = new InMemoryRecordAccess({ children: new Map([[2, children]]) });
    expect(await buildSheet2([doc], access, null)).toEqual([
      ['', '', 0, 'Mẫu 02 - Bảng 2.3', '', 'Kho lạnh', '', '', 2020, 0, '', 0, 'Thiết bị mới'],
    ]);
  });

  it('keeps rows without a substance under an active filter and resolves names only for kept rows', async () => {
    const { doc, children } = form01Fixture();
    const access = new InMemoryRecordAccess({
      organizations,
      substanceNames,
      children: new Map([[1, children]]),
    });

    const rows = await buildSheet2([doc], access, { ids: new Set([2]) });
    expect(rows.map((row) => [row[5], row[6]])).toEqual([
      ['', 'R-410A'],
      ['', ''],
    ]);
    expect(access.calls.filter((call) => call.startsWith('substanceName'))).toEqual(['substanceName(2)']);
  });
});
