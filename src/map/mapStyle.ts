/**
 * Pure builders for the map's style: sources and layers of the boundaries, drawn without any web resource
 * (no glyphs, no sprites, no tiles), so the map looks finished offline. Labels are HTML (see orpLabels.ts).
 */
import type {
  AllPaintProperties,
  ExpressionSpecification,
  FilterSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { coordinatorFillLayers, coordinatorOverlayLayers, coordinatorSources } from './regionOverviewLayers.ts';
import { ZSJ_SOURCE, zsjLayers, zsjSource } from './zsjLayers.ts';
import { REPORT_CLUSTER_SOURCE, REPORTS_SOURCE, reportClusterSource, reportLayers } from './reportLayers.ts';
import { ROUTE_SOURCE, routeLayers } from './routeLayers.ts';
import { ADDRESS_SOURCE, addressLayer } from './addressLayers.ts';
import { COLORS } from './mapColors.ts';

export const SOURCE = {
  contextKraje: 'context-kraje',
  obce: 'obce',
  orp: 'orp',
  kraj: 'kraj',
} as const;

export const LAYER = {
  background: 'background',
  contextKrajeFill: 'context-kraje-fill',
  contextKrajeLine: 'context-kraje-line',
  obceFill: 'obce-fill',
  obceHoverFill: 'obce-hover-fill',
  obceSelectedFill: 'obce-selected-fill',
  /** "Moje obec": every other obec fades behind a white veil. */
  otherObceFade: 'other-obce-fade',
  obceLine: 'obce-line',
  orpLine: 'orp-line',
  krajCasing: 'kraj-casing',
  krajLine: 'kraj-line',
  obceSelectedLine: 'obce-selected-line',
  myObecLine: 'my-obec-line',
} as const;

/** Colours shared by the map and the legend (mapColors.ts). */
export { COLORS };

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function geojsonSource(promoteId?: string): GeoJSONSourceSpecification {
  return { type: 'geojson', data: EMPTY, ...(promoteId ? { promoteId } : {}) };
}

/** One of the tints by the ORP's ČSÚ code (a `match` on code modulo palette length: colours cannot be `at`-indexed). */
const orpTint = [
  'match',
  ['%', ['to-number', ['get', 'orpKod'], 0], COLORS.orpTints.length],
  ...COLORS.orpTints.slice(1).flatMap((color, index) => [index + 1, color]),
  COLORS.orpTints[0],
] as unknown as ExpressionSpecification; // the spec's tuple type cannot express a spread of label/output pairs

/** Line width that grows with zoom: [zoom, width] stops. */
function widthByZoom(...stops: Array<[number, number]>): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], ...stops.flat()] as ExpressionSpecification;
}

/** Filters that match nothing until the controller sets a code. */
export function obecFilter(kod: string | null): FilterSpecification {
  return ['==', ['get', 'kod'], kod ?? '—'];
}

/** Every obec but `kod`; nothing when no obec is chosen. */
export function otherObceFilter(kod: string | null): FilterSpecification {
  return kod === null ? ['==', ['get', 'kod'], '—'] : ['!=', ['get', 'kod'], kod];
}

export function otherKrajeFilter(currentNuts3: string): FilterSpecification {
  return ['!=', ['get', 'nuts3'], currentNuts3];
}

export function boundaryLayers(): LayerSpecification[] {
  return [
    { id: LAYER.background, type: 'background', paint: { 'background-color': COLORS.background } },
    {
      id: LAYER.contextKrajeFill,
      type: 'fill',
      source: SOURCE.contextKraje,
      paint: { 'fill-color': COLORS.otherKraje, 'fill-opacity': 1 },
    },
    {
      id: LAYER.contextKrajeLine,
      type: 'line',
      source: SOURCE.contextKraje,
      paint: { 'line-color': COLORS.otherKrajeLine, 'line-width': widthByZoom([6, 1], [10, 2.5]) },
    },
    {
      id: LAYER.obceFill,
      type: 'fill',
      source: SOURCE.obce,
      paint: { 'fill-color': orpTint, 'fill-opacity': 1 },
    },
    {
      id: LAYER.obceHoverFill,
      type: 'fill',
      source: SOURCE.obce,
      paint: {
        'fill-color': COLORS.hover,
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.12, 0],
      },
    },
    {
      id: LAYER.obceSelectedFill,
      type: 'fill',
      source: SOURCE.obce,
      filter: obecFilter(null),
      paint: { 'fill-color': COLORS.selected, 'fill-opacity': 0.18 },
    },
    {
      id: LAYER.otherObceFade,
      type: 'fill',
      source: SOURCE.obce,
      filter: otherObceFilter(null),
      paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.55 },
    },
    {
      id: LAYER.obceLine,
      type: 'line',
      source: SOURCE.obce,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.obecLine, 'line-width': widthByZoom([7, 0.4], [10, 0.9], [14, 1.6]) },
    },
    {
      id: LAYER.orpLine,
      type: 'line',
      source: SOURCE.orp,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.orpLine, 'line-width': widthByZoom([7, 1.1], [10, 2], [14, 3]) },
    },
    {
      id: LAYER.krajCasing,
      type: 'line',
      source: SOURCE.kraj,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.krajCasing, 'line-width': widthByZoom([7, 4], [12, 7]), 'line-opacity': 0.8 },
    },
    {
      id: LAYER.krajLine,
      type: 'line',
      source: SOURCE.kraj,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.krajLine, 'line-width': widthByZoom([7, 2], [12, 3.5]) },
    },
    {
      id: LAYER.obceSelectedLine,
      type: 'line',
      source: SOURCE.obce,
      filter: obecFilter(null),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.selected, 'line-width': widthByZoom([7, 2], [12, 3.5]) },
    },
    {
      id: LAYER.myObecLine,
      type: 'line',
      source: SOURCE.obce,
      filter: obecFilter(null),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.myObec, 'line-width': widthByZoom([7, 2.5], [12, 4]), 'line-dasharray': [3, 1.5] },
    },
  ];
}

