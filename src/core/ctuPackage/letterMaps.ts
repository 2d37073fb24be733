/**
 * The letter's maps as drawings (letterDrawing.ts): the kraj with ORP borders and names and the localities
 * numbered as in the letter's table; with many localities one overview per ORP; and a detail map per confirmed
 * locality with its reports' shapes, the obec borders around it and a scale bar. Equirectangular at the map's
 * middle latitude (faithful enough within a kraj); north is up.
 */
import { pointOnFeature } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { Colour, DrawItem, Drawing } from './letterDrawing.ts';

export interface MapArea {
  kod: string;
  nazev: string;
  geometry: Polygon | MultiPolygon;
}

export interface MapLocality {
  /** The number of the locality's row in the letter's table, or null when the table leaves it out. */
  row: number | null;
  lon: number;
  lat: number;
  level: number;
  orpKod: string | null;
  geometries: readonly Geometry[];
}

type BBox = [number, number, number, number];
type Point2 = readonly [number, number];

export const INK: Colour = [0.1, 0.12, 0.16];
export const MUTED: Colour = [0.38, 0.4, 0.45];
const BORDER: Colour = [0.55, 0.57, 0.62];
const LAND: Colour = [0.97, 0.97, 0.95];
const REPORT: Colour = [0.8, 0.1, 0.12];
const WHITE: Colour = [1, 1, 1];
export const LEVEL_COLOURS: readonly Colour[] = [
  [0.55, 0.56, 0.6],
  [0.93, 0.62, 0.1],
  [0.9, 0.45, 0.12],
  [0.8, 0.22, 0.12],
  [0.58, 0.06, 0.1],
];

const METRES_PER_DEGREE = 111_320;

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'LineString':
    case 'MultiPoint':
      return geometry.coordinates;
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    default:
      return geometry.geometries.flatMap(positionsOf);
  }
}

function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function bboxOf(positions: readonly Position[]): BBox {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of positions) {
    if (p[0]! < w) w = p[0]!;
    if (p[0]! > e) e = p[0]!;
    if (p[1]! < s) s = p[1]!;
    if (p[1]! > n) n = p[1]!;
  }
  return [w, s, e, n];
}

const intersects = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Projection of a lon/lat box onto a width × height drawing, centred, keeping the scale equal in x and y. */
interface Frame {
  project(lon: number, lat: number): [number, number];
  /** Metres on the ground per point on paper. */
  metresPerPoint: number;
  visible: BBox;
}

function frameFor(box: BBox, width: number, height: number, margin: number): Frame {
  const [west, south, east, north] = box;
  const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * kx, 1e-9);
  const spanY = Math.max(north - south, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const cx = (west + east) / 2;
  const cy = (south + north) / 2;
  const project = (lon: number, lat: number): [number, number] => [width / 2 + (lon - cx) * kx * scale, height / 2 - (lat - cy) * scale];
  const halfLon = width / 2 / (kx * scale);
  const halfLat = height / 2 / scale;
  return { project, metresPerPoint: METRES_PER_DEGREE / scale, visible: [cx - halfLon, cy - halfLat, cx + halfLon, cy + halfLat] };
}

/** The parts of a polyline inside the rectangle [0, width] × [0, height] (Liang–Barsky per segment). */
export function clipPolyline(points: readonly Point2[], width: number, height: number): Array<Array<[number, number]>> {
  const parts: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> | null = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[i + 1]!;
    const dx = x1 - x0;
    const dy = y1 - y0;
    let t0 = 0;
    let t1 = 1;
    let inside = true;
    for (const [p, q] of [
      [-dx, x0],
      [dx, width - x0],
      [-dy, y0],
      [dy, height - y0],
    ] as const) {
      if (p === 0) {
        if (q < 0) inside = false;
      } else {
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
      }
    }
    if (!inside || t0 > t1) {
      current = null;
      continue;
    }
    const start: [number, number] = [x0 + t0 * dx, y0 + t0 * dy];
    const end: [number, number] = [x0 + t1 * dx, y0 + t1 * dy];
    if (current && t0 === 0) current.push(end);
    else {
      current = [start, end];
      parts.push(current);
    }
    if (t1 < 1) current = null;
  }
  return parts;
}

function borders(areas: readonly MapArea[], frame: Frame, width: number, height: number, colour: Colour, lineWidth: number): DrawItem[] {
  const items: DrawItem[] = [];
  for (const area of areas) {
    const parts = ringsOf(area.geometry).flatMap((ring) =>
      clipPolyline(
        ring.map((p) => frame.project(p[0]!, p[1]!)),
        width,
        height,
      ),
    );
    if (parts.length > 0) items.push({ kind: 'path', parts, closed: false, stroke: colour, width: lineWidth });
  }
  return items;
}

