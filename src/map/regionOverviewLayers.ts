/**
 * Pure builders for the coordinator's map ("Přehled kraje"): a choropleth per ORP (per obec when zoomed in) or
 * per H3 cell, problem localities as circles around their members, and the reports as MapLibre-clustered points.
 * Units without reports are hatched, never painted as the lowest class: "no reports" is not "zero problems".
 * Every feature carries the figures behind its value (reports, distinct obce and reporters) for the tooltip.
 */
import { minOf } from '../core/math/minMax.ts';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { ExpressionSpecification, FilterSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { UnitStatistics } from '../core/aggregate/aggregateReports.ts';
import { METRES_PER_DEGREE } from '../core/geo/earth.ts';
import type { ObceCollection, OrpCollection } from '../core/packs/packFormat.ts';
import type { Report } from '../core/reports/report.ts';
import type { LocalityStatus } from '../core/review/reviewModel.ts';
import type { ChoroplethMetric, CoordinatorUnits } from '../store/regionOverviewSlice.ts';
import type { H3CellStatistics, LocalitySummary } from '../core/analysis/analysisTypes.ts';

export const COORDINATOR_SOURCE = {
  orp: 'coordinator-orp',
  obce: 'coordinator-obce',
  h3: 'coordinator-h3',
  zsj: 'coordinator-zsj',
  localities: 'coordinator-localities',
  points: 'coordinator-points',
  shapes: 'coordinator-shapes',
} as const;

export const COORDINATOR_LAYER = {
  orpFill: 'coordinator-orp-fill',
  orpNoData: 'coordinator-orp-nodata',
  obceFill: 'coordinator-obce-fill',
  obceNoData: 'coordinator-obce-nodata',
  zsjFill: 'coordinator-zsj-fill',
  zsjNoData: 'coordinator-zsj-nodata',
  h3Fill: 'coordinator-h3-fill',
  h3Line: 'coordinator-h3-line',
  localityFill: 'coordinator-locality-fill',
  localityLine: 'coordinator-locality-line',
  shapeFill: 'coordinator-shape-fill',
  shapeLine: 'coordinator-shape-line',
  pointClusters: 'coordinator-point-clusters',
  points: 'coordinator-points',
} as const;

/**
 * From this zoom on the region overview draws road stretches and areas as their shapes (beside their point): a
 * 2.5 km road is ~50 px long at zoom 11, enough to see which way it runs and whether two reports overlap — what a
 * coordinator deciding a merge needs. Below it a kraj's thousands of shapes would be noise; points stay.
 */
export const SHAPE_ZOOM = 11;

/** Below this zoom the choropleth is per ORP, from it on per obec. */
export const OBEC_ZOOM = 10;
/** The hatch image for units without reports (added to the map at load: no sprite needed). */
export const HATCH_IMAGE = 'coordinator-hatch';

/** A sequential scale, light to dark (ColorBrewer OrRd, 5 classes: colour-blind safe, prints in grey). */
export const CHOROPLETH_COLORS = ['#fdd49e', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'] as const;
export const NO_DATA_COLOR = '#7b8794';

export const STATUS_COLORS: Record<LocalityStatus, string> = {
  new: '#1d4ed8',
  inReview: '#7c3aed',
  confirmed: '#b91c1c',
  rejected: '#6b7280',
  duplicate: '#6b7280',
  sentToCtu: '#c2410c',
  measuredByCtu: '#0f766e',
  resolved: '#15803d',
};

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function coordinatorSources(): Record<string, GeoJSONSourceSpecification> {
  return {
    [COORDINATOR_SOURCE.orp]: { type: 'geojson', data: EMPTY, promoteId: 'kod' },
    [COORDINATOR_SOURCE.obce]: { type: 'geojson', data: EMPTY, promoteId: 'kod' },
    [COORDINATOR_SOURCE.h3]: { type: 'geojson', data: EMPTY, promoteId: 'kod' },
    [COORDINATOR_SOURCE.zsj]: { type: 'geojson', data: EMPTY, promoteId: 'kod' },
    [COORDINATOR_SOURCE.localities]: { type: 'geojson', data: EMPTY, promoteId: 'id' },
    // Many reports: MapLibre groups them into clusters until zoomed in.
    [COORDINATOR_SOURCE.points]: { type: 'geojson', data: EMPTY, cluster: true, clusterRadius: 40, clusterMaxZoom: 13 },
    [COORDINATOR_SOURCE.shapes]: { type: 'geojson', data: EMPTY },
  };
}

// ------------------------------------------------------------------ classes

/**
 * Upper bounds of up to `classes` classes over the values (quantiles, made distinct). Few distinct values get a
 * class each, so a scale never claims a spread that the data lack.
 */
export function classBreaks(values: readonly number[], classes = CHOROPLETH_COLORS.length): number[] {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const distinct = [...new Set(sorted)];
  if (distinct.length <= classes) return distinct;
  const breaks: number[] = [];
  for (let k = 1; k <= classes; k++) {
    const value = sorted[Math.min(sorted.length - 1, Math.ceil((k / classes) * sorted.length) - 1)]!;
    if (breaks.length === 0 || value > breaks[breaks.length - 1]!) breaks.push(value);
  }
  return breaks;
}

/** The class (0…breaks.length − 1) a value falls in. */
export function classOf(value: number, breaks: readonly number[]): number {
  for (let k = 0; k < breaks.length; k++) if (value <= breaks[k]!) return k;
  return Math.max(0, breaks.length - 1);
}

/** The colours used for `breaks` classes: spread over the scale, darkest last. */
export function classColors(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return [CHOROPLETH_COLORS[2]];
  const last = CHOROPLETH_COLORS.length - 1;
  return Array.from({ length: count }, (_, k) => CHOROPLETH_COLORS[Math.round((k * last) / (count - 1))]!);
}

export function metricValue(stats: UnitStatistics, metric: ChoroplethMetric): number {
  return metric === 'reports' ? stats.reports : metric === 'inhabitants' ? stats.inhabitantsAffected : stats.localities;
}

// ------------------------------------------------------------------ features

export interface ChoroplethProperties {
  kod: string;
  nazev: string;
  /** The unit has at least one report. */
  has: boolean;
  value: number;
  color: string;
  reports: number;
  distinctObce: number;
  distinctReporters: number;
  localities: number;
  inhabitants: number;
}

export interface ChoroplethLegend {
  metric: ChoroplethMetric;
  /** Classes, lowest first: [from, to] and colour. */
  classes: Array<{ from: number; to: number; color: string }>;
  unitsWithReports: number;
  unitsWithout: number;
}

/** A legend for the statistics of the units drawn (only units in `kody`). */
export function choroplethLegend(stats: readonly UnitStatistics[], kody: ReadonlySet<string>, metric: ChoroplethMetric): ChoroplethLegend {
  const shown = stats.filter((s) => kody.has(s.unit.kod));
  const breaks = classBreaks(shown.map((s) => metricValue(s, metric)));
  const colors = classColors(breaks.length);
  const min = shown.length > 0 ? minOf(shown.map((s) => metricValue(s, metric))) : 0;
  return {
    metric,
    classes: breaks.map((to, k) => ({ from: k === 0 ? min : breaks[k - 1]! + (Number.isInteger(breaks[k - 1]) ? 1 : 0), to, color: colors[k]! })),
    unitsWithReports: shown.length,
    unitsWithout: kody.size - shown.length,
  };
}

/** Units with a code and a name: ORP and obce from the pack, ZSJ from a loaded ZSJ layer. */
type UnitCollection = ObceCollection | OrpCollection | FeatureCollection<Polygon | MultiPolygon, { kod: string; nazev: string }>;

/** The units of a display collection, joined with their statistics and coloured by class. */
export function choroplethFeatures(
  units: UnitCollection,
  stats: readonly UnitStatistics[],
  metric: ChoroplethMetric,
): FeatureCollection<UnitCollection['features'][number]['geometry'], ChoroplethProperties> {
  const byKod = new Map(stats.map((s) => [s.unit.kod, s]));
  const kody = new Set(units.features.map((f) => f.properties.kod));
  const legend = choroplethLegend(stats, kody, metric);
  const breaks = legend.classes.map((c) => c.to);
  const colors = legend.classes.map((c) => c.color);
  return {
    type: 'FeatureCollection',
    features: units.features.map((feature) => {
      const s = byKod.get(feature.properties.kod);
      const value = s ? metricValue(s, metric) : 0;
      return {
        type: 'Feature',
        geometry: feature.geometry,
        properties: {
          kod: feature.properties.kod,
          nazev: feature.properties.nazev,
          has: s !== undefined,
          value,
          color: s ? (colors[classOf(value, breaks)] ?? NO_DATA_COLOR) : NO_DATA_COLOR,
          reports: s?.reports ?? 0,
          distinctObce: s?.distinctObce ?? 0,
          distinctReporters: s?.distinctReporters ?? 0,
          localities: s?.localities ?? 0,
          inhabitants: s?.inhabitantsAffected ?? 0,
        },
      };
    }),
  };
}

/** H3 cells with reports (cells without are not drawn: the hatched units beneath say "no reports"). */
export function h3Features(cells: readonly H3CellStatistics[], metric: ChoroplethMetric): FeatureCollection<Polygon, ChoroplethProperties> {
  const breaks = classBreaks(cells.map((c) => metricValue(c, metric)));
  const colors = classColors(breaks.length);
  return {
    type: 'FeatureCollection',
    features: cells.map((cell) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [cell.boundary] },
      properties: {
        kod: cell.unit.kod,
        nazev: cell.unit.kod,
        has: true,
        value: metricValue(cell, metric),
        color: colors[classOf(metricValue(cell, metric), breaks)] ?? NO_DATA_COLOR,
        reports: cell.reports,
        distinctObce: cell.distinctObce,
        distinctReporters: cell.distinctReporters,
        localities: cell.localities,
        inhabitants: cell.inhabitantsAffected,
      },
    })),
  };
}

