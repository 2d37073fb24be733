import { randomUUID } from 'node:crypto';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import type { Report, ReportGeometry } from '../../src/core/reports/report.ts';
import { buildMapStyle } from '../../src/map/mapStyle.ts';
import { reportFeature, reportLayerFilters, reportsDiff } from '../../src/map/reportLayers.ts';

const report = (geometry: ReportGeometry, demo = false): Report => createEmptyReport(geometry, { id: randomUUID(), now: '2025-06-01T08:00:00.000Z', demo });
const point: ReportGeometry = { type: 'Point', coordinates: [12.87, 50.23] };
const line: ReportGeometry = { type: 'LineString', coordinates: [[12.87, 50.23], [12.88, 50.24]] };

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
