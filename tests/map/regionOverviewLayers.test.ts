import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, test } from 'vitest';
import type { UnitStatistics } from '../../src/core/aggregate/aggregateReports.ts';
import type { OrpCollection } from '../../src/core/packs/packFormat.ts';
import {
  choroplethFeatures,
  choroplethLegend,
  circlePolygon,
  classBreaks,
  classColors,
  classOf,
  COORDINATOR_LAYER,
  coordinatorVisibility,
  coordinatorOverlayLayers,
  NO_DATA_COLOR,
  reportShapeFeatures,
  SHAPE_ZOOM,
} from '../../src/map/regionOverviewLayers.ts';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import { buildMapStyle, LAYER } from '../../src/map/mapStyle.ts';

function stats(kod: string, reports: number, inhabitants = 0): UnitStatistics {
  return {
    unit: { kind: 'orp', kod, nazev: `ORP ${kod}` },
    reports,
    weightedReports: reports,
    distinctObce: 1,
    distinctReporters: 1,
    inhabitantsAffected: inhabitants,
    localities: reports,
    byOperator: {},
    byFailure: {},
    byDomain: { mobile: reports, fixed: 0 },
  };
}

function orpCollection(kody: string[]): OrpCollection {
  return {
    type: 'FeatureCollection',
    features: kody.map((kod, i) => ({
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [i, 0],
            [i + 1, 0],
            [i + 1, 1],
            [i, 1],
            [i, 0],
          ],
        ],
      },
      properties: { kod, kodRuian: null, nazev: `ORP ${kod}` } as OrpCollection['features'][number]['properties'],
    })),
  };
}

