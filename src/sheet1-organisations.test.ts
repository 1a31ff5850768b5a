import { describe, expect, it } from 'vitest';
import { InMemoryRecordAccess } from './in-memory-record-access.ts';
import { makeDocument } from './record-fixtures.ts';
import { buildSheet1 } from './sheet1-organisations.ts';

const activityFields = [
  { id: 1, code: 'production', active: true },
  { id: 2, code: 'import', active: true },
  { id: 3, code: 'export', active: true },
  { id: 4, code: 'equipment_production', active: true },
  { id: 5, code: 'equipment_import', active: true },
  { id: 6, code: 'ac_ownership', active: true },
  { id: 7, code: 'refrigeration_ownership', active: true },
  { id: 8, code: 'collection_recycling', active: false },
];

describe('buildSheet1', () => {
  it('writes one row per document with the document contact fields, state name and activity flags', async () => {
    const documents = [
      makeDocument({
        id: 11,
        documentType: '01',
        year: 2024,
        organizationId: 100,
        contactStateId: 5,
        legalRepresentativeName: 'Nguyễn Văn A',
        legalRepresentativePosition: 'Giám đốc',
        contactPersonName: 'Trần Thị B',
        contactAddress: '1 Lê Lợi',
        contactPhone: '0901',
        contactEmail: 'a@example.vn',
      }),
      makeDocument({ id: 12, documentType: '02', year: null, organizationId: null, contactEmail: '' }),
    ];
    const access = new InMemoryRecordAccess({
      organizations: [{ id: 100, name: 'Công ty Lạnh', businessId: '0101' }],
      stateNames: new Map([[5, 'Hà Nội']]),
      activityFields,
      documentActivityFieldIds: new Map([
        [11, [2, 6, 1]],
        [12, [8, 3]],
      ]),
    });

    expect(await buildSheet1(documents, access)).toEqual([
      [
        1,
        'Công ty Lạnh',
        '0101',
        2024,
        'Mẫu 01',
        'Nguyễn Văn A',
        'Giám đốc',
        'Trần Thị B',
        '1 Lê Lợi',
        'Hà Nội',
        '0901',
        'a@example.vn',
        ...['X', 'X', '', '', '', 'X', '', ''],
      ],
      // NULL organisation and year; 'collection_recycling' is archived, so no X (spec 8.11).
      [2, '', '', 0, 'Mẫu 02', '', '', '', '', '', '', '', ...['', '', 'X', '', '', '', '', '']],
    ]);
  });

  it('reads organisation, activity codes and contact state once per document, in that order', async () => {
    const access = new InMemoryRecordAccess({});
    await buildSheet1([makeDocument({ id: 1 }), makeDocument({ id: 2 })], access);
    expect(access.calls).toEqual([
      'organization(doc 1)',
      'activityCodes(doc 1)',
      'contactStateName(doc 1)',
      'organization(doc 2)',
      'activityCodes(doc 2)',
      'contactStateName(doc 2)',
    ]);
  });
});
