/**
 * Pure builders for the NetTest measurement layer of the coordinator's map: H3 hexagons coloured by the NetTest
 * class of their median download or RSRP (with the count and the failures for the tooltip) and, zoomed in, single
 * measurements coloured by their own class. NetTest's classes (4 = best) keep the map readable against the app
 * NetTest users know; a hexagon without a value for the chosen measure is grey, never the lowest class.
 */
import type { FeatureCollection, Point, Polygon } from 'geojson';
import type { ExpressionSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { MeasurementCellSummary, MeasurementPoint } from '../core/nettest/measurementLayer.ts';
import { downloadClass, rsrpClass } from '../core/nettest/nettestSchema.ts';
import type { MeasurementMetric } from '../store/nettestSlice.ts';
import { MEASUREMENT_POINTS_ZOOM } from '../store/nettestSlice.ts';

export const MEASUREMENT_SOURCE = { cells: 'measurement-cells', points: 'measurement-points' } as const;
export const MEASUREMENT_LAYER = {
  cellFill: 'measurement-cell-fill',
  cellLine: 'measurement-cell-line',
  points: 'measurement-points',
} as const;

/** NetTest class → colour (1 weak … 4 excellent); ColorBrewer RdYlGn ends, darkened for contrast on light maps. */
export const CLASS_COLORS: Record<1 | 2 | 3 | 4, string> = { 1: '#c0282d', 2: '#f08a24', 3: '#8cc152', 4: '#1a7f3c' };
export const NO_VALUE_COLOR = '#8a9099';

/** The class thresholds as the legend lists them, best first. */
export const CLASS_LIMITS: Record<MeasurementMetric, Record<1 | 2 | 3 | 4, string>> = {
  download: { 4: '≥ 100', 3: '30–100', 2: '10–30', 1: '< 10' },
  rsrp: { 4: '≥ −85', 3: '−95 … −85', 2: '−111 … −95', 1: '< −111' },
};

export function cellClass(cell: MeasurementCellSummary, metric: MeasurementMetric): 1 | 2 | 3 | 4 | null {
  if (metric === 'download') return cell.medianDownloadMbps === null ? null : downloadClass(cell.medianDownloadMbps);
  return cell.medianRsrpDbm === null ? null : rsrpClass(cell.medianRsrpDbm);
}

export interface CellProperties {
  cell: string;
  count: number;
  failures: number;
  download: number | null;
  rsrp: number | null;
  color: string;
}

export function measurementCellFeatures(cells: readonly MeasurementCellSummary[], metric: MeasurementMetric): FeatureCollection<Polygon, CellProperties> {
  return {
    type: 'FeatureCollection',
    features: cells.map((cell) => {
      const k = cellClass(cell, metric);
      return {
        type: 'Feature',
        id: cell.cell,
        geometry: { type: 'Polygon', coordinates: [cell.boundary] },
        properties: {
          cell: cell.cell,
          count: cell.count,
          failures: cell.failures,
          download: cell.medianDownloadMbps,
          rsrp: cell.medianRsrpDbm,
          color: k === null ? NO_VALUE_COLOR : CLASS_COLORS[k],
        },
      };
    }),
  };
}

export interface PointProperties {
  row: number;
  color: string;
  failed: boolean;
}

export function measurementPointFeatures(points: readonly MeasurementPoint[], metric: MeasurementMetric): FeatureCollection<Point, PointProperties> {
  return {
    type: 'FeatureCollection',
    features: points.map((point) => {
      const k = metric === 'download' ? point.downloadClass : point.signalClass;
      return {
        type: 'Feature',
        id: point.row,
        geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
        properties: { row: point.row, color: k === null ? NO_VALUE_COLOR : CLASS_COLORS[k], failed: point.failed },
      };
    }),
  };
}

export function measurementSources(): Record<string, GeoJSONSourceSpecification> {
  const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
  return {
    [MEASUREMENT_SOURCE.cells]: { type: 'geojson', data: empty, promoteId: 'cell' },
    [MEASUREMENT_SOURCE.points]: { type: 'geojson', data: empty },
  };
}

const hover: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const focus: ExpressionSpecification = ['boolean', ['feature-state', 'focus'], false];

/** Hexagons until MEASUREMENT_POINTS_ZOOM, single measurements from it on. */
export function measurementLayers(): LayerSpecification[] {
  return [
    {
      id: MEASUREMENT_LAYER.cellFill,
      type: 'fill',
      source: MEASUREMENT_SOURCE.cells,
      maxzoom: MEASUREMENT_POINTS_ZOOM,
      layout: { visibility: 'none' },
      paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['case', hover, 0.9, 0.65] },
    },
    {
      id: MEASUREMENT_LAYER.cellLine,
      type: 'line',
      source: MEASUREMENT_SOURCE.cells,
      maxzoom: MEASUREMENT_POINTS_ZOOM,
      layout: { visibility: 'none' },
      paint: { 'line-color': '#1f2933', 'line-width': ['case', focus, 3.5, hover, 2, 0.6], 'line-opacity': ['case', focus, 1, 0.7] },
    },
    {
      id: MEASUREMENT_LAYER.points,
      type: 'circle',
      source: MEASUREMENT_SOURCE.points,
      minzoom: MEASUREMENT_POINTS_ZOOM,
      layout: { visibility: 'none' },
      paint: {
        'circle-color': ['get', 'color'],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 4, 17, 7],
        'circle-stroke-color': ['case', ['get', 'failed'], '#111827', '#ffffff'],
        'circle-stroke-width': ['case', ['get', 'failed'], 2, 1],
      },
    },
  ];
}
