/**
 * The CLI's readers on the hostile corpus, inside a fixed heap: every bad file ends with exit 1 and JSON lines on
 * stdout (a code each), no stack trace on stderr, and nothing written. The heap is `--max-old-space-size=256`
 * (MB; the README's limits section names it): a bomb, a 20,000-entry ZIP or a 30 MB line stay inside it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { requirePacks } from '../support/packs.ts';
import { manyEntryZip } from '../support/hostileFiles.ts';
import { NETTEST_HEADER } from '../support/nettestGenerator.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const CORPUS = path.resolve(import.meta.dirname, '../fixtures/hostile');
const REPORTS = path.resolve(import.meta.dirname, '../core/reports/fixtures/obec-file-v2.geojson');
const CLI_HEAP_MB = 256;
const run = (args: string[]) => spawnSync(process.execPath, [`--max-old-space-size=${CLI_HEAP_MB}`, BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

function expectCodedFailure(result: ReturnType<typeof run>, code: string): void {
  expect(result.status, result.stderr).toBe(1);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  // table-import writes its problem lines to stderr (its stdout is the obec file); the others to stdout.
  const out = result.stdout.trim() || result.stderr.trim();
  const lines = out.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const codes = lines.map((line) => (line.error as { code?: string } | undefined)?.code ?? line.code);
  expect(codes).toContain(code);
}

const files = (dir: string) => readdirSync(path.join(CORPUS, dir)).map((name) => [name, path.join(CORPUS, dir, name)] as const);
const expected = (await import('../fixtures/hostile/expected.json', { with: { type: 'json' } })).default as Record<string, string>;

describe(`CLI readers refuse hostile files with exit 1 and JSON lines, in a ${CLI_HEAP_MB} MB heap`, () => {
  it('aggregate --by zsj --zsj FILE: every bad ZSJ layer of the corpus', { timeout: 300_000 }, () => {
    // A sample of the classes (each spawn starts Node and tsx; the corpus test runs every file in-process).
    for (const [name, file] of files('zsjLayer').filter(([n]) =>
      ['deep.geojson', 'null-geometries.geojson', 'renamed-zip.geojson', 'binary.geojson', 'utf16le.geojson'].includes(n),
    )) {
      const code = expected[`zsjLayer/${name}`]!;
      const result = run(['aggregate', REPORTS, '--by', 'zsj', '--zsj', file, '--format', 'csv']);
      if (code === 'ok') expect(result.status, name).toBe(0);
      else expectCodedFailure(result, code);
    }
  });

  it('verify: every bad package of the corpus (manifest, counts, duplicate names, bomb)', { timeout: 300_000 }, () => {
    for (const [name, file] of files('package').filter(([n]) =>
      ['manifest-null.zip', 'manifest-proto.zip', 'duplicate-entry.zip', 'counts-edited.zip', 'bomb.zip'].includes(n),
    ))
      expectCodedFailure(run(['verify', file, '--format', 'json']), expected[`package/${name}`]!);
  });

  it('measurements: bombs and a ZIP of 20,000 entries', { timeout: 300_000 }, () => {
    for (const name of ['bomb-blank-lines.zip']) expectCodedFailure(run(['measurements', path.join(CORPUS, 'nettestZip', name)]), 'nettest.zipBomb');
    const dir = mkdtempSync(path.join(tmpdir(), 'hostile-'));
    const many = path.join(dir, 'many.zip');
    writeFileSync(many, manyEntryZip(20_000, strToU8(`${NETTEST_HEADER}\n`)));
    expectCodedFailure(run(['measurements', many]), 'nettest.zipTooManyEntries');
    const line = path.join(dir, 'line.csv');
    writeFileSync(line, 'x'.repeat(30 * 1024 * 1024));
    expectCodedFailure(run(['measurements', line]), 'nettest.lineTooLong');
  });

  it('table-import: workbook bombs, the last cell, binary, a 30 MB line', { timeout: 300_000 }, () => {
    for (const [name, file] of files('tableXlsx').filter(([n]) => ['last-cell.xlsx', 'sheet-bomb.xlsx'].includes(n)))
      expectCodedFailure(run(['table-import', file]), expected[`tableXlsx/${name}`]!);
    expectCodedFailure(run(['table-import', path.join(CORPUS, 'tableCsv', 'binary.csv')]), 'table.binary');
    const dir = mkdtempSync(path.join(tmpdir(), 'hostile-'));
    const line = path.join(dir, 'line.csv');
    writeFileSync(line, 'x'.repeat(30 * 1024 * 1024));
    expectCodedFailure(run(['table-import', line]), 'table.longLine');
  });

  it('aggregate --format csv neutralises a ZSJ name that is a formula', () => {
    const result = run(['aggregate', REPORTS, '--by', 'zsj', '--zsj', path.join(CORPUS, 'zsjLayer', 'bom.geojson'), '--format', 'csv']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/(^|;)=/m);
  });
});
