/**
 * The one markup rule for text that comes from files (obec files, office tables, GPX names, the form): tags,
 * comments, CDATA, processing instructions, `javascript:` URLs and character references are markup. Text is always
 * shown as text, but a field holding markup is refused (`field.containsMarkup`) wherever it comes in, so a report
 * that passes one importer passes all of them and travels to other tools.
 * A spreadsheet formula is not markup: `=IF(A1<B1;1;0)` or `=A1&B1;` are accepted as text (every CSV the project
 * writes neutralises them; see src/core/ctuPackage/excelCsv.ts).
 */
const MARKUP_PATTERN =
  /<\s*\/?\s*[a-z][a-z0-9:-]*(\s[^<>]*)?\/?\s*>|<!--|<!\[cdata\[|<\?|<!doctype|javascript\s*:|&(#\d+|#x[0-9a-f]+|lt|gt|amp|quot|apos|nbsp);/i;

export function containsMarkup(text: string): boolean {
  return MARKUP_PATTERN.test(text);
}
