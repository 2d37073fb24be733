import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { verifyPackage } from '../../src/core/export/zipPackage.ts';
import { requirePacks } from '../support/packs.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const FIXTURES = path.resolve(import.meta.dirname, '../core/reports/fixtures');
const files = ['obec-file-v2.geojson', 'obec-file-v1.geojson'].map((f) => path.join(FIXTURES, f));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('hlucha-mista package', () => {
  it('writes the same verified ZIP twice for the same files and generated-at', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hm-package-'));
    const outputs = ['a.zip', 'b.zip'].map((name) => {
      const out = path.join(dir, name);
      const result = run(['package', ...files, '--kraj', 'CZ041', '--generated-at', '2026-11-25T10:00:00Z', '--out', out]);
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ lokality: 3, hlaseni: 5, obce: 2 });
      return readFileSync(out);
    });
    expect(outputs[0]!.equals(outputs[1]!)).toBe(true);
    expect(await verifyPackage(outputs[0]!)).toMatchObject({ ok: true });
    const csv = new TextDecoder().decode(unzipSync(outputs[0]!)['lokality.csv']!);
    expect(csv).toContain('Boží Dar');
    expect(csv).not.toContain('starosta@bozidar.example');
  });

  it('writes the public variant, and refuses a missing kraj', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'hm-public-')), 'public.zip');
    const result = run(['package', ...files, '--kraj', 'CZ041', '--public', '--generated-at', '2026-11-25T10:00:00Z', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    // Five reports from at most three sources: no cell reaches 4 distinct reporters.
    expect(JSON.parse(result.stdout)).toMatchObject({ cells: 0, withheldReports: 5 });
    expect(run(['package', ...files]).status).toBe(2);
  });
});