export interface LocalityFeatureProperties {
  id: string;
  status: LocalityStatus;
  color: string;
  reports: number;
  level: number;
}

/** A circle (polygon, 40 vertices) of `radiusM` metres around a centre. */
export function circlePolygon(centre: readonly [number, number], radiusM: number, vertices = 40): Polygon {
  const ky = radiusM / METRES_PER_DEGREE;
  const kx = ky / Math.cos((centre[1] * Math.PI) / 180);
  const ring: Array<[number, number]> = [];
  for (let k = 0; k < vertices; k++) {
    const angle = (2 * Math.PI * k) / vertices;
    ring.push([centre[0] + kx * Math.cos(angle), centre[1] + ky * Math.sin(angle)]);
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Localities that pass the filters, as circles around their members, coloured by review status. */
export function localityFeatures(
  localities: readonly LocalitySummary[],
  statusOf: (id: string) => LocalityStatus,
): FeatureCollection<Polygon, LocalityFeatureProperties> {
  return {
    type: 'FeatureCollection',
    features: localities
      .filter((locality) => locality.shown)
      .map((locality): Feature<Polygon, LocalityFeatureProperties> => {
        const status = statusOf(locality.id);
        return {
          type: 'Feature',
          geometry: circlePolygon(locality.centre, locality.radiusM),
          properties: { id: locality.id, status, color: STATUS_COLORS[status], reports: locality.reportIds.length, level: locality.evidence.level },
        };
      }),
  };
}

/** Reports as points (a line's middle, a point inside an area) for the clustered source. */
export function reportPointFeatures(reports: readonly Report[]): FeatureCollection<Point, { id: string }> {
  return {
    type: 'FeatureCollection',
    features: reports.map((report) => {
      const g = report.geometry;
      const at: [number, number] = report.place
        ? [report.place.wgs84.lon, report.place.wgs84.lat]
        : g.type === 'Point'
          ? [g.coordinates[0]!, g.coordinates[1]!]
          : g.type === 'LineString'
            ? [g.coordinates[0]![0]!, g.coordinates[0]![1]!]
            : [g.coordinates[0]![0]![0]!, g.coordinates[0]![0]![1]!];
      return { type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { id: report.id } };
    }),
  };
}

/** Road stretches and areas as their own shapes (points are drawn by reportPointFeatures already). */
export function reportShapeFeatures(reports: readonly Report[]): FeatureCollection<LineString | Polygon, { id: string; kind: 'line' | 'area' }> {
  const features: Array<Feature<LineString | Polygon, { id: string; kind: 'line' | 'area' }>> = [];
  for (const report of reports) {
    const g = report.geometry;
    if (g.type === 'LineString')
      features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: g.coordinates }, properties: { id: report.id, kind: 'line' } });
    else if (g.type === 'Polygon')
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: g.coordinates }, properties: { id: report.id, kind: 'area' } });
  }
  return { type: 'FeatureCollection', features };
}

