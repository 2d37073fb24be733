import { latLngToCell } from 'h3-js';
import { isFailedMeasurement } from '../../../src/core/nettest/aggregateMeasurements.ts';
import { tableOfColumns } from '../../../src/core/nettest/measurementColumns.ts';
import { MEASUREMENT_TECHNOLOGIES } from '../../../src/core/nettest/nettestSchema.ts';
import { OPERATORS } from '../../../src/core/reports/enumerations.ts';
import { seededRandom } from '../../../src/core/random/seededRandom.ts';
import { positionsBbox } from '../../../src/core/geo/geometryBbox.ts';
import { describe, expect, it } from 'vitest';
import { indexMeasurements } from '../../../src/core/nettest/attachMeasurements.ts';
import { columnsFromTable } from '../../../src/core/nettest/measurementColumns.ts';
import { H3CellCache, measurementCells, measurementPointsIn, worstCells } from '../../../src/core/nettest/measurementLayer.ts';
import { MeasurementTable } from '../../../src/core/nettest/measurementTable.ts';
import type { MeasurementTechnology } from '../../../src/core/nettest/nettestSchema.ts';
import type { OperatorCode } from '../../../src/core/reports/enumerations.ts';
import { CLASS_COLORS, measurementCellFeatures, measurementPointFeatures, NO_VALUE_COLOR } from '../../../src/map/nettestLayers.ts';

const A: [number, number] = [12.9245, 50.4098];
const B: [number, number] = [13.0, 50.3];

