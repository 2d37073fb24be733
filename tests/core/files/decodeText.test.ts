import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/core/files/decodeText.ts';
import { SHARED_GEODATA } from '../../support/packs.ts';

describe('decodeText', () => {
  it('reads the ČÚZK address-point CSV (windows-1250) with Czech diacritics', () => {
    const dir = path.join(SHARED_GEODATA, 'adresni-mista', 'CZ041');
    const bytes = readFileSync(path.join(dir, readdirSync(dir).find((n) => n.includes('506486'))!));
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('windows-1250');
    expect(text.startsWith('Kód ADM;Kód obce;Název obce')).toBe(true);
    expect(text).toContain('Boží Dar');
  });

  it('reads UTF-8 with and without a BOM', () => {
    const utf8 = new TextEncoder().encode('Název;Obec\r\nŽluťoučký kůň;Boží Dar\r\n');
    expect(decodeText(utf8)).toEqual({ text: 'Název;Obec\r\nŽluťoučký kůň;Boží Dar\r\n', encoding: 'utf-8' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeText(withBom).text.startsWith('Název')).toBe(true);
  });
});