/** An 8×8 diagonal hatch (RGBA) for the fill-pattern of units without reports. */
export function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size === 0 || (x + y + 1) % size === 0;
      const at = (y * size + x) * 4;
      data.set(on ? [90, 103, 118, 200] : [255, 255, 255, 110], at);
    }
  }
  return { width: size, height: size, data };
}

// ------------------------------------------------------------------ layers

const hidden = { visibility: 'none' as const };
const has: ExpressionSpecification = ['==', ['get', 'has'], true];
const hasNot: FilterSpecification = ['==', ['get', 'has'], false];
const hover: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/** The choropleth fills: inserted below the obec and ORP lines so that outlines stay visible on top. */
export function coordinatorFillLayers(): LayerSpecification[] {
  const fill = (id: string, source: string, zoom: { minzoom?: number; maxzoom?: number }): LayerSpecification[] => [
    {
      id,
      type: 'fill',
      source,
      ...zoom,
      filter: has,
      layout: hidden,
      // Zoomed in, the colour steps back so the reports and localities on top stay readable.
      paint: {
        'fill-color': ['get', 'color'],
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 9, ['case', hover, 1, 0.88], 14, ['case', hover, 0.7, 0.5]],
      },
    },
    {
      id: `${id.replace('-fill', '')}-nodata`,
      type: 'fill',
      source,
      ...zoom,
      filter: hasNot,
      layout: hidden,
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': 0.9 },
    },
  ];
  return [
    ...fill(COORDINATOR_LAYER.orpFill, COORDINATOR_SOURCE.orp, { maxzoom: OBEC_ZOOM }),
    ...fill(COORDINATOR_LAYER.obceFill, COORDINATOR_SOURCE.obce, { minzoom: OBEC_ZOOM }),
    // ZSJ (a loaded layer) at every zoom: a ZSJ is small, but the layer may cover one obec or a whole kraj.
    ...fill(COORDINATOR_LAYER.zsjFill, COORDINATOR_SOURCE.zsj, {}),
  ];
}

