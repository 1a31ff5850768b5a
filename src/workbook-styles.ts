import type { BorderSide, HeaderFont, SheetDefinition, SheetName } from './sheet-definitions.ts';
import { escapeXmlAttribute } from './xml-text.ts';

/** The styles part of the workbook and, per sheet and column, the cell style index to write with. */
export interface WorkbookStyles {
  /** `xl/styles.xml`. */
  xml: string;
  /** `cellXfs` index of each row-1 cell, per sheet, parallel to the sheet's headers. */
  headerStyleIds: ReadonlyMap<SheetName, readonly number[]>;
  /** `cellXfs` index of every data cell of a column, per sheet, parallel to the sheet's headers. */
  dataStyleIds: ReadonlyMap<SheetName, readonly number[]>;
}

interface FontStyle {
  name: string;
  sizePt: number;
  bold: boolean;
}

/**
 * The workbook's default font, the template's: it is what empty cells show and what Excel measures column
 * widths in (the template's widths assume it).
 */
const DEFAULT_FONT: FontStyle = { name: 'Aptos Narrow', sizePt: 11, bold: false };

const BORDER_ORDER: readonly BorderSide[] = ['left', 'right', 'top', 'bottom'];

/**
 * Builds `xl/styles.xml` for the sheets: row-1 cells in their header font (bold) and border; data cells
 * in the font name and size of their column's header cell, not bold, with a copy of its border, as the
 * original's `_write_sheet_data` does (spec 5.1). The template's header cells set no alignment, so data
 * cells get the default alignment, which is that copy. Fonts, borders and cell formats are deduplicated,
 * so the part stays a few kilobytes whatever the number of rows.
 */
export function buildWorkbookStyles(definitions: readonly SheetDefinition[]): WorkbookStyles {
  const fonts = new IndexedSet<FontStyle>(fontKey);
  const borders = new IndexedSet<readonly BorderSide[]>(borderKey);
  const cellFormats = new IndexedSet<{ fontId: number; borderId: number }>(
    (format) => `${format.fontId}/${format.borderId}`,
  );
  fonts.add(DEFAULT_FONT);
  borders.add([]);
  cellFormats.add({ fontId: 0, borderId: 0 });

  const styleIdOf = (font: FontStyle, border: readonly BorderSide[]): number =>
    cellFormats.add({ fontId: fonts.add(font), borderId: borders.add(border) });

  const headerStyleIds = new Map<SheetName, number[]>();
  const dataStyleIds = new Map<SheetName, number[]>();
  for (const definition of definitions) {
    const headerIds: number[] = [];
    const dataIds: number[] = [];
    definition.headers.forEach((header, index) => {
      const font = definition.headerFonts[index];
      const border = definition.headerBorders[index];
      if (font === undefined || border === undefined) {
        throw new Error(
          `Sheet ${JSON.stringify(definition.name)} column ${index + 1} ${header}: no header font or border in the sheet definition`,
        );
      }
      headerIds.push(styleIdOf(headerFontStyle(font), border));
      dataIds.push(styleIdOf({ name: font.name, sizePt: font.sizePt, bold: false }, border));
    });
    headerStyleIds.set(definition.name, headerIds);
    dataStyleIds.set(definition.name, dataIds);
  }

  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<fonts count="${fonts.size}">${fonts.values.map(fontXml).join('')}</fonts>` +
    // The two fills every workbook starts with; no cell uses another.
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    `<borders count="${borders.size}">${borders.values.map(borderXml).join('')}</borders>` +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${cellFormats.size}">${cellFormats.values.map(cellFormatXml).join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '<dxfs count="0"/><tableStyles count="0"/>' +
    '</styleSheet>';
  return { xml, headerStyleIds, dataStyleIds };
}

function headerFontStyle(font: HeaderFont): FontStyle {
  return { name: font.name, sizePt: font.sizePt, bold: font.bold };
}

function fontKey(font: FontStyle): string {
  return `${font.name}/${font.sizePt}/${font.bold}`;
}

function borderKey(sides: readonly BorderSide[]): string {
  return BORDER_ORDER.filter((side) => sides.includes(side)).join(',');
}

function fontXml(font: FontStyle, index: number): string {
  // Header and data fonts are name, size and (for headers) bold only, as openpyxl's `Font(name=..., size=...)`
  // writes the data cells' fonts; the default font keeps the template's family (2, swiss).
  const family = index === 0 ? '<family val="2"/>' : '';
  return `<font>${font.bold ? '<b/>' : ''}<sz val="${font.sizePt}"/><name val="${escapeXmlAttribute(font.name)}"/>${family}</font>`;
}

function borderXml(sides: readonly BorderSide[]): string {
  const parts = BORDER_ORDER.map((side) =>
    sides.includes(side) ? `<${side} style="thin"><color indexed="64"/></${side}>` : `<${side}/>`,
  );
  return `<border>${parts.join('')}<diagonal/></border>`;
}

function cellFormatXml(format: { fontId: number; borderId: number }): string {
  const applied = `${format.fontId === 0 ? '' : ' applyFont="1"'}${format.borderId === 0 ? '' : ' applyBorder="1"'}`;
  return `<xf numFmtId="0" fontId="${format.fontId}" fillId="0" borderId="${format.borderId}" xfId="0"${applied}/>`;
}

/** Values in insertion order, each once by key; `add` returns the value's index. */
class IndexedSet<T> {
  readonly values: T[] = [];
  private readonly indexByKey = new Map<string, number>();

  constructor(private readonly keyOf: (value: T) => string) {}

  get size(): number {
    return this.values.length;
  }

  add(value: T): number {
    const key = this.keyOf(value);
    const existing = this.indexByKey.get(key);
    if (existing !== undefined) return existing;
    this.values.push(value);
    this.indexByKey.set(key, this.values.length - 1);
    return this.values.length - 1;
  }
}
