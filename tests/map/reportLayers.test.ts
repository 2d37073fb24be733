import { randomUUID } from 'node:crypto';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import type { Report, ReportGeometry } from '../../src/core/reports/report.ts';
import { buildMapStyle } from '../../src/map/mapStyle.ts';
import {
  ALL_REPORT_LAYERS,
  clusterCountImageId,
  clusteredDisplay,
  DETAIL_ZOOM,
  MANY_REPORTS,
  parseClusterCountImageId,
  REPORT_CLUSTER_SOURCE,
  REPORT_LAYER,
  reportFeature,
  reportLayerFilters,
  reportLayerZoomRanges,
  reportPointFeature,
  reportPointsDiff,
  reportsDiff,
  representativePoint,
} from '../../src/map/reportLayers.ts';

const report = (geometry: ReportGeometry, demo = false): Report => createEmptyReport(geometry, { id: randomUUID(), now: '2025-06-01T08:00:00.000Z', demo });
const point: ReportGeometry = { type: 'Point', coordinates: [12.87, 50.23] };
const line: ReportGeometry = {
  type: 'LineString',
  coordinates: [
    [12.87, 50.23],
    [12.88, 50.24],
  ],
};

describe('report features', () => {
  it('carry the id, the kind and the demo label, flat', () => {
    const demo = report(line, true);
    expect(reportFeature(demo)).toEqual({ type: 'Feature', geometry: line, properties: { id: demo.id, kind: 'linestring', demo: true } });
  });
});

describe('reportsDiff', () => {
  it('adds new reports, updates moved ones, removes deleted ones, and leaves the rest alone', () => {
    const kept = report(point);
    const moved = report(point);
    const deleted = report(point);
    const added = report(line);
    const before = Object.freeze({ [kept.id]: kept, [moved.id]: moved, [deleted.id]: deleted });
    const movedNow: Report = { ...moved, geometry: line, revision: 2 };
    const editedText: Report = { ...kept, description: 'jen text', revision: 2 };
    const diff = reportsDiff(before, { [kept.id]: editedText, [moved.id]: movedNow, [added.id]: added });
    expect(diff.add.map((feature) => feature.properties.id)).toEqual([added.id]);
    expect(diff.update.map((update) => update.id)).toEqual([moved.id]);
    expect(diff.update[0]!.newGeometry).toBe(line);
    expect(diff.remove).toEqual([deleted.id]);
  });
});

describe('report layers', () => {
  it('are part of a valid style, and hiding the edited report keeps every filter valid', () => {
    const style = buildMapStyle();
    expect(validateStyleMin(style)).toEqual([]);
    for (const { layer, filter } of reportLayerFilters(randomUUID())) {
      const target = style.layers.find((l) => l.id === layer);
      expect(target, layer).toBeDefined();
      (target as { filter?: unknown }).filter = filter;
    }
    expect(validateStyleMin(style)).toEqual([]);
  });
});

