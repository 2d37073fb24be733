/**
 * Pure builders for the reports on the map: the GeoJSON features the reports source holds (flat properties,
 * the report id promoted to the feature id) and the layers that draw them. Synthetic demo reports are drawn
 * hollow and dashed, never like real ones. No glyphs are needed (the DEMO label is HTML, see MapController).
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';
import type { Report, ReportGeometry } from '../core/reports/report.ts';

export const REPORTS_SOURCE = 'reports';

export const REPORT_LAYER = {
  polygonFill: 'reports-polygon-fill',
  polygonLine: 'reports-polygon-line',
  polygonLineDemo: 'reports-polygon-line-demo',
  lineCasing: 'reports-line-casing',
  line: 'reports-line',
  lineDemo: 'reports-line-demo',
  point: 'reports-point',
} as const;

/** The layers a click or tap can hit (queried with a few pixels of tolerance). */
export const CLICKABLE_REPORT_LAYERS: string[] = [
  REPORT_LAYER.point,
  REPORT_LAYER.line,
  REPORT_LAYER.lineDemo,
  REPORT_LAYER.polygonLine,
  REPORT_LAYER.polygonLineDemo,
  REPORT_LAYER.polygonFill,
];

export const REPORT_COLORS = {
  report: '#b42318',
  demo: '#5b21b6',
  selected: '#1d4ed8',
  casing: '#ffffff',
} as const;

export interface ReportFeatureProperties {
  id: string;
  kind: 'point' | 'linestring' | 'polygon';
  demo: boolean;
}

export type ReportMapFeature = Feature<ReportGeometry, ReportFeatureProperties>;

export function kindOf(geometry: ReportGeometry): ReportFeatureProperties['kind'] {
  return geometry.type === 'Point' ? 'point' : geometry.type === 'LineString' ? 'linestring' : 'polygon';
}

export function reportFeature(report: Report): ReportMapFeature {
  return {
    type: 'Feature',
    geometry: report.geometry,
    properties: { id: report.id, kind: kindOf(report.geometry), demo: report.demo },
  };
}

export function reportFeatureCollection(reports: readonly Report[]): FeatureCollection<ReportGeometry, ReportFeatureProperties> {
  return { type: 'FeatureCollection', features: reports.map(reportFeature) };
}

/** The changes between two sets of reports as a GeoJSON source diff (by report id and object identity). */
export function reportsDiff(
  previous: Readonly<Record<string, Report>>,
  next: Readonly<Record<string, Report>>,
): { add: ReportMapFeature[]; update: Array<{ id: string; newGeometry: ReportGeometry; addOrUpdateProperties: Array<{ key: string; value: unknown }> }>; remove: string[] } {
  const add: ReportMapFeature[] = [];
  const update: Array<{ id: string; newGeometry: ReportGeometry; addOrUpdateProperties: Array<{ key: string; value: unknown }> }> = [];
  const remove: string[] = [];
  for (const [id, report] of Object.entries(next)) {
    const before = previous[id];
    if (!before) add.push(reportFeature(report));
    else if (before !== report && (before.geometry !== report.geometry || before.demo !== report.demo)) {
      const { properties } = reportFeature(report);
      update.push({
        id,
        newGeometry: report.geometry,
        addOrUpdateProperties: Object.entries(properties).map(([key, value]) => ({ key, value })),
      });
    }
  }
  for (const id of Object.keys(previous)) if (!(id in next)) remove.push(id);
  return { add, update, remove };
}

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const isDemo: ExpressionSpecification = ['==', ['get', 'demo'], true];
const colour: ExpressionSpecification = ['case', selected, REPORT_COLORS.selected, isDemo, REPORT_COLORS.demo, REPORT_COLORS.report];

