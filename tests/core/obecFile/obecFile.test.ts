import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { exportObecFile } from '../../../src/core/obecFile/exportObecFile.ts';
import { parseObecFile } from '../../../src/core/obecFile/parseObecFile.ts';
import { mergeReports } from '../../../src/core/reports/mergeReports.ts';
import type { Report } from '../../../src/core/reports/report.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../reports/fixtures');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../public/schema/obec-file.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateBySchema = ajv.compile(schema);

function parsedReports(text: string): Report[] {
  const parsed = parseObecFile(text);
  if (!parsed.ok) throw new Error(`refused: ${parsed.fileProblem.code}`);
  return parsed.reports;
}

const header = {
  obec: { kod: '506486', nazev: 'Boží Dar' },
  signOff: { name: 'Jan Novák', function: 'starosta', date: '2026-11-20' },
  exportedAt: '2026-11-20T09:00:00.000Z',
  appVersion: '0.1.0',
};

describe('obec file', () => {
  it('reads the current schema with every field', () => {
    const parsed = parseObecFile(read('obec-file-v2.geojson'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rejected).toEqual([]);
    expect(parsed.reports.map((r) => r.geometry.type)).toEqual(['Point', 'LineString', 'Polygon']);
    expect(parsed.header.obec).toEqual({ kod: '506486', nazev: 'Boží Dar' });
    expect(parsed.header.signOff?.function).toBe('starosta');
    expect(parsed.reports[0]!.measurements[0]!.rsrpDbm).toBe(-118);
  });

  it('migrates the schema-1 file (points, one operator, free-text date) to the current schema', () => {
    const parsed = parseObecFile(read('obec-file-v1.geojson'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.migrated).toBe(2);
    expect(parsed.rejected).toEqual([]);
    const [first, second] = parsed.reports;
    expect(first).toMatchObject({
      schemaVersion: 3,
      capture: null,
      operators: ['o2'],
      failures: ['callsFail'],
      affected: { inhabitants: 12 },
      reporter: { name: 'Jan Novák', role: 'jiny' },
    });
    expect(first!.description).toContain('(od: léto 2024)');
    expect(second).toMatchObject({ operators: ['all'], failures: ['noSignal'], reporter: null });
  });

  it('accepts a minimal file from another tool, filling the optional fields and dropping unknown ones', () => {
    const [report] = parsedReports(read('from-another-tool.geojson'));
    expect(report).toMatchObject({ revision: 1, domain: 'mobile', technologies: [], updatedAt: '2026-11-01T10:00:00Z', reporter: null });
    expect(report).not.toHaveProperty('gisLayer');
  });

  it('round-trips: export → import gives identical reports, and exporting again gives identical bytes', () => {
    const reports = parsedReports(read('obec-file-v2.geojson'));
    const text = exportObecFile(reports, header);
    const again = parsedReports(text);
    expect(again).toEqual(reports);
    expect(exportObecFile(again, header)).toBe(text);
    expect(validateBySchema(JSON.parse(text)), JSON.stringify(validateBySchema.errors)).toBe(true);
  });

  it('importing the same file twice changes nothing the second time', () => {
    const reports = parsedReports(read('obec-file-v2.geojson'));
    const first = mergeReports({}, reports);
    expect(first.added).toBe(3);
    const stored = Object.fromEntries(first.toSave.map((r) => [r.id, r]));
    const second = mergeReports(stored, parsedReports(read('obec-file-v2.geojson')));
    expect(second).toMatchObject({ toSave: [], added: 0, updated: 0, unchanged: 3, conflicts: [] });
  });

  describe('bad files are refused with a code, or their bad features listed', () => {
    const base = JSON.parse(read('obec-file-v2.geojson'));
    const withFeature = (change: (feature: any) => void) => {
      const copy = structuredClone(base);
      change(copy.features[0]);
      return JSON.stringify(copy);
    };
    const firstProblemCodes = (text: string) => {
      const parsed = parseObecFile(text);
      if (!parsed.ok) return [parsed.fileProblem.code];
      return parsed.rejected.flatMap((r) => r.problems.map((p) => p.code));
    };

    it.each([
      ['not JSON', 'Tohle není JSON {', 'file.notJson'],
      ['JSON but not GeoJSON', '{"reports": []}', 'file.notGeoJson'],
      ['GeoJSON of another kind', '{"type":"FeatureCollection","features":[]}', 'file.notObecFile'],
      ['a newer schema', '{"type":"FeatureCollection","hluchaMista":{"format":"hlucha-mista/obec-file","schemaVersion":99},"features":[]}', 'file.newerSchema'],
    ])('%s', (_name, text, code) => {
      expect(firstProblemCodes(text)).toEqual([code]);
    });

    it('50 MB of junk is refused before parsing', () => {
      const junk = 'x'.repeat(50 * 1024 * 1024);
      const started = performance.now();
      expect(firstProblemCodes(junk)).toEqual(['file.tooLarge']);
      expect(performance.now() - started).toBeLessThan(5_000);
    });

    it.each([
      ['coordinates outside Czechia', (f: any) => (f.geometry.coordinates = [2.35, 48.85]), 'geometry.outsideCzechia'],
      ['swapped lon/lat', (f: any) => (f.geometry.coordinates = [50.4098, 12.9245]), 'geometry.lonLatSwapped'],
      ['EPSG:5514 metres where degrees belong', (f: any) => (f.geometry.coordinates = [-843163.61, -991938.24]), 'geometry.projectedCoordinates'],
      ['a script in the description', (f: any) => (f.properties.description = 'Zbrojnice <script>alert(1)</script>'), 'field.containsMarkup'],
      ['an img tag in a note', (f: any) => (f.properties.observations[0].note = '<img src=x onerror=alert(1)>'), 'field.containsMarkup'],
      ['an unknown operator', (f: any) => (f.properties.operators = ['o2', 'telefonica']), 'field.unknownValue'],
      ['no description', (f: any) => (f.properties.description = '   '), 'field.required'],
      ['an impossible date', (f: any) => (f.properties.observations[0].date = '2026-02-30'), 'field.invalidDate'],
      ['a bad id', (f: any) => (f.properties.id = 'abc'), 'field.invalidId'],
    ])('a feature with %s is rejected with its code, the others come through', (_name, change, code) => {
      const text = withFeature(change);
      const parsed = parseObecFile(text);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.rejected).toHaveLength(1);
      expect(parsed.rejected[0]!.featureIndex).toBe(0);
      expect(parsed.rejected[0]!.problems.map((p) => p.code)).toContain(code);
      expect(parsed.reports).toHaveLength(2);
      // The published JSON Schema refuses the same file (the two stay in step).
      expect(validateBySchema(JSON.parse(text))).toBe(false);
    });

    it('a self-intersecting polygon is rejected', () => {
      const copy = structuredClone(base);
      copy.features[2].geometry.coordinates = [
        [
          [12.9, 50.4],
          [12.91, 50.405],
          [12.91, 50.4],
          [12.9, 50.405],
          [12.9, 50.4],
        ],
      ];
      const parsed = parseObecFile(JSON.stringify(copy));
      expect(parsed.ok && parsed.rejected[0]!.problems.map((p) => p.code)).toEqual(['geometry.selfIntersects']);
    });

    it('a duplicated id within one file is rejected the second time', () => {
      const copy = structuredClone(base);
      copy.features[1].properties.id = copy.features[0].properties.id;
      const parsed = parseObecFile(JSON.stringify(copy));
      expect(parsed.ok && parsed.rejected.map((r) => [r.featureIndex, r.problems[0]!.code])).toEqual([[1, 'field.duplicateId']]);
    });
  });

  it('the fixtures this app accepts are valid by the published JSON Schema', () => {
    for (const name of ['obec-file-v2.geojson', 'from-another-tool.geojson']) {
      expect(validateBySchema(JSON.parse(read(name))), `${name}: ${JSON.stringify(validateBySchema.errors)}`).toBe(true);
    }
  });
});