describe('many reports: clustered points', () => {
  const area: ReportGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [12.8, 50.2],
        [12.9, 50.2],
        [12.9, 50.3],
        [12.8, 50.3],
        [12.8, 50.2],
      ],
    ],
  };
  const bent: ReportGeometry = {
    type: 'LineString',
    coordinates: [
      [12.8, 50.2],
      [12.9, 50.2],
      [12.9, 50.21],
    ],
  };

  it('stand a point where it is, a line at half its length, an area at a point inside it', () => {
    expect(representativePoint(point)).toEqual([12.87, 50.23]);
    const [lon, lat] = representativePoint(bent);
    // The first leg is ~7.1 km, the second ~1.1 km: the middle lies on the first leg.
    expect(lat).toBeCloseTo(50.2, 4);
    expect(lon).toBeGreaterThan(12.85);
    expect(lon).toBeLessThan(12.9);
    const [alon, alat] = representativePoint(area);
    expect(alon).toBeCloseTo(12.85, 3);
    expect(alat).toBeCloseTo(50.25, 3);
  });

  it('keep the report’s id, kind and demo label', () => {
    const demo = report(area, true);
    expect(reportPointFeature(demo).properties).toEqual({ id: demo.id, kind: 'polygon', demo: true });
    expect(reportPointFeature(demo).geometry.type).toBe('Point');
  });

  it('change by diff: a reshaped report moves its point, a text edit sends nothing', () => {
    const kept = report(point);
    const moved = report(point);
    const movedNow: Report = { ...moved, geometry: bent, revision: 2 };
    const diff = reportPointsDiff({ [kept.id]: kept, [moved.id]: moved }, { [kept.id]: { ...kept, description: 'text' }, [moved.id]: movedNow });
    expect(diff.add).toEqual([]);
    expect(diff.remove).toEqual([]);
    expect(diff.update).toHaveLength(1);
    expect(diff.update[0]!.newGeometry).toEqual({ type: 'Point', coordinates: representativePoint(bent) });
    expect(diff.update[0]!.addOrUpdateProperties).toContainEqual({ key: 'kind', value: 'linestring' });
  });

  it('are used from MANY_REPORTS reports on', () => {
    expect(clusteredDisplay(40)).toBe(false);
    expect(clusteredDisplay(MANY_REPORTS - 1)).toBe(false);
    expect(clusteredDisplay(MANY_REPORTS)).toBe(true);
  });

  it('switch zoom ranges: few reports draw every shape at every zoom, many draw clusters below DETAIL_ZOOM and shapes from it', () => {
    const few = new Map(reportLayerZoomRanges(false).map((r) => [r.layer, r]));
    const many = new Map(reportLayerZoomRanges(true).map((r) => [r.layer, r]));
    expect([...few.keys()].sort()).toEqual([...ALL_REPORT_LAYERS].sort());
    expect(few.get(REPORT_LAYER.point)).toMatchObject({ minzoom: 0, maxzoom: 24 });
    expect(few.get(REPORT_LAYER.clusters)).toMatchObject({ minzoom: 0, maxzoom: 0 });
    expect(many.get(REPORT_LAYER.point)).toMatchObject({ minzoom: DETAIL_ZOOM });
    expect(many.get(REPORT_LAYER.polygonFill)).toMatchObject({ minzoom: DETAIL_ZOOM });
    for (const layer of [REPORT_LAYER.clusters, REPORT_LAYER.clusterCounts, REPORT_LAYER.clusterPoint, REPORT_LAYER.selectedPoint]) {
      expect(many.get(layer)).toMatchObject({ minzoom: 0, maxzoom: DETAIL_ZOOM });
    }
  });

  it('draw the selected report above the clusters, unless it is being edited', () => {
    const id = randomUUID();
    const filters = new Map(reportLayerFilters(null, id).map(({ layer, filter }) => [layer, JSON.stringify(filter)]));
    expect(filters.get(REPORT_LAYER.selectedPoint)).toContain(id);
    expect(filters.get(REPORT_LAYER.selectedLine)).toContain(id);
    const editing = new Map(reportLayerFilters(id, id).map(({ layer, filter }) => [layer, JSON.stringify(filter)]));
    expect(editing.get(REPORT_LAYER.selectedPoint)).not.toContain(id);
    expect(editing.get(REPORT_LAYER.selectedPoint)).toContain('"—"');
    expect(editing.get(REPORT_LAYER.clusterPoint)).toContain(`["!=",["get","id"],"${id}"]`);
  });

  it('name their count images so that the count and look can be read back', () => {
    expect(parseClusterCountImageId(clusterCountImageId(1234, false))).toEqual({ count: 1234, demo: false });
    expect(parseClusterCountImageId(clusterCountImageId(7, true))).toEqual({ count: 7, demo: true });
    expect(parseClusterCountImageId('some-other-image')).toBeNull();
    expect(parseClusterCountImageId('report-cluster-count:report:x')).toBeNull();
  });

  it('are a valid clustered source and layers in the style', () => {
    const style = buildMapStyle();
    expect(style.sources[REPORT_CLUSTER_SOURCE]).toMatchObject({ type: 'geojson', cluster: true });
    for (const { layer, filter } of reportLayerFilters(randomUUID(), randomUUID())) {
      (style.layers.find((l) => l.id === layer) as { filter?: unknown }).filter = filter;
    }
    expect(validateStyleMin(style)).toEqual([]);
  });
});
