import { describe, expect, it } from 'vitest';
import { createEmptyReport, reviseReport } from '../../../src/core/reports/createReport.ts';
import { derivePlace } from '../../../src/core/reports/derivePlace.ts';
import { findNearbyReports, distanceBetweenM } from '../../../src/core/reports/findNearbyReports.ts';
import { mergeReports } from '../../../src/core/reports/mergeReports.ts';
import { migrateReport } from '../../../src/core/reports/migrateReport.ts';
import type { Report } from '../../../src/core/reports/report.ts';
import { validateGeometry, validateReport } from '../../../src/core/reports/validateReport.ts';
import { countryObecIndex } from '../../support/packs.ts';

const NOW = '2026-11-25T10:00:00.000Z';
function validReport(id = '0b6e7c1a-2f3d-4e5a-9b8c-7d6e5f4a3b2c'): Report {
  return {
    ...createEmptyReport({ type: 'Point', coordinates: [12.9245, 50.4098] }, { id, now: NOW }),
    description: 'Hasičská zbrojnice',
    failures: ['callsFail'],
    operators: ['o2'],
  };
}

describe('validateReport', () => {
  it('accepts a complete report and a new one once described', () => {
    expect(validateReport(validReport())).toEqual([]);
  });

  it('names every missing required field with a code and a path', () => {
    const empty = createEmptyReport({ type: 'Point', coordinates: [12.9245, 50.4098] }, { id: '0b6e7c1a-2f3d-4e5a-9b8c-7d6e5f4a3b2c', now: NOW });
    expect(validateReport(empty)).toEqual([
      { path: 'description', code: 'field.required' },
      { path: 'failures', code: 'field.required' },
      { path: 'operators', code: 'field.required' },
    ]);
  });

  it('points at nested fields', () => {
    const report = { ...validReport(), observations: [{ date: '2026-13-01', time: '25:00', note: '' }], affected: { inhabitants: -1, households: null } };
    expect(validateReport(report).map((p) => `${p.path} ${p.code}`)).toEqual([
      'observations[0].date field.invalidDate',
      'observations[0].time field.invalidTime',
      'affected.inhabitants field.outOfRange',
    ]);
  });

  it('allows a less-than sign in text but not markup', () => {
    expect(validateReport({ ...validReport(), description: 'RSRP < -111 dBm, download <5 Mbit/s' })).toEqual([]);
    expect(validateReport({ ...validReport(), description: 'a <b>bold</b> claim' })[0]?.code).toBe('field.containsMarkup');
    expect(validateReport({ ...validReport(), description: 'javascript:alert(1)' })[0]?.code).toBe('field.containsMarkup');
  });

  it('checks geometry: type, positions, extent, swapped axes, metres, self-intersection', () => {
    expect(validateGeometry({ type: 'MultiPoint', coordinates: [] })[0]?.code).toBe('geometry.unsupportedType');
    expect(validateGeometry({ type: 'LineString', coordinates: [[12.9, 50.4]] })[0]?.code).toBe('geometry.tooFewPositions');
    expect(validateGeometry({ type: 'Point', coordinates: [12.9, Number.NaN] })[0]?.code).toBe('geometry.invalid');
    expect(validateGeometry({ type: 'Point', coordinates: [50.4, 12.9] })[0]?.code).toBe('geometry.lonLatSwapped');
    expect(validateGeometry({ type: 'Point', coordinates: [-843163.61, -991938.24] })[0]?.code).toBe('geometry.projectedCoordinates');
    expect(
      validateGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [12.9, 50.4],
            [12.95, 50.45],
            [12.95, 50.4],
            [12.9, 50.45],
            [12.9, 50.4],
          ],
        ],
      })[0]?.code,
    ).toBe('geometry.selfIntersects');
  });

  it('does not change what it validates', () => {
    const report = Object.freeze(validReport());
    expect(() => validateReport(report)).not.toThrow();
  });
});

