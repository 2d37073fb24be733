/** The README's table of limits is the one generated from INPUT_LIMITS; and the shared bounded readers' contracts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  decodeInputText,
  jsonDepthExceeds,
  LineLengthGuard,
  listZipEntries,
  longestLineExceeds,
  streamZipBounded,
  zipBudget,
} from '../../../src/core/limits/boundedInput.ts';
import { INPUT_LIMITS, limitsMarkdown } from '../../../src/core/limits/inputLimits.ts';
import { duplicateNameZip, utf16be, utf16le, zipBomb } from '../../support/hostileFiles.ts';

describe('input limits', () => {
  it('the README prints the table generated from INPUT_LIMITS', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const table = readme.split('<!-- limits-table:start -->\n')[1]!.split('\n<!-- limits-table:end -->')[0];
    expect(table).toBe(limitsMarkdown());
  });

  it('decodes UTF-16 by BOM or NUL pattern, refuses binary, drops a UTF-8 BOM', () => {
    expect(decodeInputText(utf16le('{"a":"ž"}'))).toEqual({ ok: true, text: '{"a":"ž"}', encoding: 'utf-16le' });
    expect(decodeInputText(utf16be('{"a":1}'))).toMatchObject({ ok: true, text: '{"a":1}', encoding: 'utf-16be' });
    expect(decodeInputText(utf16le('{"a":1}', false))).toMatchObject({ ok: true, text: '{"a":1}' });
    expect(decodeInputText(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual({ ok: true, text: '{}', encoding: 'utf-8' });
    expect(decodeInputText(new Uint8Array([1, 2, 0, 200, 0, 0, 7]))).toEqual({ ok: false, code: 'binary' });
  });

  it('measures nesting without parsing, strings skipped', () => {
    expect(jsonDepthExceeds('['.repeat(65) + ']'.repeat(65))).toBe(true);
    expect(jsonDepthExceeds('['.repeat(64) + ']'.repeat(64))).toBe(false);
    expect(jsonDepthExceeds(`{"a":"${'['.repeat(1000)}"}`)).toBe(false);
  });

  it('counts line lengths across chunks', () => {
    const guard = new LineLengthGuard(10);
    expect(guard.push('12345')).toBe(true);
    expect(guard.push('678\n1234')).toBe(true);
    expect(guard.push('5678901')).toBe(false);
    expect(longestLineExceeds('a\r'.repeat(5) + 'x'.repeat(20), 10)).toBe(true);
    expect(longestLineExceeds('abc\ndef\r\nghi', 10)).toBe(false);
  });

  it('lists a ZIP without inflating: duplicate names, too many entries, declared bombs refused', () => {
    const budget = zipBudget(64 * 1024 * 1024);
    expect(listZipEntries(duplicateNameZip('a.txt', strToU8('x'), strToU8('y')), budget)).toEqual({ ok: false, code: 'zipDuplicateEntry' });
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= INPUT_LIMITS.zip.entries; i++) many[`f${i}`] = strToU8('x');
    expect(listZipEntries(zipSync(many), budget)).toEqual({ ok: false, code: 'zipTooManyEntries' });
    expect(listZipEntries(zipBomb('z', 8 * 1024 * 1024), budget)).toEqual({ ok: false, code: 'zipBomb' });
    expect(listZipEntries(strToU8('not a zip'), budget)).toEqual({ ok: false, code: 'zipBroken' });
  });

  it('stops a streamed bomb after about a megabyte inflated, whatever its header claims', () => {
    let inflated = 0;
    const result = streamZipBounded(zipBomb('z', 16 * 1024 * 1024), zipBudget(1024 * 1024 * 1024), () => (chunk) => ((inflated += chunk.length), true));
    expect(result).toEqual({ ok: false, code: 'zipBomb' });
    expect(inflated).toBeLessThan(8 * 1024 * 1024);
  });
});
