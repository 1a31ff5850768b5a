/**
 * Words Vietnamese company names and their officers are made of, shared by the organisations and by the
 * organisation names documents carry.
 */

/** Legal-form prefixes, in the spellings and cases declarations use. */
export const COMPANY_PREFIXES = [
  'Công ty TNHH',
  'Công ty Cổ phần',
  'Công ty TNHH MTV',
  'Tập đoàn',
  'Doanh nghiệp tư nhân',
  'Chi nhánh Công ty TNHH',
  'CÔNG TY TNHH',
  'Cty TNHH',
];
/** Lines of business; `''` leaves the line out. */
export const COMPANY_LINES = [
  'Điện lạnh',
  'Thương mại và Dịch vụ',
  'Kỹ thuật Nhiệt lạnh',
  'Hóa chất',
  'Xuất nhập khẩu',
  'Cơ điện lạnh',
  'Thiết bị Công nghiệp',
  'Đầu tư và Phát triển',
  'Sản xuất và Thương mại',
  'Thực phẩm',
  'Thủy sản',
  '',
];
/** Distinctive trade names. */
export const COMPANY_WORDS = [
  'An Phát',
  'Thịnh Vượng',
  'Minh Long',
  'Hưng Thịnh',
  'Thành Công',
  'Việt Nhật',
  'Đức Tín',
  'Hòa Bình',
  'Sao Mai',
  'Hoàng Gia',
  'Đông Á',
  'Toàn Cầu',
  'Phương Nam',
  'Ánh Dương',
  'Bắc Hà',
  'Tân Cảng',
  'Ngọc Lan',
];
/** Names starting with the precomposed letter 'Đ', which sorts after all ASCII in code-point order (spec 3). */
export const D_STROKE_NAMES = [
  'Đông Dương Cơ điện',
  'Điện máy Đại Việt',
  'Đại Phát Refrigeration',
  'Đức Minh Hóa chất',
  'Điện lạnh Đà Nẵng',
];
/** Positions of a legal representative. */
export const POSITIONS = ['Giám đốc', 'Tổng Giám đốc', 'Phó Giám đốc', 'Chủ tịch HĐQT', 'Giám đốc điều hành'];
