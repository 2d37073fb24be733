/**
 * Pure builders for the reports on the map: the GeoJSON features the reports source holds (flat properties,
 * the report id promoted to the feature id) and the layers that draw them. Synthetic demo reports are drawn
 * hollow and dashed, never like real ones. No glyphs are needed (the DEMO label is HTML, see MapController;
 * a cluster's count is an image drawn on demand, see clusterCountImages.ts).
 *
 * Many reports (a kraj's working copy, MANY_REPORTS or more) are drawn the way the region overview draws them:
 * below DETAIL_ZOOM every report is one point (a line's middle, a point inside an area) in a MapLibre-clustered
 * source, so the map draws a few hundred circles instead of every shape; from DETAIL_ZOOM on, where shapes are
 * legible and only the reports in view are drawn, the layers are the mayor's usual ones. The selected report is
 * drawn whole at every zoom. A few dozen reports (the mayor's usual case) never cluster.
 */
import { along, length, lineString } from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, FilterSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { Report, ReportGeometry } from '../core/reports/report.ts';
import { labelPoint } from './labelPoint.ts';
import { REPORT_COLORS } from './mapColors.ts';
export { clusteredDisplay, MANY_REPORTS } from './reportDisplay.ts';

export const REPORTS_SOURCE = 'reports';
/** The reports as points, clustered (filled only when there are MANY_REPORTS or more). */
export const REPORT_CLUSTER_SOURCE = 'reports-clustered';

/** With many reports, the reports' shapes are drawn from this zoom on (a few km across: a few thousand at most). */
export const DETAIL_ZOOM = 13;
/** The last zoom at which reports are grouped (the clusters' layers end at DETAIL_ZOOM). */
export const CLUSTER_MAX_ZOOM = DETAIL_ZOOM - 1;

export const REPORT_LAYER = {
  polygonFill: 'reports-polygon-fill',
  polygonLine: 'reports-polygon-line',
  polygonLineDemo: 'reports-polygon-line-demo',
  lineCasing: 'reports-line-casing',
  line: 'reports-line',
  lineDemo: 'reports-line-demo',
  point: 'reports-point',
  /** Many reports: the clusters, their counts, and the reports not in any cluster (as points). */
  clusters: 'reports-clusters',
  clusterCounts: 'reports-cluster-counts',
  clusterPoint: 'reports-cluster-point',
  /** Many reports, below DETAIL_ZOOM: the selected report, whole, above the clusters. */
  selectedFill: 'reports-selected-fill',
  selectedLine: 'reports-selected-line',
  selectedPoint: 'reports-selected-point',
} as const;

/** Every report layer (the coordinator's view hides them all). */
export const ALL_REPORT_LAYERS: string[] = Object.values(REPORT_LAYER);

/** The layers a click or tap can hit (queried with a few pixels of tolerance). */
export const CLICKABLE_REPORT_LAYERS: string[] = [
  REPORT_LAYER.point,
  REPORT_LAYER.line,
  REPORT_LAYER.lineDemo,
  REPORT_LAYER.polygonLine,
  REPORT_LAYER.polygonLineDemo,
  REPORT_LAYER.polygonFill,
  REPORT_LAYER.clusterPoint,
  REPORT_LAYER.selectedPoint,
  REPORT_LAYER.selectedLine,
  REPORT_LAYER.selectedFill,
];

export { REPORT_COLORS };

export interface ReportFeatureProperties {
  id: string;
  kind: 'point' | 'linestring' | 'polygon';
  demo: boolean;
}

export type ReportMapFeature = Feature<ReportGeometry, ReportFeatureProperties>;
export type ReportPointFeature = Feature<Point, ReportFeatureProperties>;

export interface ReportSourceDiff<G extends ReportGeometry> {
  add: Array<Feature<G, ReportFeatureProperties>>;
  update: Array<{ id: string; newGeometry: G; addOrUpdateProperties: Array<{ key: string; value: unknown }> }>;
  remove: string[];
}

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

/**
 * Where a report stands as one point: a point itself, the middle of a line (half its length along it), a point
 * inside an area (the label point: centre of mass when inside). Degrees in, degrees out.
 */
export function representativePoint(geometry: ReportGeometry): [lon: number, lat: number] {
  if (geometry.type === 'Point') return [geometry.coordinates[0]!, geometry.coordinates[1]!];
  if (geometry.type === 'LineString') {
    const line = lineString(geometry.coordinates);
    const [lon = 0, lat = 0] = along(line, length(line) / 2).geometry.coordinates;
    return [lon, lat];
  }
  return labelPoint(geometry);
}

