/**
 * `hlucha-mista verify` as ČTÚ's clerk runs it: one sentence per problem in Czech (English with --lang en or
 * HLUCHA_MISTA_LANG=en), and the codes with their parameters in --format json (issue 16, item 18).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { requirePacks } from '../support/packs.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const FIXTURES = path.resolve(import.meta.dirname, '../core/reports/fixtures');
const REPORT_FILES = ['obec-file-v2.geojson', 'obec-file-v1.geojson'].map((f) => path.join(FIXTURES, f));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, HLUCHA_MISTA_LANG: '', ...env } });
const lines = (stdout: string) => stdout.trim().split('\n');

let dir = '';
let intact = '';
let tampered = '';
let formatless = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hm-verify-text-'));
  intact = path.join(dir, 'balicek.zip');
  const built = run(['export', ...REPORT_FILES, '--kraj', 'CZ041', '--generated-at', '2026-11-25T10:00:00Z', '--out', intact]);
  expect(built.status, built.stderr).toBe(0);
  const entries = unzipSync(readFileSync(intact));
  // A changed table, a removed one and an added file: what a package passed around by e-mail may suffer.
  const changed: Record<string, Uint8Array> = { ...entries, 'souhrn_orp.csv': strToU8('\uFEFFzměněno\r\n'), 'navic.txt': strToU8('přidáno') };
  delete changed['hlaseni.csv'];
  tampered = path.join(dir, 'upraveny.zip');
  writeFileSync(tampered, zipSync(changed));
  // A manifest without its format: the parameter is empty (null) in JSON and "(žádný)" in the sentence.
  const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as Record<string, unknown>;
  delete manifest.format;
  formatless = path.join(dir, 'bez-formatu.zip');
  writeFileSync(formatless, zipSync({ ...entries, 'manifest.json': strToU8(JSON.stringify(manifest)) }));
}, 120_000);

describe('hlucha-mista verify: sentences for a person, codes in --format json', () => {
  it('says in Czech that an intact package is intact, with its counts', () => {
    const result = run(['verify', intact]);
    expect(result.status, result.stderr).toBe(0);
    expect(lines(result.stdout)).toEqual([
      expect.stringMatching(
        /^Balíček je v pořádku: \d+ souborů odpovídá kontrolním součtům v manifest\.json \(formát hlucha-mista\/balicek-ctu, verze schématu 1\)\.$/,
      ),
      'Obsahuje 3 lokality a 5 hlášení (počet obcí: 2); data se dají načíst zpět do aplikace.',
    ]);
  });

  it('names each problem of a changed package in a Czech sentence, with no bare code', { timeout: 60_000 }, () => {
    const result = run(['verify', tampered]);
    expect(result.status).toBe(1);
    expect(lines(result.stdout)).toEqual([
      'upraveny.zip: balíček není v pořádku, našly se 3 problémy:',
      '- Soubor hlaseni.csv je uveden v manifestu, ale v balíčku chybí.',
      '- Soubor souhrn_orp.csv byl po vytvoření balíčku změněn: jeho kontrolní součet SHA-256 neodpovídá manifestu.',
      '- Soubor navic.txt v manifestu uveden není; do balíčku přibyl později.',
    ]);
    expect(result.stdout).not.toMatch(/package\.\w+/);
    const junk = path.join(dir, 'neni-zip.zip');
    writeFileSync(junk, 'tohle není zip');
    expect(lines(run(['verify', junk]).stdout)).toEqual(['neni-zip.zip: balíček není v pořádku, našel se 1 problém:', '- Soubor není ZIP, nebo je poškozený.']);
  });

  it('speaks English with --lang en and with HLUCHA_MISTA_LANG=en', { timeout: 60_000 }, () => {
    const expected = [
      'upraveny.zip: the package is not intact, 3 problems found:',
      '- The file hlaseni.csv is listed in the manifest but missing from the package.',
      '- The file souhrn_orp.csv was changed after the package was built: its SHA-256 checksum does not match the manifest.',
      '- The file navic.txt is not listed in the manifest; it was added to the package later.',
    ];
    expect(lines(run(['verify', tampered, '--lang', 'en']).stdout)).toEqual(expected);
    expect(lines(run(['verify', tampered], { HLUCHA_MISTA_LANG: 'en' }).stdout)).toEqual(expected);
    const ok = run(['verify', intact, '--lang', 'en']);
    expect(ok.status).toBe(0);
    expect(lines(ok.stdout)[1]).toBe('It holds 3 localities and 5 reports from 2 municipalities; its data can be loaded back into the app.');
  });

  it('fills an empty parameter with "(žádný)" / "(none)"', { timeout: 60_000 }, () => {
    const cs = run(['verify', formatless]);
    expect(cs.status).toBe(1);
    expect(lines(cs.stdout)[1]).toBe('- Manifest uvádí neznámý formát „(žádný)“; nejde o balíček této aplikace.');
    expect(lines(run(['verify', formatless, '--lang', 'en']).stdout)[1]).toBe(
      '- The manifest names an unknown format “(none)”; this is not a package of this app.',
    );
  });

  it('keeps the codes and their parameters in --format json, whatever the language', { timeout: 60_000 }, () => {
    const expected = [
      { code: 'package.fileMissing', file: 'hlaseni.csv' },
      { code: 'package.fileChanged', file: 'souhrn_orp.csv' },
      { code: 'package.fileUnlisted', file: 'navic.txt' },
    ];
    for (const lang of ['cs', 'en']) {
      const result = run(['verify', tampered, '--format', 'json', '--lang', lang]);
      expect(result.status).toBe(1);
      expect(lines(result.stdout).map((line) => JSON.parse(line))).toEqual(expected);
    }
    expect(JSON.parse(run(['verify', formatless, '--format', 'json']).stdout)).toEqual({ code: 'package.unknownFormat', format: null });
    const ok = run(['verify', intact, '--format', 'json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, format: 'hlucha-mista/balicek-ctu', counts: { lokality: 3, hlaseni: 5, obce: 2 } });
  });

  it('refuses an unknown --format with the usage line (exit 2)', () => {
    const result = run(['verify', intact, '--format', 'xml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--format text|json');
  });
});
