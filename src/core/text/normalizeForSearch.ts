/**
 * Text folded for searching Czech names: lower case, diacritics removed (NFD + combining marks dropped),
 * hyphens and runs of spaces collapsed. "Boží Dar" and "bozi  dar" both become "bozi dar".
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('cs')
    .replace(/[\s\-–—.,/]+/g, ' ')
    .trim();
}
