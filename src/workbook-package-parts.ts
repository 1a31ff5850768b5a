import { escapeXmlAttribute } from './xml-text.ts';
import type { SheetDefinition } from './sheet-definitions.ts';

/**
 * The small, fixed parts of the HFC workbook package (everything but the worksheets' cell data and the
 * styles), laid out as the template lays them out: sheet `k` (1-based, in workbook order) is
 * `xl/worksheets/sheet{k}.xml`, and its one table is `xl/tables/table{k}.xml`.
 */

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Zip entry names of sheet `sheetNumber` (1-based) and of its table. */
export function sheetPartName(sheetNumber: number): string {
  return `xl/worksheets/sheet${sheetNumber}.xml`;
}
export function sheetRelationshipsPartName(sheetNumber: number): string {
  return `xl/worksheets/_rels/sheet${sheetNumber}.xml.rels`;
}
export function tablePartName(sheetNumber: number): string {
  return `xl/tables/table${sheetNumber}.xml`;
}

/** `[Content_Types].xml` for `sheetCount` sheets, each with one table. */
export function contentTypesXml(sheetCount: number): string {
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE}.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE}.styles+xml"/>`,
  ];
  for (let sheetNumber = 1; sheetNumber <= sheetCount; sheetNumber++) {
    overrides.push(
      `<Override PartName="/${sheetPartName(sheetNumber)}" ContentType="${CONTENT_TYPE}.worksheet+xml"/>`,
      `<Override PartName="/${tablePartName(sheetNumber)}" ContentType="${CONTENT_TYPE}.table+xml"/>`,
    );
  }
  return (
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.join('') +
    '</Types>'
  );
}

/** `_rels/.rels`: the package's entry point, the workbook. */
export function packageRelationshipsXml(): string {
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIPS_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '</Relationships>'
  );
}

/**
 * `xl/workbook.xml`: the sheets in order with their template `sheetId`s, and the workbook view opening on
 * `activeSheetIndex` (0-based).
 */
export function workbookXml(definitions: readonly SheetDefinition[], activeSheetIndex: number): string {
  const sheets = definitions
    .map(
      (definition, index) =>
        `<sheet name="${escapeXmlAttribute(definition.name)}" sheetId="${definition.templateSheetId}" r:id="rId${index + 1}"/>`,
    )
    .join('');
  return (
    XML_DECLARATION +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIPS_NS}">` +
    `<bookViews><workbookView activeTab="${activeSheetIndex}"/></bookViews>` +
    `<sheets>${sheets}</sheets>` +
    '</workbook>'
  );
}

/** `xl/_rels/workbook.xml.rels`: sheets as `rId1`..`rId{n}`, then the styles. */
export function workbookRelationshipsXml(sheetCount: number): string {
  const relationships: string[] = [];
  for (let sheetNumber = 1; sheetNumber <= sheetCount; sheetNumber++) {
    relationships.push(
      `<Relationship Id="rId${sheetNumber}" Type="${RELATIONSHIPS_NS}/worksheet" Target="worksheets/sheet${sheetNumber}.xml"/>`,
    );
  }
  relationships.push(
    `<Relationship Id="rId${sheetCount + 1}" Type="${RELATIONSHIPS_NS}/styles" Target="styles.xml"/>`,
  );
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">${relationships.join('')}</Relationships>`
  );
}

/** The relationship id by which a worksheet refers to its table (see {@link sheetRelationshipsXml}). */
export const TABLE_RELATIONSHIP_ID = 'rId1';

/** `xl/worksheets/_rels/sheet{k}.xml.rels`: the sheet's one table. */
export function sheetRelationshipsXml(sheetNumber: number): string {
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
    `<Relationship Id="${TABLE_RELATIONSHIP_ID}" Type="${RELATIONSHIPS_NS}/table" Target="../tables/table${sheetNumber}.xml"/>` +
    '</Relationships>'
  );
}

/**
 * `xl/tables/table{k}.xml`: the sheet's Excel table with the template's id, name and ref, its columns
 * named after the headers, row stripes on and no table style, as in the template. The ref is the
 * template's whatever the number of rows written: the original never resizes its tables (spec 5.1).
 */
export function tableXml(definition: SheetDefinition): string {
  const { id, name, ref } = definition.table;
  const columns = definition.headers
    .map((header, index) => `<tableColumn id="${index + 1}" name="${escapeXmlAttribute(header)}"/>`)
    .join('');
  return (
    XML_DECLARATION +
    `<table xmlns="${MAIN_NS}" id="${id}" name="${escapeXmlAttribute(name)}" displayName="${escapeXmlAttribute(name)}" ref="${ref}" totalsRowShown="0">` +
    `<tableColumns count="${definition.headers.length}">${columns}</tableColumns>` +
    '<tableStyleInfo showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
    '</table>'
  );
}