function columns() {
  const table = new MeasurementTable();
  const add = (uuid: string, at: [number, number], operator: OperatorCode, technology: MeasurementTechnology, downloadKbit: number, rsrpDbm: number) =>
    table.add({
      uuid,
      lon: at[0],
      lat: at[1],
      time: Date.UTC(2026, 9, 1),
      accuracyM: 5,
      downloadKbit,
      uploadKbit: 10_000,
      pingMs: 20,
      rsrpDbm,
      signalDbm: Number.NaN,
      operator,
      technology,
    });
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

describe('single measurements when a box holds more than the limit', () => {
  it('takes them evenly over the box, failed ones first in each bin, instead of the first rows', () => {
    const table = new MeasurementTable();
    // 400 measurements crowded in the south-west corner, then 16 spread along the north edge (the last rows).
    for (let i = 0; i < 400; i++) {
      table.add({
        uuid: `dense-${i}`,
        lon: 13 + (i % 20) * 0.0001,
        lat: 50 + Math.floor(i / 20) * 0.0001,
        time: 0,
        accuracyM: 5,
        downloadKbit: 50_000,
        uploadKbit: 10_000,
        pingMs: 20,
        rsrpDbm: -90,
        signalDbm: Number.NaN,
        operator: 'o2',
        technology: '4g',
      });
    }
    for (let i = 0; i < 16; i++) {
      table.add({
        uuid: `edge-${i}`,
        lon: 13 + i * 0.0625,
        lat: 50.99,
        time: 0,
        accuracyM: 5,
        downloadKbit: i === 3 ? 1_000 : 50_000,
        uploadKbit: 10_000,
        pingMs: 20,
        rsrpDbm: -90,
        signalDbm: Number.NaN,
        operator: 'o2',
        technology: '4g',
      });
    }
    // A failed measurement on the same spot as the first dense one, added last.
    table.add({
      uuid: 'failed',
      lon: 13,
      lat: 50,
      time: 0,
      accuracyM: 5,
      downloadKbit: 1_000,
      uploadKbit: 10_000,
      pingMs: 20,
      rsrpDbm: -90,
      signalDbm: Number.NaN,
      operator: 'o2',
      technology: '4g',
    });
    const c = columnsFromTable(table);
    const box: [number, number, number, number] = [13, 50, 14, 51];
    const { points, total } = measurementPointsIn(c, indexMeasurements(c), box, { operator: null, technology: null }, 40);
    expect(total).toBe(417);
    expect(points).toHaveLength(40);
    // Every edge measurement is in its own bin, so each is taken in the first round; the dense corner fills the rest.
    expect(points.filter((p) => p.uuid.startsWith('edge-')).map((p) => p.uuid)).toEqual(Array.from({ length: 16 }, (_, i) => `edge-${i}`));
    expect(points.map((p) => p.row)).toEqual([...points.map((p) => p.row)].sort((a, b) => a - b));
    // The same call gives the same points.
    expect(measurementPointsIn(c, indexMeasurements(c), box, { operator: null, technology: null }, 40).points.map((p) => p.uuid)).toEqual(
      points.map((p) => p.uuid),
    );
    // Within a bin, a failed measurement goes before the rows above it.
    const corner = measurementPointsIn(c, indexMeasurements(c), [13, 50, 13.002, 50.002], { operator: null, technology: null }, 1);
    expect(corner.total).toBe(401);
    expect(corner.points.map((p) => [p.uuid, p.failed])).toEqual([['failed', true]]);
  });
});

describe('the hexagon table', () => {
  it('lists the hexagons with the most failures first, then the most measurements, then by id, and boxes them', () => {
    const cell = (id: string, count: number, failures: number) => ({
      cell: id,
      count,
      failures,
      medianDownloadMbps: null,
      medianRsrpDbm: null,
      boundary: [
        [13, 50],
        [13.01, 50.02],
        [12.99, 50.01],
        [13, 50],
      ] as Array<[number, number]>,
    });
    const cells = [cell('c', 10, 1), cell('a', 5, 3), cell('b', 9, 3), cell('d', 9, 3), cell('e', 50, 0)];
    expect(worstCells(cells, 4).map((c) => c.cell)).toEqual(['b', 'd', 'a', 'c']);
    expect(cells.map((c) => c.cell)).toEqual(['c', 'a', 'b', 'd', 'e']);
    expect(positionsBbox(cells[0]!.boundary)).toEqual([12.99, 50, 13.01, 50.02]);
  });
});

describe('the map hexagons by runs of rows, against a straightforward reference', () => {
  /** The way the hexagons were computed before: one H3 call and string key per row, an array per cell, sorted medians. */
  function reference(c: ReturnType<typeof columnsFromTable>, filter: { operator: OperatorCode | null; technology: MeasurementTechnology | null }) {
    const groups = new Map<string, { count: number; failures: number; downloads: number[]; rsrps: number[] }>();
    const table = tableOfColumns(c);
    const operatorIndex = filter.operator === null ? -1 : OPERATORS.findIndex((o) => o.code === filter.operator);
    const technologyIndex = filter.technology === null ? -1 : MEASUREMENT_TECHNOLOGIES.indexOf(filter.technology);
    const median = (values: number[]) => {
      if (values.length === 0) return null;
      values.sort((a, b) => a - b);
      const middle = values.length >> 1;
      return values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
    };
    for (let i = 0; i < c.count; i++) {
      if (operatorIndex >= 0 && c.operator[i] !== operatorIndex) continue;
      if (technologyIndex >= 0 && c.technology[i] !== technologyIndex) continue;
      const cell = latLngToCell(c.lat[i]!, c.lon[i]!, 8);
      const group = groups.get(cell) ?? { count: 0, failures: 0, downloads: [], rsrps: [] };
      groups.set(cell, group);
      group.count++;
      if (isFailedMeasurement(table, i)) group.failures++;
      if (Number.isFinite(c.downloadKbit[i]!)) group.downloads.push(c.downloadKbit[i]! / 1000);
      if (Number.isFinite(c.rsrpDbm[i]!)) group.rsrps.push(c.rsrpDbm[i]!);
    }
    return [...groups]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([cell, g]) => {
        const download = median(g.downloads);
        return [cell, g.count, g.failures, download === null ? null : Math.round(download * 100) / 100, median(g.rsrps)];
      });
  }

  it('gives exactly the same cells, counts, failures and medians for every filter', () => {
    const random = seededRandom(21);
    const table = new MeasurementTable();
    const operators: OperatorCode[] = ['o2', 'tmobile', 'vodafone'];
    const technologies: MeasurementTechnology[] = ['2g', '4g', '5g'];
    for (let i = 0; i < 20_000; i++) {
      // Most rows crowd into a few hexagons (hundreds per cell), the rest spread over Karlovarský kraj.
      const crowded = random() < 0.6;
      const lon = crowded ? 12.87 + Math.floor(random() * 4) * 0.01 + random() * 0.002 : 12.3 + random() * 1.0;
      const lat = crowded ? 50.23 + random() * 0.002 : 50.0 + random() * 0.4;
      const odd = random();
      table.add({
        uuid: `g${i}`,
        lon,
        lat,
        time: 0,
        accuracyM: 5,
        downloadKbit: odd < 0.1 ? Number.NaN : Math.floor(random() * 60_000),
        uploadKbit: Math.floor(random() * 5_000),
        pingMs: 20,
        rsrpDbm: odd > 0.8 ? Number.NaN : -60 - Math.floor(random() * 70),
        signalDbm: Number.NaN,
        operator: operators[Math.floor(random() * 3)]!,
        technology: technologies[Math.floor(random() * 3)]!,
      });
    }
    const c = columnsFromTable(table);
    const runs = new H3CellCache(c).at(8);
    for (const filter of [
      { operator: null, technology: null },
      { operator: 'o2' as const, technology: null },
      { operator: null, technology: '5g' as const },
      { operator: 'vodafone' as const, technology: '2g' as const },
    ]) {
      const fast = measurementCells(c, runs, filter).map((cell) => [cell.cell, cell.count, cell.failures, cell.medianDownloadMbps, cell.medianRsrpDbm]);
      expect(fast).toEqual(reference(c, filter));
      expect(fast.length).toBeGreaterThan(50);
    }
  });
});
