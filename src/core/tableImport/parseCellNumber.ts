/**
 * A number as Czech and English tables write it: decimal comma or point, thousands separated by spaces (also the
 * no-break and narrow no-break spaces Excel writes in cs-CZ) or by apostrophes, a leading sign, no unit.
 * "1 234,5" → 1234.5, "50,2312" → 50.2312, "-744 123.45" → −744123.45, "1,234,567" → 1234567 (comma groups of three
 * with no other separator), "" → null. Anything else is not a number (null too; the caller reports the cell).
 */
const SPACES = /[\s\u00a0\u202f']/g;

export function parseCellNumber(text: string): number | null {
  let value = text.trim().replace(/^\+/, '').replace(/^[−–]/, '-');
  if (value === '') return null;
  value = value.replace(SPACES, '');
  const commas = (value.match(/,/g) ?? []).length;
  const points = (value.match(/\./g) ?? []).length;
  if (commas > 0 && points > 0) {
    // Both: the last one is the decimal separator ("1.234,5" or "1,234.5").
    value = value.lastIndexOf(',') > value.lastIndexOf('.') ? value.replace(/\./g, '').replace(',', '.') : value.replace(/,/g, '');
  } else if (commas > 1) {
    // "1,234,567": English thousands separators only when every group has three digits.
    if (!/^-?\d{1,3}(,\d{3})+$/.test(value)) return null;
    value = value.replace(/,/g, '');
  } else if (commas === 1) {
    value = value.replace(',', '.');
  } else if (points > 1) {
    if (!/^-?\d{1,3}(\.\d{3})+$/.test(value)) return null;
    value = value.replace(/\./g, '');
  }
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value)) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