function labelPoint(area: MapArea): [number, number] {
  const point = pointOnFeature({ type: 'Feature', properties: {}, geometry: area.geometry }).geometry.coordinates;
  return [point[0]!, point[1]!];
}

const niceLengths = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 25_000, 50_000, 100_000];

/** A scale bar at the bottom left: a length near a fifth of the map's width. */
function scaleBar(frame: Frame, width: number, height: number): DrawItem[] {
  const target = (width / 5) * frame.metresPerPoint;
  const metres = niceLengths.reduce((best, length) => (Math.abs(length - target) < Math.abs(best - target) ? length : best), niceLengths[0]!);
  const length = metres / frame.metresPerPoint;
  const x = 10;
  const y = height - 12;
  const label = metres >= 1000 ? `${(metres / 1000).toLocaleString('cs-CZ')} km` : `${metres} m`;
  return [
    {
      kind: 'path',
      parts: [
        [
          [x - 3, y - 13],
          [x + length + 3, y - 13],
          [x + length + 3, y + 5],
          [x - 3, y + 5],
        ],
      ],
      closed: true,
      fill: WHITE,
      fillOpacity: 0.8,
    },
    {
      kind: 'path',
      parts: [
        [
          [x, y - 4],
          [x, y],
          [x + length, y],
          [x + length, y - 4],
        ],
      ],
      closed: false,
      stroke: INK,
      width: 1,
    },
    { kind: 'text', x: x + length / 2, y: y - 3, text: label, size: 7, colour: INK, anchor: 'middle' },
  ];
}

function marker(x: number, y: number, row: number | null, level: number, size: number): DrawItem[] {
  const colour = LEVEL_COLOURS[Math.max(0, Math.min(4, level))]!;
  if (row === null) return [{ kind: 'circle', x, y, r: 2.2, fill: colour, stroke: INK, width: 0.3 }];
  const text = String(row);
  const r = Math.max(size * 0.8, (text.length * size * 0.7) / 2 + 1.6);
  return [
    { kind: 'circle', x, y, r, fill: colour, stroke: WHITE, width: 0.8 },
    { kind: 'text', x, y: y + size * 0.36, text, size, bold: true, colour: WHITE, anchor: 'middle' },
  ];
}

export interface OverviewOptions {
  outline: Polygon | MultiPolygon | null;
  orp: readonly MapArea[];
  localities: readonly MapLocality[];
  width: number;
  height: number;
  /** Write the row numbers into the markers (readable up to a few dozen localities). */
  numbered: boolean;
  /** One ORP in focus: the map shows its area, its obce and its localities. */
  focus?: { orp: MapArea; obce: readonly MapArea[] };
}

/** The kraj (or one ORP) with ORP borders and names and the localities' markers. */
export function overviewDrawing(options: OverviewOptions): Drawing {
  const { width, height } = options;
  const items: DrawItem[] = [];
  const focusRings = options.focus ? ringsOf(options.focus.orp.geometry) : options.outline ? ringsOf(options.outline) : [];
  const positions = focusRings.length > 0 ? focusRings.flat() : options.localities.map((l) => [l.lon, l.lat]);
  if (positions.length === 0) return { width, height, items };
  const frame = frameFor(bboxOf(positions), width, height, 14);
  const project = (p: Position) => frame.project(p[0]!, p[1]!);
  // The area in focus, filled; then the obce (ORP overview), the ORP borders and the kraj outline.
  if (focusRings.length > 0) items.push({ kind: 'path', parts: focusRings.map((ring) => ring.map(project)), closed: true, fill: LAND });
  if (options.focus) items.push(...borders(options.focus.obce, frame, width, height, [0.78, 0.79, 0.82], 0.35));
  const visibleOrp = options.orp.filter((area) => intersects(bboxOf(ringsOf(area.geometry).flat()), frame.visible));
  items.push(...borders(visibleOrp, frame, width, height, BORDER, 0.6));
  if (options.outline) items.push(...borders([{ kod: '', nazev: '', geometry: options.outline }], frame, width, height, INK, 1.1));
  if (options.focus) items.push(...borders([options.focus.orp], frame, width, height, INK, 1.1));
  // Names under the markers, so no locality is hidden: the ORP (in an ORP overview, its obce).
  const named = options.focus ? options.focus.obce : visibleOrp;
  for (const area of named) {
    const [x, y] = frame.project(...labelPoint(area));
    if (x < 20 || x > width - 20 || y < 10 || y > height - 4) continue;
    items.push({
      kind: 'text',
      x,
      y,
      text: area.nazev,
      size: options.focus ? 6.5 : 8,
      bold: !options.focus,
      colour: options.focus ? MUTED : INK,
      anchor: 'middle',
      halo: true,
    });
  }
  const visible = options.localities.filter((l) => (options.focus ? l.orpKod === options.focus.orp.kod : true));
  for (const l of [...visible].sort((a, b) => (b.row ?? 1e9) - (a.row ?? 1e9))) {
    const [x, y] = frame.project(l.lon, l.lat);
    items.push(...marker(x, y, options.numbered ? l.row : null, l.level, options.focus ? 6.5 : 6));
  }
  items.push(...scaleBar(frame, width, height));
  return { width, height, items };
}

