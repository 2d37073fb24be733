import { describe, expect, it } from 'vitest';
import { METRES_PER_DEGREE } from '../../../src/core/geo/earth.ts';
import { attachedEvidence, attachMeasurements, distanceToGeometryM, indexMeasurements } from '../../../src/core/nettest/attachMeasurements.ts';
import { columnsFromTable, mergeColumns, uuidsOf } from '../../../src/core/nettest/measurementColumns.ts';
import { MeasurementTable } from '../../../src/core/nettest/measurementTable.ts';
import type { ReportGeometry } from '../../../src/core/reports/report.ts';

const AT: [number, number] = [12.9245, 50.4098];
const east = (metres: number): [number, number] => [AT[0] + metres / (METRES_PER_DEGREE * Math.cos((AT[1] * Math.PI) / 180)), AT[1]];

function columnsWith(
  rows: Array<{ uuid: string; at: [number, number]; accuracyM?: number; downloadKbit?: number; rsrpDbm?: number; uploadKbit?: number; time?: number }>,
) {
  const table = new MeasurementTable();
  for (const row of rows) {
    table.add({
      uuid: row.uuid,
      lon: row.at[0],
      lat: row.at[1],
      time: row.time ?? Date.UTC(2026, 9, 1),
      accuracyM: row.accuracyM ?? Number.NaN,
      downloadKbit: row.downloadKbit ?? 50_000,
      uploadKbit: row.uploadKbit ?? 10_000,
      pingMs: 20,
      rsrpDbm: row.rsrpDbm ?? -90,
      signalDbm: Number.NaN,
      operator: 'o2',
      technology: '4g',
    });
  }
  return columnsFromTable(table);
}

describe('attachMeasurements', () => {
  it('attaches a measurement within its accuracy plus the margin of a point, and not beyond', () => {
    const columns = columnsWith([
      { uuid: 'at', at: AT },
      { uuid: 'margin', at: east(95) },
      { uuid: 'beyond', at: east(130) },
      { uuid: 'accuracy', at: east(130), accuracyM: 40 },
      { uuid: 'vague', at: east(10), accuracyM: 3000 },
    ]);
    const localities = [{ id: 'L1', geometries: [{ type: 'Point', coordinates: AT } as ReportGeometry] }];
    const attached = attachMeasurements(columns, indexMeasurements(columns), localities, { marginM: 100 });
    expect(Array.from(attached.get('L1')!)).toEqual([0, 1, 3]);
    // A larger margin reaches further; a location good only to kilometres never counts.
    expect(Array.from(attachMeasurements(columns, indexMeasurements(columns), localities, { marginM: 200 }).get('L1')!)).toEqual([0, 1, 2, 3]);
  });

  it('measures to lines and into areas', () => {
    const line: ReportGeometry = { type: 'LineString', coordinates: [east(-500), east(500)] };
    const d = 0.002;
    const area: ReportGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [AT[0] - d, AT[1] - d],
          [AT[0] + d, AT[1] - d],
          [AT[0] + d, AT[1] + d],
          [AT[0] - d, AT[1] + d],
          [AT[0] - d, AT[1] - d],
        ],
      ],
    };
    const north = (metres: number): [number, number] => [AT[0] + 0.0003, AT[1] + metres / METRES_PER_DEGREE];
    expect(distanceToGeometryM(...north(80), line)).toBeCloseTo(80, 0);
    expect(distanceToGeometryM(...north(50), area)).toBe(0);
    expect(distanceToGeometryM(...north(0.002 * METRES_PER_DEGREE + 60), area)).toBeCloseTo(60, 0);
    const columns = columnsWith([
      { uuid: 'n80', at: north(80) },
      { uuid: 'n300', at: north(300) },
    ]);
    const attached = attachMeasurements(
      columns,
      indexMeasurements(columns),
      [
        { id: 'line', geometries: [line] },
        { id: 'area', geometries: [area] },
      ],
      { marginM: 100 },
    );
    expect(Array.from(attached.get('line')!)).toEqual([0]);
    expect(Array.from(attached.get('area')!)).toEqual([0, 1]);
  });

  it('handles an empty table and a locality without geometries', () => {
    const empty = columnsWith([]);
    expect(indexMeasurements(empty)).toBeNull();
    expect(Array.from(attachMeasurements(empty, null, [{ id: 'L', geometries: [] }]).get('L')!)).toEqual([]);
  });

  it('counts valid (recent) and failed measurements for the evidence meter: RSRP, download and upload thresholds', () => {
    const columns = columnsWith([
      { uuid: 'ok', at: AT },
      { uuid: 'weakSignal', at: AT, rsrpDbm: -115 },
      { uuid: 'slow', at: AT, downloadKbit: 2_000 },
      { uuid: 'slowUp', at: AT, uploadKbit: 500 },
      { uuid: 'old', at: AT, rsrpDbm: -120, time: Date.UTC(2024, 0, 1) },
    ]);
    expect(attachedEvidence(columns, [0, 1, 2, 3, 4], '2026-11-25T10:00:00Z')).toEqual({ measurements: 4, failed: 3 });
  });
});

describe('mergeColumns', () => {
  it('appends the new rows only, by open_test_uuid, keeping every column aligned', () => {
    const a = columnsWith([
      { uuid: 'u1', at: AT },
      { uuid: 'u2', at: east(10), downloadKbit: 1 },
    ]);
    const b = columnsWith([
      { uuid: 'u2', at: east(99) },
      { uuid: 'u3', at: east(20), downloadKbit: 3 },
      { uuid: 'u3', at: east(30) },
    ]);
    const merged = mergeColumns(a, b);
    expect(merged).toMatchObject({ added: 1, duplicates: 2 });
    expect(uuidsOf(merged.columns)).toEqual(['u1', 'u2', 'u3']);
    expect(Array.from(merged.columns.downloadKbit)).toEqual([50_000, 1, 3]);
    expect(merged.columns.lon[2]).toBeCloseTo(east(20)[0], 9);
  });
});
