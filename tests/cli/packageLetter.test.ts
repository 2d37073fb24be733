import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { verifyPackage } from '../../src/core/ctuPackage/zipPackage.ts';
import { requirePacks } from '../support/packs.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const FIXTURES = path.resolve(import.meta.dirname, '../core/reports/fixtures');
const files = ['obec-file-v2.geojson', 'obec-file-v1.geojson'].map((f) => path.join(FIXTURES, f));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const popplerMissing = spawnSync('sh', ['-c', 'command -v pdftotext']).status !== 0;

describe('export: the letter’s settings', () => {
  it('takes the addressee, sender, č. j. and place from a JSON file and flags, in zadost.pdf and zadost.docx', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hm-letter-cli-'));
    const settings = path.join(dir, 'dopis.json');
    writeFileSync(
      settings,
      JSON.stringify({
        addressee: { name: 'Ministerstvo průmyslu a obchodu', address: ['Na Františku 32', '110 15 Praha 1'], dataBox: 'bxtaaw4' },
        sender: { name: 'Krajský úřad Karlovarského kraje' },
      }),
    );
    const out = path.join(dir, 'p.zip');
    const result = run([
      'export',
      ...files,
      '--kraj',
      'CZ041',
      '--generated-at',
      '2026-11-25T10:00:00Z',
      '--letter-settings',
      settings,
      '--reference',
      'KK/5/26',
      '--place',
      'Karlovy Vary',
      '--out',
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const zip = readFileSync(out);
    expect(await verifyPackage(zip)).toMatchObject({ ok: true });
    const entries = unzipSync(zip);
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['zadost.pdf', 'zadost.docx']));
    const docx = strFromU8(unzipSync(entries['zadost.docx']!)['word/document.xml']!);
    for (const text of [
      'Ministerstvo průmyslu a obchodu',
      'ID datové schránky: bxtaaw4',
      'Krajský úřad Karlovarského kraje',
      'Č. j.: KK/5/26',
      'Karlovy Vary 25. 11. 2026',
    ])
      expect(docx, text).toContain(text);
    expect(docx).not.toContain('Sokolovská');
    if (!popplerMissing) {
      writeFileSync(path.join(dir, 'zadost.pdf'), entries['zadost.pdf']!);
      const pdf = execFileSync('pdftotext', [path.join(dir, 'zadost.pdf'), '-'], { encoding: 'utf8' });
      for (const text of ['Ministerstvo průmyslu a obchodu', 'Na Františku 32', 'Č. j.: KK/5/26', 'Karlovy Vary 25. 11. 2026'])
        expect(pdf, text).toContain(text);
    }
  });

  it('refuses settings the letter cannot print, with the field named', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hm-letter-cli-'));
    const settings = path.join(dir, 'dopis.json');
    writeFileSync(settings, JSON.stringify({ addressee: { dataBox: 'nope' } }));
    const result = run(['export', ...files, '--kraj', 'CZ041', '--letter-settings', settings, '--out', path.join(dir, 'p.zip')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('addressee.dataBox');
    expect(result.stderr).toContain('letterSettings.invalid');
  });
});