/** Hexagons, localities and clustered points: above everything else. */
export function coordinatorOverlayLayers(): LayerSpecification[] {
  return [
    {
      id: COORDINATOR_LAYER.h3Fill,
      type: 'fill',
      source: COORDINATOR_SOURCE.h3,
      layout: hidden,
      paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['case', hover, 0.95, 0.8] },
    },
    {
      id: COORDINATOR_LAYER.h3Line,
      type: 'line',
      source: COORDINATOR_SOURCE.h3,
      layout: hidden,
      paint: { 'line-color': '#7f2704', 'line-width': 0.8 },
    },
    {
      id: COORDINATOR_LAYER.localityFill,
      type: 'fill',
      source: COORDINATOR_SOURCE.localities,
      layout: hidden,
      paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['case', selected, 0.2, 0.1] },
    },
    {
      id: COORDINATOR_LAYER.localityLine,
      type: 'line',
      source: COORDINATOR_SOURCE.localities,
      layout: { ...hidden, 'line-join': 'round' },
      paint: { 'line-color': ['get', 'color'], 'line-width': ['case', selected, 4, 2.2] },
    },
    {
      id: COORDINATOR_LAYER.shapeFill,
      type: 'fill',
      source: COORDINATOR_SOURCE.shapes,
      minzoom: SHAPE_ZOOM,
      filter: ['==', ['get', 'kind'], 'area'],
      layout: hidden,
      paint: { 'fill-color': '#15304a', 'fill-opacity': 0.16 },
    },
    {
      id: COORDINATOR_LAYER.shapeLine,
      type: 'line',
      source: COORDINATOR_SOURCE.shapes,
      minzoom: SHAPE_ZOOM,
      layout: { ...hidden, 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': '#15304a',
        'line-width': ['case', ['==', ['get', 'kind'], 'line'], 3.5, 1.8],
        'line-opacity': 0.85,
      },
    },
    {
      id: COORDINATOR_LAYER.pointClusters,
      type: 'circle',
      source: COORDINATOR_SOURCE.points,
      filter: ['has', 'point_count'],
      layout: hidden,
      paint: {
        'circle-color': '#15304a',
        'circle-opacity': 0.78,
        'circle-radius': ['step', ['get', 'point_count'], 9, 10, 13, 100, 18, 1000, 24],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: COORDINATOR_LAYER.points,
      type: 'circle',
      source: COORDINATOR_SOURCE.points,
      filter: ['!', ['has', 'point_count']],
      layout: hidden,
      paint: { 'circle-color': '#15304a', 'circle-radius': 4.5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
    },
  ];
}

/**
 * Which coordinator layers are visible: none in the reports view; choropleth, hexagons or ZSJ by the units. With
 * ZSJ only the ZSJ are coloured or hatched (the layer may cover part of the kraj; ORP hatching would say "no
 * reports" where the ZSJ say otherwise).
 */
export function coordinatorVisibility(on: boolean, units: CoordinatorUnits): Array<{ layer: string; visible: boolean }> {
  const admin = on && units === 'admin';
  const h3 = on && units === 'h3';
  const zsj = on && units === 'zsj';
  return [
    { layer: COORDINATOR_LAYER.orpFill, visible: admin },
    { layer: COORDINATOR_LAYER.orpNoData, visible: on && !zsj },
    { layer: COORDINATOR_LAYER.obceFill, visible: admin },
    { layer: COORDINATOR_LAYER.obceNoData, visible: on && !zsj },
    { layer: COORDINATOR_LAYER.zsjFill, visible: zsj },
    { layer: COORDINATOR_LAYER.zsjNoData, visible: zsj },
    { layer: COORDINATOR_LAYER.h3Fill, visible: h3 },
    { layer: COORDINATOR_LAYER.h3Line, visible: h3 },
    { layer: COORDINATOR_LAYER.localityFill, visible: on },
    { layer: COORDINATOR_LAYER.localityLine, visible: on },
    { layer: COORDINATOR_LAYER.shapeFill, visible: on },
    { layer: COORDINATOR_LAYER.shapeLine, visible: on },
    { layer: COORDINATOR_LAYER.pointClusters, visible: on },
    { layer: COORDINATOR_LAYER.points, visible: on },
  ];
}
