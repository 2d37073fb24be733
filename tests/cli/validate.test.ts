import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const FIXTURES = path.resolve(import.meta.dirname, '../core/reports/fixtures');

function validate(file: string) {
  const result = spawnSync(process.execPath, [BIN, 'validate', file], { encoding: 'utf8' });
  return {
    status: result.status,
    lines: result.stdout
      .trimEnd()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  };
}

function writeTemp(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hm-validate-')), 'obec.geojson');
  writeFileSync(file, text);
  return file;
}

describe('hlucha-mista validate', () => {
  it('exits 0 with a summary for a valid file', () => {
    const { status, lines } = validate(path.join(FIXTURES, 'obec-file-v2.geojson'));
    expect(status).toBe(0);
    expect(lines).toEqual([
      {
        valid: true,
        schemaVersion: 2,
        reports: 3,
        byGeometry: { Point: 1, LineString: 1, Polygon: 1 },
        migrated: 3,
        demo: 0,
        obec: { kod: '506486', nazev: 'Boží Dar' },
        signOff: { name: 'Jan Novák', function: 'starosta', date: '2026-11-20' },
      },
    ]);
  });

  it('exits 1 with one JSON line per problem: feature index, field, code, message', () => {
    const file = writeTemp(
      JSON.stringify({
        type: 'FeatureCollection',
        hluchaMista: { format: 'hlucha-mista/obec-file', schemaVersion: 2 },
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [12.9, 50.4] },
            properties: {
              id: '3e9b0f4d-5c6a-4b8d-8ebf-0a9b8c7d6e5f',
              createdAt: '2026-11-01T10:00:00Z',
              description: 'v pořádku',
              failures: ['noSignal'],
              operators: ['all'],
            },
          },
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [50.4, 12.9] },
            properties: {
              id: '4e9b0f4d-5c6a-4b8d-8ebf-0a9b8c7d6e5f',
              createdAt: '2026-11-01T10:00:00Z',
              description: '<script>x</script>',
              failures: ['noSignal'],
              operators: ['all'],
            },
          },
        ],
      }),
    );
    const { status, lines } = validate(file);
    expect(status).toBe(1);
    expect(lines.map((l) => [l.featureIndex, l.field, l.code])).toEqual([
      [1, 'geometry', 'geometry.lonLatSwapped'],
      [1, 'description', 'field.containsMarkup'],
    ]);
    for (const line of lines) {
      expect(typeof line.message).toBe('string');
      expect(line.message).not.toBe(line.code);
    }
  });

  it('names the problem of a file that is not an obec file at all', () => {
    expect(validate(writeTemp('nonsense')).lines[0]).toMatchObject({ featureIndex: null, code: 'file.notJson' });
    expect(validate(writeTemp('{"type":"FeatureCollection","features":[]}')).lines[0]).toMatchObject({ code: 'file.notObecFile' });
    expect(validate('/nonexistent/file.geojson')).toMatchObject({ status: 1, lines: [{ code: 'file.unreadable' }] });
  });
});
