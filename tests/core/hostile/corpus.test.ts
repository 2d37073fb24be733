/**
 * The committed hostile corpus (tests/fixtures/hostile, written by its generate.ts): each file through its
 * importer gives the code expected.json names ("ok" for a file that must be read). The classes too large to commit
 * are generated here: a line of tens of MB, a header of a million columns, a ZIP of 20,000 entries, a workbook of
 * 1,100 parts, a sheet of 1.1 million cells. The corpus on disk must be what the generator writes (no hand-edited or stale file).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runImporter, type Importer } from '../../support/hostileHarness.ts';
import { manyEntryZip, utf8 } from '../../support/hostileFiles.ts';
import { numberSheetXlsx } from '../../support/xlsx.ts';
import { NETTEST_HEADER } from '../../support/nettestGenerator.ts';
import { cases } from '../../fixtures/hostile/generate.ts';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/hostile');
const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, string>;

describe('the committed hostile corpus', () => {
  for (const [file, code] of Object.entries(expected)) {
    it(`${file} → ${code}`, async () => {
      const importer = file.split('/')[0] as Importer;
      const outcome = await runImporter(importer, new Uint8Array(readFileSync(path.join(DIR, file))));
      expect(outcome.ok ? 'ok' : outcome.code).toBe(code);
    });
  }

  it('is what generate.ts writes', { timeout: 30_000 }, async () => {
    const generated = await cases();
    expect(generated.map(([importer, name]) => `${importer}/${name}`).sort()).toEqual(Object.keys(expected).sort());
    for (const [importer, name, bytes] of generated)
      expect(Buffer.from(readFileSync(path.join(DIR, importer, name))).equals(Buffer.from(bytes)), `${importer}/${name}`).toBe(true);
  });
});

describe('large classes, generated at test time', () => {
  const large: Array<[Importer, string, () => Uint8Array, string]> = [
    ['tableCsv', 'one line of 30 MB', () => utf8('x'.repeat(30 * 1024 * 1024)), 'table.longLine'],
    ['tableCsv', 'a header of a million columns', () => utf8(`${'a;'.repeat(1_000_000)}\n1;2\n`), 'table.longLine'],
    ['tableCsv', 'a million empty columns', () => utf8(`${';'.repeat(1_000_000)}\n1;2\n`), 'table.tooManyColumns'],
    ['nettestCsv', 'one line of 30 MB', () => utf8('x'.repeat(30 * 1024 * 1024)), 'nettest.lineTooLong'],
    ['nettestCsv', 'a header of a million columns', () => utf8(`${','.repeat(1_000_000)}\n1,2\n`), 'nettest.tooManyColumns'],
    ['nettestZip', 'a valid ZIP of 20,000 entries', () => manyEntryZip(20_000, strToU8(`${NETTEST_HEADER}\n`)), 'nettest.zipTooManyEntries'],
    ['tableXlsx', 'a workbook of 1,100 parts', () => manyEntryZip(1_100, strToU8('<x/>'), (i) => `xl/media/p${i}.xml`), 'table.zipTooManyEntries'],
    // Not a bomb (6 : 1): a sheet of 1.1 million cells (2 million took the spreadsheet library 15 s and 420 MB).
    ['tableXlsx', 'a sheet of 1.1 million cells', () => numberSheetXlsx(55_000, 20), 'table.tooManyCells'],
    ['package', 'a package of 1,100 entries', () => manyEntryZip(1_100, strToU8('x'), (i) => `dukazy/${i}.jpg`), 'package.zipTooManyEntries'],
  ];
  for (const [importer, name, make, code] of large) {
    it(`${importer}: ${name} → ${code}`, { timeout: 60_000 }, async () => {
      const outcome = await runImporter(importer, make());
      expect(outcome.ok ? 'ok' : outcome.code).toBe(code);
    });
  }
});
