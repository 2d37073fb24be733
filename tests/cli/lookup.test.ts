import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requirePacks } from '../support/packs.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('hlucha-mista lookup', () => {
  it('prints one JSON object for a WGS84 point', () => {
    const { status, stdout } = run(['lookup', '12.9245', '50.4098']);
    expect(status).toBe(0);
    const place = JSON.parse(stdout);
    expect(place).toMatchObject({
      obec: { kod: '506486', nazev: 'Boží Dar' },
      orp: { kod: '4106', kodRuian: '540', nazev: 'Ostrov' },
      pou: { kod: '41061', nazev: 'Ostrov' },
      okres: { lau1: 'CZ0412', nazev: 'Karlovy Vary' },
      kraj: { nuts3: 'CZ041', kod: '3051', nazev: 'Karlovarský kraj' },
      wgs84: { lon: 12.9245, lat: 50.4098 },
    });
    expect(place.sjtsk.x).toBeLessThan(0);
  });

  it('accepts S-JTSK in EPSG:5514, positive EPSG:5513 style and swapped axes alike', () => {
    const outputs = [
      ['-868208.61', '-1095793.64'],
      ['868208.61', '1095793.64'],
      ['-1095793.64', '-868208.61'],
    ].map((pair) => run(['lookup', '--sjtsk', ...pair]));
    for (const output of outputs) expect(output.status).toBe(0);
    const places = outputs.map((o) => JSON.parse(o.stdout));
    expect(new Set(places.map((p) => p.obec.kod)).size).toBe(1);
    expect(places[0].sjtsk).toEqual({ x: -868208.61, y: -1095793.64 });
    expect(places[0].wgs84.lon).toBeCloseTo(12.806988, 6);
  });

  it('exits 1 with a JSON error for a point in no obec', () => {
    // Vienna: more than 50 km from the nearest obec, so no hint either.
    const { status, stdout } = run(['lookup', '16.3738', '48.2082']);
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ error: { code: 'lookup.outsideCzechia', wgs84: { lon: 16.3738, lat: 48.2082 } } });
    // Dresden: abroad, 30-odd km from the border, with the nearest obec as a hint.
    const dresden = JSON.parse(run(['lookup', '13.7373', '51.0504']).stdout);
    expect(dresden.error.code).toBe('lookup.outsideCzechia');
    expect(dresden.error.nearest.distanceM).toBeGreaterThan(10_000);
    const swapped = run(['lookup', '50.4098', '12.9245']);
    expect(swapped.status).toBe(1);
    expect(JSON.parse(swapped.stdout).error.hint).toBe('lonLatSwapped');
    const garbage = run(['lookup', '--sjtsk', '14.4', '50.1']);
    expect(JSON.parse(garbage.stdout).error.code).toBe('sjtsk.outsideCzechia');
  });

  it('answers a batch line for line, in order, failures included', () => {
    const input = ['12.9245,50.4098', 'not a point', '14.42;50.08', '', '16.3738 48.2082', '13.0\t50.2'].join('\n');
    const { status, stdout } = run(['lookup', '--batch'], input);
    expect(status).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    expect(lines[0].obec.kod).toBe('506486');
    expect(lines[1].error.code).toBe('input.notTwoNumbers');
    expect(lines[2].obec.nazev).toBe('Praha');
    expect(lines[3].error.code).toBe('input.notTwoNumbers');
    expect(lines[4].error.code).toBe('lookup.outsideCzechia');
    expect(lines[5].kraj.nuts3).toBe('CZ041');
  });

  it('answers a batch of S-JTSK pairs from a RÚIAN-style file (positive Y;X)', () => {
    const { stdout } = run(['lookup', '--batch', '--sjtsk'], '835804.84;1019584.24\n868208.61 1095793.64\n');
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.obec.nazev)).toEqual(['Bražec', 'Postřekov']);
  });

  it('prints usage and fails for an unknown command', () => {
    const { status, stderr } = run(['frobnicate']);
    expect(status).toBe(2);
    expect(stderr).toContain('Usage');
  });
});