/** A report as one point for the clustered source (same flat properties as its shape). */
export function reportPointFeature(report: Report): ReportPointFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: representativePoint(report.geometry) },
    properties: { id: report.id, kind: kindOf(report.geometry), demo: report.demo },
  };
}

export function reportPointCollection(reports: readonly Report[]): FeatureCollection<Point, ReportFeatureProperties> {
  return { type: 'FeatureCollection', features: reports.map(reportPointFeature) };
}

/** The changes between two sets of reports as a GeoJSON source diff (by report id and object identity). */
export function reportsDiff(previous: Readonly<Record<string, Report>>, next: Readonly<Record<string, Report>>): ReportSourceDiff<ReportGeometry> {
  return reportSourceDiff(previous, next, reportFeature);
}

/** The same changes for the clustered points. */
export function reportPointsDiff(previous: Readonly<Record<string, Report>>, next: Readonly<Record<string, Report>>): ReportSourceDiff<Point> {
  return reportSourceDiff(previous, next, reportPointFeature);
}

function reportSourceDiff<G extends ReportGeometry>(
  previous: Readonly<Record<string, Report>>,
  next: Readonly<Record<string, Report>>,
  feature: (report: Report) => Feature<G, ReportFeatureProperties>,
): ReportSourceDiff<G> {
  const add: ReportSourceDiff<G>['add'] = [];
  const update: ReportSourceDiff<G>['update'] = [];
  const remove: string[] = [];
  for (const [id, report] of Object.entries(next)) {
    const before = previous[id];
    if (!before) add.push(feature(report));
    else if (before !== report && (before.geometry !== report.geometry || before.demo !== report.demo)) {
      const { geometry, properties } = feature(report);
      update.push({
        id,
        newGeometry: geometry,
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

/** Matches no report (an id is never the em dash). */
const NO_REPORT = '—';

/** The selected report's shapes of `kinds` (nothing when none is selected, or it is the one being edited). */
function selectedOf(kinds: Array<ReportFeatureProperties['kind']>, selectedId: string | null, hiddenId: string | null): FilterSpecification {
  const id = selectedId !== null && selectedId !== hiddenId ? selectedId : NO_REPORT;
  return ['all', ['==', ['get', 'id'], id], ['in', ['get', 'kind'], ['literal', kinds]]] as FilterSpecification;
}

/**
 * Filters of every report layer; `hiddenId` is the report being edited (terra-draw draws it meanwhile);
 * `selectedId` the report drawn whole above the clusters (null when the reports are not clustered).
 */
export function reportLayerFilters(hiddenId: string | null, selectedId: string | null = null): Array<{ layer: string; filter: FilterSpecification }> {
  const notHidden: ExpressionSpecification[] = hiddenId ? [['!=', ['get', 'id'], hiddenId]] : [];
  return [
    { layer: REPORT_LAYER.polygonFill, filter: ofKind('polygon', undefined, hiddenId) },
    { layer: REPORT_LAYER.polygonLine, filter: ofKind('polygon', false, hiddenId) },
    { layer: REPORT_LAYER.polygonLineDemo, filter: ofKind('polygon', true, hiddenId) },
    { layer: REPORT_LAYER.lineCasing, filter: ofKind('linestring', undefined, hiddenId) },
    { layer: REPORT_LAYER.line, filter: ofKind('linestring', false, hiddenId) },
    { layer: REPORT_LAYER.lineDemo, filter: ofKind('linestring', true, hiddenId) },
    { layer: REPORT_LAYER.point, filter: ofKind('point', undefined, hiddenId) },
    { layer: REPORT_LAYER.clusterPoint, filter: ['all', ['!', ['has', 'point_count']], ...notHidden] as FilterSpecification },
    { layer: REPORT_LAYER.selectedFill, filter: selectedOf(['polygon'], selectedId, hiddenId) },
    { layer: REPORT_LAYER.selectedLine, filter: selectedOf(['linestring', 'polygon'], selectedId, hiddenId) },
    { layer: REPORT_LAYER.selectedPoint, filter: selectedOf(['point'], selectedId, hiddenId) },
  ];
}

/**
 * The zoom range of every report layer: with few reports the shapes at every zoom (clusters have no data);
 * with many, the shapes from DETAIL_ZOOM, the clusters and the selected report's own layers below it.
 */
export function reportLayerZoomRanges(clustered: boolean): Array<{ layer: string; minzoom: number; maxzoom: number }> {
  const below = new Set<string>([
    REPORT_LAYER.clusters,
    REPORT_LAYER.clusterCounts,
    REPORT_LAYER.clusterPoint,
    REPORT_LAYER.selectedFill,
    REPORT_LAYER.selectedLine,
    REPORT_LAYER.selectedPoint,
  ]);
  return ALL_REPORT_LAYERS.map((layer) =>
    below.has(layer) ? { layer, minzoom: 0, maxzoom: clustered ? DETAIL_ZOOM : 0 } : { layer, minzoom: clustered ? DETAIL_ZOOM : 0, maxzoom: 24 },
  );
}

/** The clustered points' source: a cluster counts its reports and how many are demo (an all-demo cluster is hollow). */
export function reportClusterSource(): GeoJSONSourceSpecification {
  return {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    promoteId: 'id',
    cluster: true,
    clusterRadius: 50,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterProperties: { demoCount: ['+', ['case', ['==', ['get', 'demo'], true], 1, 0]] },
  };
}

/** The image showing a cluster's count (drawn on demand: the offline map has no glyphs). */
export const CLUSTER_COUNT_PREFIX = 'report-cluster-count:';

export function clusterCountImageId(count: number, demo: boolean): string {
  return `${CLUSTER_COUNT_PREFIX}${demo ? 'demo' : 'report'}:${count}`;
}

/** The count and look an image id stands for; null for any other image. */
export function parseClusterCountImageId(id: string): { count: number; demo: boolean } | null {
  if (!id.startsWith(CLUSTER_COUNT_PREFIX)) return null;
  const [kind, count] = id.slice(CLUSTER_COUNT_PREFIX.length).split(':');
  const n = Number(count);
  if ((kind !== 'demo' && kind !== 'report') || !Number.isInteger(n) || n < 0) return null;
  return { count: n, demo: kind === 'demo' };
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
    ...clusterLayers(filter),
  ];
}

const allDemo: ExpressionSpecification = ['==', ['get', 'demoCount'], ['get', 'point_count']];
const clusterRadius: ExpressionSpecification = ['step', ['get', 'point_count'], 13, 10, 16, 100, 20, 1000, 25];

function clusterLayers(filter: (layer: string) => FilterSpecification): LayerSpecification[] {
  const hiddenRange = { minzoom: 0, maxzoom: 0 };
  return [
    {
      id: REPORT_LAYER.clusterPoint,
      type: 'circle',
      source: REPORT_CLUSTER_SOURCE,
      ...hiddenRange,
      filter: filter(REPORT_LAYER.clusterPoint),
      paint: {
        'circle-radius': 7,
        'circle-color': ['case', isDemo, '#ffffff', REPORT_COLORS.report],
        'circle-stroke-color': ['case', isDemo, REPORT_COLORS.demo, '#ffffff'],
        'circle-stroke-width': ['case', isDemo, 3, 2],
      },
    },
    {
      id: REPORT_LAYER.clusters,
      type: 'circle',
      source: REPORT_CLUSTER_SOURCE,
      ...hiddenRange,
      filter: ['has', 'point_count'],
      paint: {
        'circle-radius': clusterRadius,
        'circle-color': ['case', allDemo, '#ffffff', REPORT_COLORS.report],
        'circle-opacity': 0.9,
        'circle-stroke-color': ['case', allDemo, REPORT_COLORS.demo, '#ffffff'],
        'circle-stroke-width': ['case', allDemo, 3, 2.5],
      },
    },
    {
      id: REPORT_LAYER.clusterCounts,
      type: 'symbol',
      source: REPORT_CLUSTER_SOURCE,
      ...hiddenRange,
      filter: ['has', 'point_count'],
      layout: {
        'icon-image': ['concat', CLUSTER_COUNT_PREFIX, ['case', allDemo, 'demo', 'report'], ':', ['to-string', ['get', 'point_count']]],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
    {
      id: REPORT_LAYER.selectedFill,
      type: 'fill',
      source: REPORTS_SOURCE,
      ...hiddenRange,
      filter: filter(REPORT_LAYER.selectedFill),
      paint: { 'fill-color': REPORT_COLORS.selected, 'fill-opacity': 0.3 },
    },
    {
      id: REPORT_LAYER.selectedLine,
      type: 'line',
      source: REPORTS_SOURCE,
      ...hiddenRange,
      filter: filter(REPORT_LAYER.selectedLine),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': REPORT_COLORS.selected, 'line-width': 5 },
    },
    {
      id: REPORT_LAYER.selectedPoint,
      type: 'circle',
      source: REPORTS_SOURCE,
      ...hiddenRange,
      filter: filter(REPORT_LAYER.selectedPoint),
      paint: { 'circle-radius': 10, 'circle-color': REPORT_COLORS.selected, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
    },
  ];
}
