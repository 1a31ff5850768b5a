import { describe, expect, it } from 'vitest';
import { ACTIVE_SHEET, SHEET_DEFINITIONS, SHEET_NAMES, sheetDefinition } from './sheet-definitions.ts';

describe('SHEET_DEFINITIONS', () => {
  it('lists the six template sheets in workbook order, with the exact names and sheet ids', () => {
    expect(SHEET_DEFINITIONS.map((definition) => [definition.name, definition.templateSheetId])).toEqual([
      ['1_Hoso_DoanhNhiep', 1],
      ['2_DL_ThietBi_SoHuu', 5],
      ['3_DL_ThietBi_SX_NK', 6],
      ['4_DL_MoiChat_EoL', 7],
      ['5_DL_MoiChat_Bulk', 8],
      ['6_DL_QuanLy_HanNgach ', 10],
    ]);
    expect(SHEET_NAMES).toEqual(SHEET_DEFINITIONS.map((definition) => definition.name));
  });

  it('keeps the trailing space of sheet 6 and nowhere else', () => {
    expect(SHEET_NAMES.filter((name) => name !== name.trimEnd())).toEqual(['6_DL_QuanLy_HanNgach ']);
  });

  it('gives every sheet its table and a table ref as wide as its headers', () => {
    expect(SHEET_DEFINITIONS.map((definition) => [definition.table.name, definition.table.ref])).toEqual([
      ['Table2', 'A1:T4'],
      ['Table4', 'A1:M2'],
      ['Table5', 'A1:K2'],
      ['Table6', 'A1:I2'],
      ['Table7', 'A1:I2'],
      ['Table1', 'A1:L2'],
    ]);
    // The table ids of the template are the numbers in the table names.
    for (const definition of SHEET_DEFINITIONS) {
      expect(`Table${definition.table.id}`).toBe(definition.table.name);
    }
    for (const definition of SHEET_DEFINITIONS) {
      const lastColumn = definition.table.ref.split(':')[1]?.charAt(0) ?? '';
      expect(lastColumn.charCodeAt(0) - 'A'.charCodeAt(0) + 1).toBe(definition.headers.length);
    }
  });

  it('has the row-1 headers of spec 5', () => {
    expect(sheetDefinition('1_Hoso_DoanhNhiep').headers.join(',')).toBe(
      'STT,TenDoanhNghiep,MaSoDN,NamBaoCao,NguonDuLieu,TenNguoiDaiDienPhapLuat,ChucVu,TenNguoiDaiDienLienLac,' +
        'DiaChi,Tinh_ThanhPho,DienThoai,Email,LinhVuc_SanXuatChat,LinhVuc_NhapKhauChat,LinhVuc_XuatKhauChat,' +
        'LinhVuc_SanXuatThietBi,LinhVuc_NhapKhauThietBi,LinhVuc_SoHuu_DHKK,LinhVuc_SoHuu_ThietBiLanh,' +
        'LinhVuc_ThuGomXuLy',
    );
    expect(sheetDefinition('2_DL_ThietBi_SoHuu').headers.join(',')).toBe(
      'TenDoanhNghiep,MaSoDN,NamBaoCao,NguonDuLieu,PhanLoaiThietBi,TenLoaiThietBi,TenChat,NangSuat,NamSuDung,' +
        'SoLuong,TanSuatNapMoi,LuongNapMoi_kg,GhiChu_ThietBiMoi',
    );
    expect(sheetDefinition('3_DL_ThietBi_SX_NK').headers.join(',')).toBe(
      'TenDoanhNghiep,MaSoDN,NamBaoCao,NguonDuLieu,HoatDong,TenLoaiSanPham,MaHS,NangSuat,SoLuong,TenChat,' +
        'LuongChatTrongTB_kg',
    );
    expect(sheetDefinition('4_DL_MoiChat_EoL').headers.join(',')).toBe(
      'TenDoanhNghiep,MaSoDN,NamBaoCao,NguonDuLieu,TenChat,HoatDong,KhoiLuong_kg,ChiTiet_1,ChiTiet_2',
    );
    expect(sheetDefinition('5_DL_MoiChat_Bulk').headers.join(',')).toBe(
      'TenDoanhNghiep,MaSoDN,NguonDuLieu,HoatDong,TenChat,NamDuLieu,Luong_kg,Luong_CO2td,MaHS',
    );
    expect(sheetDefinition('6_DL_QuanLy_HanNgach ').headers.join(',')).toBe(
      'TenDoanhNghiep,MaSoDN,NguonDuLieu,NamBaoCao,NamDuLieu,HoatDong,TenChat,MaHS,LoaiThongTin,Luong_kg,' +
        'Luong_CO2td,GhiChu',
    );
  });

  it('uses Arial 11 bold for A-H of sheet 1 and Arial 10 bold everywhere else', () => {
    const sheet1Sizes = sheetDefinition('1_Hoso_DoanhNhiep').headerFonts.map((font) => font.sizePt);
    expect(sheet1Sizes).toEqual([
      11, 11, 11, 11, 11, 11, 11, 11, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10,
    ]);
    for (const definition of SHEET_DEFINITIONS) {
      expect(definition.headerFonts).toHaveLength(definition.headers.length);
      expect(definition.headerFonts.every((font) => font.name === 'Arial' && font.bold)).toBe(true);
      if (definition.name !== '1_Hoso_DoanhNhiep') {
        expect(new Set(definition.headerFonts.map((font) => font.sizePt))).toEqual(new Set([10]));
      }
    }
  });

  it('opens on sheet 6, gives every header a border, and lists column widths in order without overlap', () => {
    expect(ACTIVE_SHEET).toBe('6_DL_QuanLy_HanNgach ');
    for (const definition of SHEET_DEFINITIONS) {
      expect(definition.headerBorders).toHaveLength(definition.headers.length);
      let previousLast = 0;
      for (const range of definition.columnWidths) {
        expect(range.firstColumn).toBeGreaterThan(previousLast);
        expect(range.lastColumn).toBeGreaterThanOrEqual(range.firstColumn);
        expect(range.width).toBeGreaterThan(0);
        previousLast = range.lastColumn;
      }
    }
    expect(sheetDefinition('3_DL_ThietBi_SX_NK').headerBorders.map((sides) => sides.length)).toEqual([
      4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });
});
