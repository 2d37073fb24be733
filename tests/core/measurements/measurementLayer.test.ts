import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { indexMeasurements } from '../../../src/core/measurements/attachMeasurements.ts';
import { columnsFromTable } from '../../../src/core/measurements/measurementColumns.ts';
import { H3CellCache, measurementCells, measurementPointsIn } from '../../../src/core/measurements/measurementLayer.ts';
import { MeasurementTable } from '../../../src/core/measurements/measurementTable.ts';
import type { MeasurementTechnology } from '../../../src/core/measurements/nettestSchema.ts';
import type { OperatorCode } from '../../../src/core/reports/enumerations.ts';
import { CLASS_COLORS, measurementCellFeatures, measurementPointFeatures, NO_VALUE_COLOR } from '../../../src/map/measurementLayers.ts';

const A: [number, number] = [12.9245, 50.4098];
const B: [number, number] = [13.0, 50.3];

function columns() {
  const table = new MeasurementTable();
  const add = (uuid: string, at: [number, number], operator: OperatorCode, technology: MeasurementTechnology, downloadKbit: number, rsrpDbm: number) =>
    table.add({ uuid, lon: at[0], lat: at[1], time: Date.UTC(2026, 9, 1), accuracyM: 5, downloadKbit, uploadKbit: 10_000, pingMs: 20, rsrpDbm, signalDbm: Number.NaN, operator, technology });
  add('a1', A, 'o2', '4g', 2_000, -115);
  add('a2', A, 'o2', '4g', 40_000, -90);
  add('a3', A, 'tmobile', '5g', 150_000, Number.NaN);
  add('b1', B, 'o2', '4g', 12_000, -100);
  return columnsFromTable(table);
}

describe('measurement layer', () => {
  it('summarises per H3 cell for one operator and technology or all of them', () => {
    const c = columns();
    const cells = new H3CellCache(c).at(8);
    const all = measurementCells(c, cells, { operator: null, technology: null });
    expect(all.map((cell) => [cell.cell, cell.count, cell.failures, cell.medianDownloadMbps, cell.medianRsrpDbm])).toEqual(
      [
        [latLngToCell(A[1], A[0], 8), 3, 1, 40, -102.5],
        [latLngToCell(B[1], B[0], 8), 1, 0, 12, -100],
      ].sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
    );
    const o24g = measurementCells(c, cells, { operator: 'o2', technology: '4g' }).find((cell) => cell.cell === latLngToCell(A[1], A[0], 8))!;
    expect(o24g).toMatchObject({ count: 2, failures: 1, medianDownloadMbps: 21, medianRsrpDbm: -102.5 });
    expect(o24g.boundary[0]).toEqual(o24g.boundary.at(-1));
    expect(measurementCells(c, cells, { operator: 'vodafone', technology: null })).toEqual([]);
  });

  it('lists the measurements in a box with their NetTest classes, and colours hexagons and points by class', () => {
    const c = columns();
    const box: [number, number, number, number] = [A[0] - 0.01, A[1] - 0.01, A[0] + 0.01, A[1] + 0.01];
    const { points, total } = measurementPointsIn(c, indexMeasurements(c), box, { operator: null, technology: null }, 2);
    expect(total).toBe(3);
    expect(points.map((p) => [p.uuid, p.signalClass, p.downloadClass, p.failed])).toEqual([
      ['a1', 1, 1, true],
      ['a2', 3, 3, false],
    ]);
    expect(measurementPointFeatures(points, 'download').features.map((f) => f.properties.color)).toEqual([CLASS_COLORS[1], CLASS_COLORS[3]]);
    const cells = measurementCells(c, new H3CellCache(c).at(8), { operator: 'tmobile', technology: null });
    expect(measurementCellFeatures(cells, 'rsrp').features[0]!.properties.color).toBe(NO_VALUE_COLOR);
    expect(measurementCellFeatures(cells, 'download').features[0]!.properties.color).toBe(CLASS_COLORS[4]);
  });
});
