/**
 * The six sheets of the HFC report template (spec 5): workbook order, exact names, row-1 headers, header
 * fonts and the Excel table each sheet carries. The workbook writer and the equivalence check read this;
 * the sheet builders emit cells in exactly this column order.
 */

/** Sheet names in workbook order. Sheet 6 ends with a space and sheet 1 is spelt "DoanhNhiep", as in the template. */
export const SHEET_NAMES = [
  '1_Hoso_DoanhNhiep',
  '2_DL_ThietBi_SoHuu',
  '3_DL_ThietBi_SX_NK',
  '4_DL_MoiChat_EoL',
  '5_DL_MoiChat_Bulk',
  '6_DL_QuanLy_HanNgach ',
] as const;

export type SheetName = (typeof SHEET_NAMES)[number];

/** The sheet the template opens on (its `activeTab` is 5), and so the original's output too. */
export const ACTIVE_SHEET: SheetName = '6_DL_QuanLy_HanNgach ';

/** One cell value: texts are strings, ints and quantities are numbers (spec 4.8). */
export type Cell = string | number;

/** The data rows (from row 2 on, headers excluded) of every sheet. */
export type SheetRows = Record<SheetName, Cell[][]>;

/** A row-1 header font. Data cells copy name and size from it, not bold (spec 4). */
export interface HeaderFont {
  name: 'Arial';
  sizePt: 10 | 11;
  bold: true;
}

/** A side of a cell border; the template's header borders are all thin and black (indexed colour 64). */
export type BorderSide = 'left' | 'right' | 'top' | 'bottom';

/**
 * A `<col>` range of the template: columns `firstColumn`..`lastColumn` (1-based, inclusive) are `width`
 * characters wide. `customWidth` is false for the template's trailing range that only restates the
 * default width.
 */
export interface ColumnWidth {
  firstColumn: number;
  lastColumn: number;
  width: number;
  customWidth: boolean;
}

/** One sheet of the template. */
export interface SheetDefinition {
  name: SheetName;
  /** `sheetId` in the template's workbook.xml. */
  templateSheetId: number;
  /** Row-1 headers, one per column, starting at A. */
  headers: readonly string[];
  /** Row-1 font of each column, parallel to `headers`. */
  headerFonts: readonly HeaderFont[];
  /**
   * Thin border sides of each row-1 cell, parallel to `headers`. They vary per column in the template
   * (the first and last columns lack a side, sheet 3 has borders on A1 only) and data cells copy them.
   * The template's header cells have no alignment set, so there is none to copy.
   */
  headerBorders: readonly (readonly BorderSide[])[];
  /** The template's column widths, exactly as its `<col>` elements give them (in characters). */
  columnWidths: readonly ColumnWidth[];
  /**
   * The Excel table over the header row and blank row(s); `id` is the table's id in the template (the
   * number in its name). The export does not resize it (spec 5.1).
   */
  table: { id: number; name: string; ref: string };
}

const ARIAL_10_BOLD: HeaderFont = { name: 'Arial', sizePt: 10, bold: true };
const ARIAL_11_BOLD: HeaderFont = { name: 'Arial', sizePt: 11, bold: true };

/**
 * Header borders written compactly: one code per column, a subset of the letters L, R, T, B (left, right,
 * top, bottom), or '' for none.
 */
function borders(...codes: string[]): (readonly BorderSide[])[] {
  const sides: Record<string, BorderSide> = { L: 'left', R: 'right', T: 'top', B: 'bottom' };
  return codes.map((code) =>
    [...code].map((letter) => {
      const side = sides[letter];
      if (side === undefined) throw new Error(`Unknown border code ${JSON.stringify(letter)} in ${code}`);
      return side;
    }),
  );
}

/** Widths of columns 1.. in order; a `[width, lastColumn]` pair covers a range, as one template `<col>` does. */
function widths(...entries: (number | readonly [number, number] | null)[]): ColumnWidth[] {
  const result: ColumnWidth[] = [];
  let column = 1;
  for (const entry of entries) {
    if (entry === null) {
      column++; // a column the template leaves at the default width
      continue;
    }
    const [width, lastColumn] = typeof entry === 'number' ? [entry, column] : entry;
    result.push({ firstColumn: column, lastColumn, width, customWidth: true });
    column = lastColumn + 1;
  }
  return result;
}

/** The range after the last listed column up to XFD that sheets 1 and 2 of the template carry. */
function defaultWidthFrom(firstColumn: number): ColumnWidth {
  return { firstColumn, lastColumn: 16384, width: 8.88671875, customWidth: false };
}

function sheet(
  name: SheetName,
  templateSheetId: number,
  table: { id: number; name: string; ref: string },
  layout: { headerBorders: (readonly BorderSide[])[]; columnWidths: ColumnWidth[] },
  headers: readonly string[],
  fontOfColumn: (columnIndex: number) => HeaderFont = () => ARIAL_10_BOLD,
): SheetDefinition {
  if (layout.headerBorders.length !== headers.length) {
    throw new Error(`Sheet ${JSON.stringify(name)}: one header border per header expected`);
  }
  return {
    name,
    templateSheetId,
    table,
    headers,
    headerFonts: headers.map((_, index) => fontOfColumn(index)),
    headerBorders: layout.headerBorders,
    columnWidths: layout.columnWidths,
  };
}