describe('choropleth classes', () => {
  test('few distinct values get a class each; many get quantile classes that rise', () => {
    expect(classBreaks([3, 1, 3])).toEqual([1, 3]);
    expect(classBreaks([])).toEqual([]);
    const breaks = classBreaks(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(breaks).toEqual([20, 40, 60, 80, 100]);
    expect(classOf(1, breaks)).toBe(0);
    expect(classOf(41, breaks)).toBe(2);
    expect(classOf(1000, breaks)).toBe(4);
    expect(classColors(2)).toHaveLength(2);
  });

  test('a unit without reports is "no data", never the lowest class; a unit with zero inhabitants is the lowest class', () => {
    const collection = orpCollection(['4101', '4102', '4103']);
    const features = choroplethFeatures(collection, [stats('4101', 5, 0), stats('4102', 1, 300)], 'inhabitants');
    const byKod = new Map(features.features.map((f) => [f.properties.kod, f.properties]));
    expect(byKod.get('4103')).toMatchObject({ has: false, color: NO_DATA_COLOR, reports: 0 });
    expect(byKod.get('4101')).toMatchObject({ has: true, value: 0, reports: 5 });
    expect(byKod.get('4101')!.color).not.toBe(NO_DATA_COLOR);
    expect(byKod.get('4102')!.color).not.toBe(byKod.get('4101')!.color);
    const legend = choroplethLegend([stats('4101', 5), stats('4102', 1)], new Set(['4101', '4102', '4103']), 'reports');
    expect(legend).toMatchObject({ unitsWithReports: 2, unitsWithout: 1 });
    expect(legend.classes.map((c) => [c.from, c.to])).toEqual([
      [1, 1],
      [2, 5],
    ]);
  });
});

describe('coordinator layers', () => {
  test('are in the style, valid, hidden until the coordinator view is on, the choropleth below the obec lines', () => {
    const style = buildMapStyle();
    expect(validateStyleMin(style)).toEqual([]);
    const ids = style.layers.map((layer) => layer.id);
    expect(ids.indexOf(COORDINATOR_LAYER.orpFill)).toBeLessThan(ids.indexOf(LAYER.obceLine));
    expect(ids.indexOf(COORDINATOR_LAYER.localityLine)).toBeGreaterThan(ids.indexOf(LAYER.krajLine));
    for (const id of Object.values(COORDINATOR_LAYER)) expect(style.layers.find((l) => l.id === id)?.layout).toMatchObject({ visibility: 'none' });
    expect(coordinatorVisibility(false, 'admin').every((row) => !row.visible)).toBe(true);
    const h3 = new Map(coordinatorVisibility(true, 'h3').map((row) => [row.layer, row.visible]));
    expect(h3.get(COORDINATOR_LAYER.h3Fill)).toBe(true);
    expect(h3.get(COORDINATOR_LAYER.orpFill)).toBe(false);
    expect(h3.get(COORDINATOR_LAYER.orpNoData)).toBe(true);
  });

  test('ZSJ units: only the ZSJ are coloured or hatched, below the obec lines; a ZSJ layer joins by code like obce', () => {
    const zsj = new Map(coordinatorVisibility(true, 'zsj').map((row) => [row.layer, row.visible]));
    expect(zsj.get(COORDINATOR_LAYER.zsjFill)).toBe(true);
    expect(zsj.get(COORDINATOR_LAYER.zsjNoData)).toBe(true);
    expect(zsj.get(COORDINATOR_LAYER.orpFill)).toBe(false);
    expect(zsj.get(COORDINATOR_LAYER.orpNoData)).toBe(false);
    expect(zsj.get(COORDINATOR_LAYER.obceNoData)).toBe(false);
    expect(zsj.get(COORDINATOR_LAYER.localityLine)).toBe(true);
    expect(new Map(coordinatorVisibility(true, 'admin').map((row) => [row.layer, row.visible])).get(COORDINATOR_LAYER.zsjFill)).toBe(false);
    const ids = buildMapStyle().layers.map((layer) => layer.id);
    expect(ids.indexOf(COORDINATOR_LAYER.zsjFill)).toBeLessThan(ids.indexOf(LAYER.obceLine));

    // ZSJ outlines as the ZSJ layer gives them (kod, nazev): two with reports, one without.
    const outlines = {
      type: 'FeatureCollection' as const,
      features: ['408999', '409001', '409002'].map((kod, i) => ({
        type: 'Feature' as const,
        geometry: {
          type: 'Polygon' as const,
          coordinates: [
            [
              [i, 0],
              [i + 1, 0],
              [i + 1, 1],
              [i, 1],
              [i, 0],
            ],
          ],
        },
        properties: { kod, nazev: `ZSJ ${kod}` },
      })),
    };
    const zsjStats = (kod: string, reports: number): UnitStatistics => ({
      ...stats(kod, reports),
      unit: { kind: 'zsj', kod, nazev: `ZSJ ${kod}` },
      distinctObce: 1,
      distinctReporters: 2,
    });
    const features = choroplethFeatures(outlines, [zsjStats('409001', 4), zsjStats('408999', 1), zsjStats('999999', 7)], 'reports');
    const byKod = new Map(features.features.map((f) => [f.properties.kod, f.properties]));
    expect(byKod.get('409001')).toMatchObject({ has: true, value: 4, reports: 4, distinctReporters: 2, nazev: 'ZSJ 409001' });
    expect(byKod.get('409002')).toMatchObject({ has: false, color: NO_DATA_COLOR });
    expect(byKod.has('999999')).toBe(false); // a ZSJ outside the loaded layer is not drawn
    const legend = choroplethLegend([zsjStats('409001', 4), zsjStats('408999', 1), zsjStats('999999', 7)], new Set(byKod.keys()), 'reports');
    expect(legend).toMatchObject({ unitsWithReports: 2, unitsWithout: 1 });
    expect(legend.classes.map((c) => [c.from, c.to])).toEqual([
      [1, 1],
      [2, 4],
    ]);
  });

  test('a locality circle is closed and has the radius asked for', () => {
    const polygon = circlePolygon([13, 50], 300);
    const ring = polygon.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    const north = Math.max(...ring.map((p) => p[1]!));
    expect((north - 50) * 111_320).toBeCloseTo(300, -1);
  });
});

describe('report shapes in the region overview (issue 16, item 16)', () => {
  const now = '2026-12-06T10:00:00.000Z';
  const point = createEmptyReport({ type: 'Point', coordinates: [12.9, 50.4] }, { id: 'p', now });
  const road = createEmptyReport(
    {
      type: 'LineString',
      coordinates: [
        [12.9, 50.4],
        [12.93, 50.41],
      ],
    },
    { id: 'road', now },
  );
  const area = createEmptyReport(
    {
      type: 'Polygon',
      coordinates: [
        [
          [12.9, 50.4],
          [12.91, 50.4],
          [12.91, 50.41],
          [12.9, 50.4],
        ],
      ],
    },
    { id: 'area', now },
  );

  test('a road stretch is drawn as its line and an area as its outline and fill, not as one dot', () => {
    const shapes = reportShapeFeatures([point, road, area]);
    expect(shapes.features.map((f) => [f.properties.id, f.properties.kind, f.geometry.type])).toEqual([
      ['road', 'line', 'LineString'],
      ['area', 'area', 'Polygon'],
    ]);
    expect(shapes.features[0]!.geometry.coordinates).toEqual(road.geometry.coordinates);
  });

  test('from SHAPE_ZOOM on, shown with the overview and hidden in the reports view', () => {
    const layers = coordinatorOverlayLayers();
    for (const id of [COORDINATOR_LAYER.shapeFill, COORDINATOR_LAYER.shapeLine]) {
      const layer = layers.find((l) => l.id === id)!;
      expect(layer.minzoom).toBe(SHAPE_ZOOM);
      // Below the points, so a report's dot stays on top of its shape and clickable.
      expect(layers.findIndex((l) => l.id === id)).toBeLessThan(layers.findIndex((l) => l.id === COORDINATOR_LAYER.points));
    }
    const on = new Map(coordinatorVisibility(true, 'admin').map((row) => [row.layer, row.visible]));
    expect(on.get(COORDINATOR_LAYER.shapeLine)).toBe(true);
    expect(on.get(COORDINATOR_LAYER.shapeFill)).toBe(true);
    const off = new Map(coordinatorVisibility(false, 'admin').map((row) => [row.layer, row.visible]));
    expect(off.get(COORDINATOR_LAYER.shapeLine)).toBe(false);
  });
});
