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

/** One sheet of the template. */
export interface SheetDefinition {
  name: SheetName;
  /** `sheetId` in the template's workbook.xml. */
  templateSheetId: number;
  /** Row-1 headers, one per column, starting at A. */
  headers: readonly string[];
  /** Row-1 font of each column, parallel to `headers`. */
  headerFonts: readonly HeaderFont[];
  /** The Excel table over the header row and blank row(s); the export does not resize it. */
  table: { name: string; ref: string };
}

const ARIAL_10_BOLD: HeaderFont = { name: 'Arial', sizePt: 10, bold: true };
const ARIAL_11_BOLD: HeaderFont = { name: 'Arial', sizePt: 11, bold: true };

function sheet(
  name: SheetName,
  templateSheetId: number,
  table: { name: string; ref: string },
  headers: readonly string[],
  fontOfColumn: (columnIndex: number) => HeaderFont = () => ARIAL_10_BOLD,
): SheetDefinition {
  return {
    name,
    templateSheetId,
    table,
    headers,
    headerFonts: headers.map((_, index) => fontOfColumn(index)),
  };
}

/** The six sheets in workbook order. */
export const SHEET_DEFINITIONS: readonly SheetDefinition[] = [
  sheet(
    '1_Hoso_DoanhNhiep',
    1,
    { name: 'Table2', ref: 'A1:T4' },
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
  sheet('2_DL_ThietBi_SoHuu', 5, { name: 'Table4', ref: 'A1:M2' }, [
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
  ]),
  sheet('3_DL_ThietBi_SX_NK', 6, { name: 'Table5', ref: 'A1:K2' }, [
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
  ]),
  sheet('4_DL_MoiChat_EoL', 7, { name: 'Table6', ref: 'A1:I2' }, [
    'TenDoanhNghiep',
    'MaSoDN',
    'NamBaoCao',
    'NguonDuLieu',
    'TenChat',
    'HoatDong',
    'KhoiLuong_kg',
    'ChiTiet_1',
    'ChiTiet_2',
  ]),
  sheet('5_DL_MoiChat_Bulk', 8, { name: 'Table7', ref: 'A1:I2' }, [
    'TenDoanhNghiep',
    'MaSoDN',
    'NguonDuLieu',
    'HoatDong',
    'TenChat',
    'NamDuLieu',
    'Luong_kg',
    'Luong_CO2td',
    'MaHS',
  ]),
  sheet('6_DL_QuanLy_HanNgach ', 10, { name: 'Table1', ref: 'A1:L2' }, [
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
  ]),
];

/** The definition of one sheet by name. */
export function sheetDefinition(name: SheetName): SheetDefinition {
  const definition = SHEET_DEFINITIONS.find((candidate) => candidate.name === name);
  if (definition === undefined) throw new Error(`No sheet definition for sheet name ${JSON.stringify(name)}`);
  return definition;
}
