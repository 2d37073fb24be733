/**
 * Bytes of a text file → text, with the encoding detected: a UTF-8 BOM or valid UTF-8 is UTF-8; anything else is
 * taken as windows-1250, what Czech Excel and ČÚZK write. (Valid UTF-8 that was meant as windows-1250 is
 * practically impossible for Czech text: its diacritics are not valid UTF-8 sequences.)
 */
export type DetectedEncoding = 'utf-8' | 'windows-1250';

export function decodeText(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1250').decode(bytes), encoding: 'windows-1250' };
  }
}