/** The first boundary layer: raster base maps go right below it (above the background). */
export const FIRST_BOUNDARY_LAYER = LAYER.contextKrajeFill;

export function buildMapStyle(): StyleSpecification {
  // The coordinator's choropleth goes below the obec lines, its localities and points above everything.
  const boundaries = boundaryLayers();
  const at = boundaries.findIndex((layer) => layer.id === LAYER.obceLine);
  boundaries.splice(at, 0, ...coordinatorFillLayers(), ...zsjLayers(), addressLayer());
  return {
    version: 8,
    // No paint transitions: each would draw ~20 frames (300 ms) where one does, and with WebGL in software on a weak
    // phone every frame is tens of milliseconds of the main thread (a base map's veil, "Moje obec", the hover tint).
    transition: { duration: 0, delay: 0 },
    sources: {
      [SOURCE.contextKraje]: geojsonSource(),
      // Their attribution is the map's custom attribution (MapController), shown whatever is drawn.
      [SOURCE.obce]: geojsonSource('kod'),
      [SOURCE.orp]: geojsonSource(),
      [SOURCE.kraj]: geojsonSource(),
      [REPORTS_SOURCE]: geojsonSource('id'),
      [REPORT_CLUSTER_SOURCE]: reportClusterSource(),
      ...coordinatorSources(),
      [ZSJ_SOURCE]: zsjSource(),
      [ROUTE_SOURCE]: geojsonSource(),
      [ADDRESS_SOURCE]: geojsonSource(),
    },
    layers: [...boundaries, ...reportLayers(), ...coordinatorOverlayLayers(), ...routeLayers()],
  };
}

/**
 * Sources drawn only after the first usable map (README, "Fast on a weak signal"): the other kraje's outlines (their
 * data loads after the first map anyway), the reports, their clusters and the recorded route. Empty at the start, yet
 * each visible source's tiles go through MapLibre's worker and each answer draws a frame again — with WebGL in
 * software on a weak phone that is the main thread's work the first map waits for. They are added on the first idle.
 */
const LATER_SOURCES: ReadonlySet<string> = new Set([SOURCE.contextKraje, REPORTS_SOURCE, REPORT_CLUSTER_SOURCE, ROUTE_SOURCE]);
/** Layers of the first style that are added on the first idle as well: the hover tint draws only under a mouse. */
const LATER_LAYERS: ReadonlySet<string> = new Set([LAYER.obceHoverFill]);

export interface SplitMapStyle {
  /** The style the map starts with: the kraj's boundaries and what is hidden or empty until used. */
  first: StyleSpecification;
  /** Added once the first map is idle, in this order; each goes below `beforeId` (undefined: on top). */
  later: { sources: Record<string, SourceSpecification>; layers: Array<{ layer: LayerSpecification; beforeId: string | undefined }> };
}

/** The full style (buildMapStyle) as a first style and what is added after the first idle, which ends in the same order. */
export function splitMapStyle(style: StyleSpecification = buildMapStyle()): SplitMapStyle {
  const isLater = (layer: LayerSpecification) => LATER_LAYERS.has(layer.id) || ('source' in layer && LATER_SOURCES.has(layer.source as string));
  const layers: SplitMapStyle['later']['layers'] = [];
  style.layers.forEach((layer, index) => {
    if (!isLater(layer)) return;
    const beforeId = style.layers.slice(index + 1).find((next) => !isLater(next))?.id;
    layers.push({ layer, beforeId });
  });
  const sources = Object.fromEntries(Object.entries(style.sources).filter(([id]) => LATER_SOURCES.has(id)));
  return {
    first: {
      ...style,
      sources: Object.fromEntries(Object.entries(style.sources).filter(([id]) => !LATER_SOURCES.has(id))),
      layers: style.layers.filter((layer) => !isLater(layer)),
    },
    later: { sources, layers },
  };
}

/** Where a raster base map goes: right below the first boundary layer the map has now. */
export function basemapBeforeId(hasLayer: (id: string) => boolean): string {
  return hasLayer(FIRST_BOUNDARY_LAYER) ? FIRST_BOUNDARY_LAYER : LAYER.obceFill;
}

/**
 * Paint that depends on the base map: with web tiles underneath, the boundaries' fills become a light veil
 * (other kraje) or disappear (obce), so the photo or map shows through.
 */
export function basemapDependentPaint(hasBasemap: boolean): Array<{ layer: string; property: keyof AllPaintProperties; value: string | number }> {
  return [
    { layer: LAYER.obceFill, property: 'fill-opacity', value: hasBasemap ? 0 : 1 },
    { layer: LAYER.contextKrajeFill, property: 'fill-color', value: hasBasemap ? '#ffffff' : COLORS.otherKraje },
    { layer: LAYER.contextKrajeFill, property: 'fill-opacity', value: hasBasemap ? 0.45 : 1 },
    { layer: LAYER.contextKrajeLine, property: 'line-color', value: hasBasemap ? COLORS.orpLine : COLORS.otherKrajeLine },
    { layer: LAYER.obceLine, property: 'line-color', value: hasBasemap ? '#39424e' : COLORS.obecLine },
  ];
}