describe('revisions and merging', () => {
  it('a revision increases the number and never moves updatedAt back', () => {
    const report = validReport();
    const revised = reviseReport(report, { description: 'Jinak' }, '2026-11-26T00:00:00.000Z');
    expect(revised).toMatchObject({ revision: 2, description: 'Jinak', createdAt: NOW, updatedAt: '2026-11-26T00:00:00.000Z' });
    expect(reviseReport(revised, {}, '2020-01-01T00:00:00.000Z').updatedAt).toBe('2026-11-26T00:00:00.000Z');
  });

  it('newer revision wins, older is ignored, same revision with other content is a conflict', () => {
    const stored = validReport();
    const newer = reviseReport(stored, { description: 'Novější' }, NOW);
    const sameRevisionOther = { ...stored, description: 'Jiný obsah' };
    expect(mergeReports({ [stored.id]: stored }, [newer])).toMatchObject({ updated: 1, toSave: [newer] });
    expect(mergeReports({ [stored.id]: newer }, [stored])).toMatchObject({ olderIgnored: 1, toSave: [] });
    expect(mergeReports({ [stored.id]: stored }, [sameRevisionOther])).toMatchObject({ conflicts: [{ id: stored.id }], toSave: [] });
    expect(mergeReports({ [stored.id]: stored }, [{ ...stored, place: null }])).toMatchObject({ unchanged: 1 });
  });

  it('migrates schema 2 to 3: the field capture is new (null), a capture a file already carries is kept and validated', () => {
    const { capture: _capture, ...rest } = validReport();
    const v2 = Object.freeze({ ...rest, schemaVersion: 2 });
    const migrated = migrateReport(v2);
    expect(migrated).toMatchObject({ ok: true, fromVersion: 2, report: { schemaVersion: 3, capture: null } });
    expect(migrated.ok && validateReport(migrated.report)).toEqual([]);
    const captured = migrateReport({ ...v2, capture: { method: 'gps', capturedAt: '2026-11-25T10:00:00Z', accuracyM: 12 } });
    expect(captured.ok && validateReport(captured.report)).toEqual([]);
    const wrong = migrateReport({ ...v2, capture: { method: 'radio', capturedAt: 'yesterday', accuracyM: -3 } });
    expect(wrong.ok && validateReport(wrong.report).map((p) => [p.path, p.code])).toEqual([
      ['capture.method', 'field.unknownValue'],
      ['capture.capturedAt', 'field.invalidDate'],
      ['capture.accuracyM', 'field.outOfRange'],
    ]);
  });

  it('refuses an unknown schema version', () => {
    expect(migrateReport({ schemaVersion: 7 })).toMatchObject({ ok: false, code: 'report.unsupportedSchemaVersion' });
    expect(migrateReport('nonsense')).toMatchObject({ ok: false });
  });
});

describe('derivePlace', () => {
  const index = countryObecIndex();

  it('derives obec, ORP, okres, kraj and S-JTSK for a point', () => {
    const result = derivePlace(index, { type: 'Point', coordinates: [12.9245, 50.4098] });
    expect(result).toMatchObject({ ok: true, place: { obec: { kod: '506486' }, orp: { kod: '4106', kodRuian: '540' }, kraj: { nuts3: 'CZ041' }, alsoIn: [] } });
  });

  it('gives a road stretch to the obec with the longest share and lists the others', () => {
    const result = derivePlace(index, {
      type: 'LineString',
      coordinates: [
        [12.9245, 50.4098],
        [12.93, 50.39],
        [12.935, 50.372],
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.place.alsoIn.length).toBeGreaterThan(0);
    expect(result.place.alsoIn.every((o) => o.share < 0.5 + 1e-9)).toBe(true);
  });

  it('says a place abroad is outside Czechia', () => {
    expect(derivePlace(index, { type: 'Point', coordinates: [13.7373, 51.0504] })).toEqual({ ok: false, code: 'lookup.outsideCzechia' });
  });
});

describe('findNearbyReports', () => {
  it('offers points within the radius, nearest first, never a report of another kind; measures line distances', () => {
    const here = validReport('00000000-0000-4000-8000-000000000001');
    const near = { ...validReport('00000000-0000-4000-8000-000000000002'), geometry: { type: 'Point' as const, coordinates: [12.9265, 50.4098] } };
    const far = { ...validReport('00000000-0000-4000-8000-000000000003'), geometry: { type: 'Point' as const, coordinates: [12.96, 50.4098] } };
    const area = {
      ...validReport('00000000-0000-4000-8000-000000000004'),
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [12.92, 50.405],
            [12.93, 50.405],
            [12.93, 50.415],
            [12.92, 50.415],
            [12.92, 50.405],
          ],
        ],
      },
    };
    const found = findNearbyReports([here, near, far, area], { type: 'Point', coordinates: [12.9245, 50.4098] }, 300, here.id);
    // The area holds the point, but opening it would discard the new point: areas are compared with areas only.
    expect(found.map((f) => f.report.id)).toEqual([near.id]);
    expect(found[0]!.distanceM).toBeGreaterThan(130);
    expect(found[0]!.distanceM).toBeLessThan(150);
    const road = {
      type: 'LineString' as const,
      coordinates: [
        [12.9, 50.4],
        [12.95, 50.4],
      ],
    };
    expect(distanceBetweenM(road, { type: 'Point', coordinates: [12.925, 50.401] })).toBeCloseTo(111, -1);
  });
});