export interface DetailOptions {
  locality: MapLocality;
  /** Title written in the map's top left corner (the row number and the locality number). */
  title: string;
  obce: readonly MapArea[];
  /** The names of the locality's obce: these are labelled even at the map's edge. */
  ownObce: ReadonlySet<string>;
  width: number;
  height: number;
}

/** The least ground a detail map covers, in metres: a point report still shows its surroundings. */
const DETAIL_MIN_SPAN_M = 3000;

/** One locality: its reports' shapes, the obec borders and names around it, a scale bar. */
export function detailDrawing(options: DetailOptions): Drawing {
  const { width, height, locality } = options;
  const positions = locality.geometries.flatMap(positionsOf);
  if (positions.length === 0) positions.push([locality.lon, locality.lat]);
  const [w, s, e, n] = bboxOf(positions);
  const kx = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const halfLon = Math.max((e - w) * 0.65, DETAIL_MIN_SPAN_M / 2 / (METRES_PER_DEGREE * kx));
  const halfLat = Math.max((n - s) * 0.65, DETAIL_MIN_SPAN_M / 2 / METRES_PER_DEGREE);
  const cx = (w + e) / 2;
  const cy = (s + n) / 2;
  const frame = frameFor([cx - halfLon, cy - halfLat, cx + halfLon, cy + halfLat], width, height, 0);
  const project = (p: Position) => frame.project(p[0]!, p[1]!);
  const items: DrawItem[] = [
    {
      kind: 'path',
      parts: [
        [
          [0, 0],
          [width, 0],
          [width, height],
          [0, height],
        ],
      ],
      closed: true,
      fill: LAND,
    },
  ];
  const near = options.obce.filter((area) => intersects(bboxOf(ringsOf(area.geometry).flat()), frame.visible));
  items.push(...borders(near, frame, width, height, BORDER, 0.9));
  for (const geometry of locality.geometries) {
    if (geometry.type === 'Polygon')
      items.push({
        kind: 'path',
        parts: geometry.coordinates.map((ring) => ring.map(project)),
        closed: true,
        fill: REPORT,
        fillOpacity: 0.3,
        stroke: REPORT,
        width: 1.2,
      });
    else if (geometry.type === 'LineString')
      items.push({ kind: 'path', parts: [geometry.coordinates.map(project)], closed: false, stroke: REPORT, width: 2.6 });
    else if (geometry.type === 'Point') {
      const [x, y] = project(geometry.coordinates);
      items.push({ kind: 'circle', x, y, r: 4, fill: REPORT, stroke: WHITE, width: 1 });
    }
  }
  for (const area of near) {
    let [x, y] = frame.project(...labelPoint(area));
    const own = options.ownObce.has(area.kod);
    if (x < 30 || x > width - 30 || y < 24 || y > height - 24) {
      if (!own) continue;
      // The locality's own obec, its label point off the map: its name at the nearest place inside.
      x = Math.min(width - 40, Math.max(40, x));
      y = Math.min(height - 34, Math.max(30, y));
    }
    items.push({ kind: 'text', x, y, text: area.nazev, size: own ? 8.5 : 7.5, bold: own, colour: own ? INK : MUTED, anchor: 'middle', halo: true });
  }
  items.push({ kind: 'text', x: 6, y: 13, text: options.title, size: 9, bold: true, colour: INK, anchor: 'start', halo: true });
  items.push(...scaleBar(frame, width, height));
  return { width, height, items };
}

/** The areas of a boundary pack's collection (ORP, obce) as the maps take them. */
export function mapAreasOf(collection: {
  features: ReadonlyArray<{ properties: { kod: string; nazev: string }; geometry: Polygon | MultiPolygon }>;
}): MapArea[] {
  return collection.features.map((f) => ({ kod: f.properties.kod, nazev: f.properties.nazev, geometry: f.geometry }));
}