function ofKind(kind: ReportFeatureProperties['kind'], demo?: boolean, hiddenId?: string | null): FilterSpecification {
  const conditions: ExpressionSpecification[] = [['==', ['get', 'kind'], kind]];
  if (demo !== undefined) conditions.push(['==', ['get', 'demo'], demo]);
  if (hiddenId) conditions.push(['!=', ['get', 'id'], hiddenId]);
  return ['all', ...conditions] as FilterSpecification;
}

/** Filters of every report layer; `hiddenId` is the report being edited (terra-draw draws it meanwhile). */
export function reportLayerFilters(hiddenId: string | null): Array<{ layer: string; filter: FilterSpecification }> {
  return [
    { layer: REPORT_LAYER.polygonFill, filter: ofKind('polygon', undefined, hiddenId) },
    { layer: REPORT_LAYER.polygonLine, filter: ofKind('polygon', false, hiddenId) },
    { layer: REPORT_LAYER.polygonLineDemo, filter: ofKind('polygon', true, hiddenId) },
    { layer: REPORT_LAYER.lineCasing, filter: ofKind('linestring', undefined, hiddenId) },
    { layer: REPORT_LAYER.line, filter: ofKind('linestring', false, hiddenId) },
    { layer: REPORT_LAYER.lineDemo, filter: ofKind('linestring', true, hiddenId) },
    { layer: REPORT_LAYER.point, filter: ofKind('point', undefined, hiddenId) },
  ];
}

export function reportLayers(): LayerSpecification[] {
  const filters = new Map(reportLayerFilters(null).map(({ layer, filter }) => [layer, filter]));
  const filter = (layer: string): FilterSpecification => filters.get(layer)!;
  return [
    {
      id: REPORT_LAYER.polygonFill,
      type: 'fill',
      source: REPORTS_SOURCE,
      filter: filter(REPORT_LAYER.polygonFill),
      paint: { 'fill-color': colour, 'fill-opacity': ['case', selected, 0.3, isDemo, 0.12, 0.22] },
    },
    {
      id: REPORT_LAYER.polygonLine,
      type: 'line',
      source: REPORTS_SOURCE,
      filter: filter(REPORT_LAYER.polygonLine),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': colour, 'line-width': ['case', selected, 4, 2.5] },
    },
    {
      id: REPORT_LAYER.polygonLineDemo,
      type: 'line',
      source: REPORTS_SOURCE,
      filter: filter(REPORT_LAYER.polygonLineDemo),
      paint: { 'line-color': colour, 'line-width': ['case', selected, 4, 2.5], 'line-dasharray': [2, 1.5] },
    },
    {
      id: REPORT_LAYER.lineCasing,
      type: 'line',
      source: REPORTS_SOURCE,
      filter: filter(REPORT_LAYER.lineCasing),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': REPORT_COLORS.casing, 'line-width': ['case', selected, 10, 8] },
    },
    {
      id: REPORT_LAYER.line,
      type: 'line',
      source: REPORTS_SOURCE,
      filter: filter(REPORT_LAYER.line),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': colour, 'line-width': ['case', selected, 6, 4.5] },
    },
    {
      id: REPORT_LAYER.lineDemo,
      type: 'line',
      source: REPORTS_SOURCE,
      filter: filter(REPORT_LAYER.lineDemo),
      paint: { 'line-color': colour, 'line-width': ['case', selected, 6, 4.5], 'line-dasharray': [1.5, 1] },
    },
    {
      id: REPORT_LAYER.point,
      type: 'circle',
      source: REPORTS_SOURCE,
      filter: filter(REPORT_LAYER.point),
      paint: {
        // Large enough to see and to tap; demo points are hollow rings.
        'circle-radius': ['case', selected, 10, 8],
        'circle-color': ['case', selected, REPORT_COLORS.selected, isDemo, '#ffffff', REPORT_COLORS.report],
        'circle-stroke-color': ['case', selected, '#ffffff', isDemo, REPORT_COLORS.demo, '#ffffff'],
        'circle-stroke-width': ['case', isDemo, 3.5, 2.5],
      },
    },
  ];
}
