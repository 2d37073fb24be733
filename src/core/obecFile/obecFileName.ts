/**
 * The obec file's name: `obec-<ascii name>-<kód>-<date>.geojson`, e.g. `obec-pernink-555452-2026-12-06.geojson`.
 * The name makes a folder of files from many obce readable at the kraj; the kód keeps two obce of one name apart
 * (there are 15 Lhota's); ASCII because mail clients, data boxes and old file systems mangle diacritics.
 */

/** ASCII lower-case words joined by hyphens: "Kraslice" → "kraslice", "Nové Hamry" → "nove-hamry", "Boží Dar" → "bozi-dar". */
export function asciiSlug(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '');
}

/** The file name for an obec (null: every obec: `obec-vse-<date>.geojson`); `date` is the sign-off date, YYYY-MM-DD. */
export function obecFileName(obec: { kod: string; nazev: string } | null, date: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : 'bez-data';
  if (!obec) return `obec-vse-${day}.geojson`;
  const kod = obec.kod.replace(/[^0-9]/g, '');
  const slug = asciiSlug(obec.nazev);
  return `obec-${slug ? `${slug}-` : ''}${kod}-${day}.geojson`;
}