/** The six sheets in workbook order. */
export const SHEET_DEFINITIONS: readonly SheetDefinition[] = [
  sheet(
    '1_Hoso_DoanhNhiep',
    1,
    { id: 2, name: 'Table2', ref: 'A1:T4' },
    {
      headerBorders: borders('RB', ...Array<string>(18).fill('LRB'), 'LB'),
      columnWidths: [
        ...widths(
          5,
          16.88671875,
          9.109375,
          12.77734375,
          13.33203125,
          26,
          8.21875,
          24.33203125,
          7.109375,
          15.5546875,
          10.21875,
          6.109375,
          21.6640625,
          23.44140625,
          22.77734375,
          23.5546875,
          25.5546875,
          22.6640625,
          27.77734375,
          22.109375,
        ),
        defaultWidthFrom(21),
      ],
    },
    [
      'STT',
      'TenDoanhNghiep',
      'MaSoDN',
      'NamBaoCao',
      'NguonDuLieu',
      'TenNguoiDaiDienPhapLuat',
      'ChucVu',
      'TenNguoiDaiDienLienLac',
      'DiaChi',
      'Tinh_ThanhPho',
      'DienThoai',
      'Email',
      'LinhVuc_SanXuatChat',
      'LinhVuc_NhapKhauChat',
      'LinhVuc_XuatKhauChat',
      'LinhVuc_SanXuatThietBi',
      'LinhVuc_NhapKhauThietBi',
      'LinhVuc_SoHuu_DHKK',
      'LinhVuc_SoHuu_ThietBiLanh',
      'LinhVuc_ThuGomXuLy',
    ],
    // Columns A-H are Arial 11 in the template, I-T Arial 10.
    (columnIndex) => (columnIndex < 8 ? ARIAL_11_BOLD : ARIAL_10_BOLD),
  ),
  sheet(
    '2_DL_ThietBi_SoHuu',
    5,
    { id: 4, name: 'Table4', ref: 'A1:M2' },
    {
      headerBorders: borders('LRB', 'RB', ...Array<string>(10).fill('LRB'), 'LB'),
      columnWidths: [
        ...widths(
          17.21875,
          10.44140625,
          13.6640625,
          14.88671875,
          17,
          15.88671875,
          10.33203125,
          11.21875,
          13.77734375,
          10.44140625,
          16.5546875,
          17.6640625,
          19.77734375,
        ),
        defaultWidthFrom(14),
      ],
    },
    [
      'TenDoanhNghiep',
      'MaSoDN',
      'NamBaoCao',
      'NguonDuLieu',
      'PhanLoaiThietBi',
      'TenLoaiThietBi',
      'TenChat',
      'NangSuat',
      'NamSuDung',
      'SoLuong',
      'TanSuatNapMoi',
      'LuongNapMoi_kg',
      'GhiChu_ThietBiMoi',
    ],
  ),
  sheet(
    '3_DL_ThietBi_SX_NK',
    6,
    { id: 5, name: 'Table5', ref: 'A1:K2' },
    {
      headerBorders: borders('LRTB', ...Array<string>(10).fill('')),
      columnWidths: widths(
        18,
        10.44140625,
        13.6640625,
        14.88671875,
        11.6640625,
        17.77734375,
        null,
        11.21875,
        10.44140625,
        10.33203125,
        22.109375,
      ),
    },
    [
      'TenDoanhNghiep',
      'MaSoDN',
      'NamBaoCao',
      'NguonDuLieu',
      'HoatDong',
      'TenLoaiSanPham',
      'MaHS',
      'NangSuat',
      'SoLuong',
      'TenChat',
      'LuongChatTrongTB_kg',
    ],
  ),
  sheet(
    '4_DL_MoiChat_EoL',
    7,
    { id: 6, name: 'Table6', ref: 'A1:I2' },
    {
      headerBorders: borders('LRB', 'RB', ...Array<string>(6).fill('LRB'), 'LB'),
      columnWidths: widths(
        17.77734375,
        10.44140625,
        13.6640625,
        15.21875,
        10.33203125,
        11.6640625,
        14.88671875,
        [11.109375, 9],
      ),
    },
    [
      'TenDoanhNghiep',
      'MaSoDN',
      'NamBaoCao',
      'NguonDuLieu',
      'TenChat',
      'HoatDong',
      'KhoiLuong_kg',
      'ChiTiet_1',
      'ChiTiet_2',
    ],
  ),
  sheet(
    '5_DL_MoiChat_Bulk',
    8,
    { id: 7, name: 'Table7', ref: 'A1:I2' },
    {
      headerBorders: borders(...Array<string>(9).fill('LRB')),
      columnWidths: widths(
        17.33203125,
        10.44140625,
        14.88671875,
        11.6640625,
        10.33203125,
        13.21875,
        11,
        14.5546875,
      ),
    },
    [
      'TenDoanhNghiep',
      'MaSoDN',
      'NguonDuLieu',
      'HoatDong',
      'TenChat',
      'NamDuLieu',
      'Luong_kg',
      'Luong_CO2td',
      'MaHS',
    ],
  ),
  sheet(
    '6_DL_QuanLy_HanNgach ',
    10,
    { id: 1, name: 'Table1', ref: 'A1:L2' },
    {
      headerBorders: borders('RB', ...Array<string>(10).fill('LRB'), 'LB'),
      columnWidths: widths(
        18,
        10,
        15.44140625,
        [13.77734375, 5],
        14.77734375,
        11.21875,
        13.21875,
        16.5546875,
        10.33203125,
        13.77734375,
      ),
    },
    [
      'TenDoanhNghiep',
      'MaSoDN',
      'NguonDuLieu',
      'NamBaoCao',
      'NamDuLieu',
      'HoatDong',
      'TenChat',
      'MaHS',
      'LoaiThongTin',
      'Luong_kg',
      'Luong_CO2td',
      'GhiChu',
    ],
  ),
];

/** The definition of one sheet by name. */
export function sheetDefinition(name: SheetName): SheetDefinition {
  const definition = SHEET_DEFINITIONS.find((candidate) => candidate.name === name);
  if (definition === undefined) throw new Error(`No sheet definition for sheet name ${JSON.stringify(name)}`);
  return definition;
}
