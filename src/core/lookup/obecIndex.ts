/**
 * A spatial index over obec polygons for point, line and polygon lookup.
 *
 * Polygons are stored flat (one Float64Array of coordinates per obec, with ring offsets) and indexed by
 * their bounding boxes in a packed Hilbert R-tree (flatbush), which serves box queries (lines, polygons,
 * nearest obce). Point queries go through a uniform grid over the same polygons first: a cell that no
 * border crosses belongs wholly to one obec (or to none) and answers at once; a cell that a border crosses
 * lists the few obce it touches (the one holding the cell's centre first, since it usually holds the point),
 * and an even-odd ray-crossing test (holes included) decides among them.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BBox } from '../geo/coordinates.ts';
import type { ObceCollection } from '../packs/packFormat.ts';
import type { ObecProperties } from '../units/adminUnits.ts';
import { METRES_PER_DEGREE } from '../geo/earth.ts';
import { metresPerDegreeLon } from '../geo/localProjection.ts';

export type IndexCoverage = 'country' | 'pack';

/** One obec's rings in flat form: ring r spans coordinates [ringStarts[r], ringStarts[r+1]) in pairs. */
interface FlatPolygon {
  coordinates: Float64Array;
  ringStarts: Uint32Array;
}

export class ObecIndex {
  readonly obce: readonly ObecProperties[];
  readonly geometries: ReadonlyArray<Polygon | MultiPolygon>;
  readonly coverage: IndexCoverage;
  readonly bbox: BBox;
  private readonly flat: FlatPolygon[];
  private readonly tree: Flatbush;
  private readonly byKod: Map<string, number>;
  private readonly grid: PointGrid;
  private readonly boxes: BBox[];

  private constructor(collection: ObceCollection, coverage: IndexCoverage) {
    const features = collection.features;
    if (features.length === 0) throw new Error('ObecIndex needs at least one obec');
    this.coverage = coverage;
    this.obce = features.map((feature) => feature.properties);
    this.geometries = features.map((feature) => feature.geometry);
    this.flat = features.map((feature) => flatten(feature.geometry));
    this.byKod = new Map(this.obce.map((obec, i) => [obec.kod, i]));
    this.tree = new Flatbush(features.length);
    const total: BBox = [Infinity, Infinity, -Infinity, -Infinity];
    this.boxes = this.flat.map((polygon) => flatBounds(polygon.coordinates));
    for (const [w, s, e, n] of this.boxes) {
      this.tree.add(w, s, e, n);
      total[0] = Math.min(total[0], w);
      total[1] = Math.min(total[1], s);
      total[2] = Math.max(total[2], e);
      total[3] = Math.max(total[3], n);
    }
    this.tree.finish();
    this.bbox = total;
    this.grid = buildPointGrid(this.flat, total, (x, y) => this.findContainingByTree(x, y));
  }

  static fromCollection(collection: ObceCollection, options: { coverage: IndexCoverage }): ObecIndex {
    return new ObecIndex(collection, options.coverage);
  }

  get size(): number {
    return this.obce.length;
  }

  indexOfKod(kod: string): number | undefined {
    return this.byKod.get(kod);
  }

  /** Index of the obec containing [lon, lat], or -1. Points exactly on a shared border go to one of the two. */
  findContaining(lon: number, lat: number): number {
    const grid = this.grid;
    const column = Math.floor((lon - grid.west) / grid.cellSize);
    const row = Math.floor((lat - grid.south) / grid.cellSize);
    if (column < 0 || row < 0 || column >= grid.columns || row >= grid.rows) return -1;
    const cell = row * grid.columns + column;
    const owner = grid.owner[cell]!;
    if (owner !== BORDER_CELL) return owner;
    for (let k = grid.candidateStarts[cell]!, end = grid.candidateStarts[cell + 1]!; k < end; k++) {
      const i = grid.candidates[k]!;
      if (containsPoint(this.flat[i]!, lon, lat)) return i;
    }
    return -1;
  }

  /** The same answer as findContaining, through the R-tree alone (used to fill the grid). */
  findContainingByTree(lon: number, lat: number): number {
    let found = -1;
    // The filter runs the exact test while the tree is walked; returning true only for the hit keeps the
    // result array empty in the common case.
    this.tree.search(lon, lat, lon, lat, (i) => {
      if (found === -1 && containsPoint(this.flat[i]!, lon, lat)) {
        found = i;
        return true;
      }
      return false;
    });
    return found;
  }

  /** Indices of the obce whose bounding boxes intersect the given box. */
  candidatesInBox(west: number, south: number, east: number, north: number): number[] {
    return this.tree.search(west, south, east, north);
  }

  /**
   * Push the parameters t ∈ (0, 1) at which the segment a→b crosses an edge of obec i's rings
   * (a + t·(b − a) lies on the edge). Used to cut lines at obec borders.
   */
  segmentCrossings(i: number, ax: number, ay: number, bx: number, by: number, out: number[]): void {
    const { coordinates: c, ringStarts: starts } = this.flat[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    for (let r = 0; r + 1 < starts.length; r++) {
      const start = starts[r]!;
      const end = starts[r + 1]!;
      for (let k = start; k + 3 < end; k += 2) {
        const cx = c[k]!;
        const cy = c[k + 1]!;
        const ex = c[k + 2]! - cx;
        const ey = c[k + 3]! - cy;
        const denominator = dx * ey - dy * ex;
        if (denominator === 0) continue; // parallel: collinear overlaps add no crossing inside the interval
        const t = ((cx - ax) * ey - (cy - ay) * ex) / denominator;
        const u = ((cx - ax) * dy - (cy - ay) * dx) / denominator;
        if (t > 0 && t < 1 && u >= 0 && u <= 1) out.push(t);
      }
    }
  }

  /** The first vertex of obec i's first ring. */
  firstVertex(i: number): [number, number] {
    const c = this.flat[i]!.coordinates;
    return [c[0]!, c[1]!];
  }

  /**
   * The obec whose outline is nearest to the point, if one lies within maxDistanceM. Candidates come from the
   * R-tree nearest first by box; the walk stops once a box is farther than the best outline found.
   */
  nearest(lon: number, lat: number, maxDistanceM: number): { index: number; distanceM: number } | null {
    const kx = metresPerDegreeLon(lat);
    // The tree orders boxes by distance in degrees; a degree is at least `metresPerDegree` metres here.
    const metresPerDegree = Math.min(kx, METRES_PER_DEGREE);
    let best: { index: number; distanceM: number } | null = null;
    let limit = maxDistanceM;
    this.tree.neighbors(lon, lat, 1, maxDistanceM / metresPerDegree, (i) => {
      const [w, s, e, n] = this.boxes[i]!;
      const dx = Math.max(w - lon, 0, lon - e);
      const dy = Math.max(s - lat, 0, lat - n);
      // Every later box is at least this far: nothing nearer can follow, so stop the walk.
      if (Math.hypot(dx, dy) * metresPerDegree > limit) return true;
      if (Math.hypot(dx * kx, dy * METRES_PER_DEGREE) > limit) return false;
      const distanceM = this.distanceToObecM(i, lon, lat);
      if (distanceM <= limit) {
        limit = distanceM;
        best = { index: i, distanceM };
      }
      return false;
    });
    return best;
  }

  /**
   * Distance in metres from a point to the nearest edge of obec i (also for points inside it), on a local
   * equirectangular projection: within 0.5 % for distances up to tens of kilometres, which is what hints need.
   */
  distanceToObecM(i: number, lon: number, lat: number): number {
    const { coordinates: c, ringStarts: starts } = this.flat[i]!;
    const kx = metresPerDegreeLon(lat);
    const ky = METRES_PER_DEGREE;
    let best = Infinity;
    for (let r = 0; r + 1 < starts.length; r++) {
      for (let k = starts[r]!; k + 3 < starts[r + 1]!; k += 2) {
        const ax = (c[k]! - lon) * kx;
        const ay = (c[k + 1]! - lat) * ky;
        const bx = (c[k + 2]! - lon) * kx;
        const by = (c[k + 3]! - lat) * ky;
        const dx = bx - ax;
        const dy = by - ay;
        const lengthSquared = dx * dx + dy * dy;
        const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
        const distance = Math.hypot(ax + t * dx, ay + t * dy);
        if (distance < best) best = distance;
      }
    }
    return best;
  }
}

const BORDER_CELL = -2;

/**
 * Target cell size in degrees (≈ 360 m × 560 m at 50° N), coarsened for very large extents. Over all Czechia
 * that is 680,000 cells (5 MB), a quarter of them on a border; halving the size again gains little.
 */
const GRID_CELL_DEGREES = 0.005;
const GRID_MAX_CELLS = 2_000_000;

interface PointGrid {
  west: number;
  south: number;
  cellSize: number;
  columns: number;
  rows: number;
  /** Per cell: the obec that wholly contains it, -1 for none, or BORDER_CELL when a border crosses it. */
  owner: Int32Array;
  /** Border cells' candidate obce, in compressed rows: cell c lists candidates[candidateStarts[c] … candidateStarts[c+1]). */
  candidateStarts: Uint32Array;
  candidates: Uint32Array;
}

function buildPointGrid(flat: readonly FlatPolygon[], bbox: BBox, ownerAt: (x: number, y: number) => number): PointGrid {
  const [west, south, east, north] = bbox;
  let cellSize = GRID_CELL_DEGREES;
  while (Math.ceil((east - west) / cellSize) * Math.ceil((north - south) / cellSize) > GRID_MAX_CELLS) cellSize *= 2;
  const columns = Math.max(1, Math.ceil((east - west) / cellSize));
  const rows = Math.max(1, Math.ceil((north - south) / cellSize));
  const cellCount = columns * rows;
  const clampColumn = (x: number) => Math.min(columns - 1, Math.max(0, Math.floor((x - west) / cellSize)));
  const clampRow = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor((y - south) / cellSize)));

  // Every cell an edge's box touches is a border cell for that edge's obec (conservative: an edge may
  // touch fewer cells than its box, which costs a few extra tests, never a wrong answer).
  const pairs: number[] = [];
  const stamp = new Int32Array(cellCount).fill(-1);
  flat.forEach(({ coordinates: c, ringStarts: starts }, i) => {
    for (let r = 0; r + 1 < starts.length; r++) {
      for (let k = starts[r]!; k + 3 < starts[r + 1]!; k += 2) {
        const c0 = clampColumn(Math.min(c[k]!, c[k + 2]!));
        const c1 = clampColumn(Math.max(c[k]!, c[k + 2]!));
        const r0 = clampRow(Math.min(c[k + 1]!, c[k + 3]!));
        const r1 = clampRow(Math.max(c[k + 1]!, c[k + 3]!));
        for (let row = r0; row <= r1; row++) {
          for (let column = c0; column <= c1; column++) {
            const cell = row * columns + column;
            if (stamp[cell] !== i) {
              stamp[cell] = i;
              pairs.push(cell, i);
            }
          }
        }
      }
    }
  });

  // The obec holding a cell's centre. For a cell no border crosses it is the cell's owner. For a border cell
  // it joins the candidates: an edge's box can reach into a cell that the edge itself misses, and an obec
  // that covers the cell without a border in it must not be left out.
  // Cells no border crosses come in runs along a row; no border separates neighbours in a run (a border on
  // their shared side would have marked one of them), so one test serves the whole run.
  const owner = new Int32Array(cellCount);
  // For border cells: the obec holding the cell's centre (-1 for none, and for cells that are no border cell).
  const centreOwner = new Int32Array(cellCount).fill(-1);
  for (let row = 0; row < rows; row++) {
    const centreY = south + (row + 0.5) * cellSize;
    let runOwner = BORDER_CELL;
    for (let column = 0; column < columns; column++) {
      const cell = row * columns + column;
      if (stamp[cell] === -1) {
        if (runOwner === BORDER_CELL) runOwner = ownerAt(west + (column + 0.5) * cellSize, centreY);
        owner[cell] = runOwner;
        continue;
      }
      runOwner = BORDER_CELL;
      owner[cell] = BORDER_CELL;
      centreOwner[cell] = ownerAt(west + (column + 0.5) * cellSize, centreY);
    }
  }

  // Compressed rows of candidates. The obec holding the cell's centre goes first: most points of the cell are
  // in it, so the first test usually answers. Every other obec follows once.
  const counts = new Uint32Array(cellCount + 1);
  for (let p = 0; p < pairs.length; p += 2) {
    if (pairs[p + 1] !== centreOwner[pairs[p]!]) counts[pairs[p]! + 1]!++;
  }
  for (let cell = 0; cell < cellCount; cell++) if (centreOwner[cell]! >= 0) counts[cell + 1]!++;
  const candidateStarts = new Uint32Array(cellCount + 1);
  for (let cell = 0; cell < cellCount; cell++) candidateStarts[cell + 1] = candidateStarts[cell]! + counts[cell + 1]!;
  const candidates = new Uint32Array(candidateStarts[cellCount]!);
  const fill = candidateStarts.slice(0, cellCount);
  for (let cell = 0; cell < cellCount; cell++) if (centreOwner[cell]! >= 0) candidates[fill[cell]!++] = centreOwner[cell]!;
  for (let p = 0; p < pairs.length; p += 2) {
    if (pairs[p + 1] !== centreOwner[pairs[p]!]) candidates[fill[pairs[p]!]!++] = pairs[p + 1]!;
  }
  return { west, south, cellSize, columns, rows, owner, candidateStarts, candidates };
}

function flatten(geometry: Polygon | MultiPolygon): FlatPolygon {
  const rings: Position[][] = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  let length = 0;
  for (const ring of rings) length += ring.length * 2;
  const coordinates = new Float64Array(length);
  const ringStarts = new Uint32Array(rings.length + 1);
  let offset = 0;
  rings.forEach((ring, r) => {
    ringStarts[r] = offset;
    for (const position of ring) {
      coordinates[offset++] = position[0]!;
      coordinates[offset++] = position[1]!;
    }
  });
  ringStarts[rings.length] = offset;
  return { coordinates, ringStarts };
}

function flatBounds(coordinates: Float64Array): BBox {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (let i = 0; i < coordinates.length; i += 2) {
    const x = coordinates[i]!;
    const y = coordinates[i + 1]!;
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

/** Even-odd rule over all rings (outer rings and holes of every part): a crossing count, no allocation. */
function containsPoint(polygon: FlatPolygon, x: number, y: number): boolean {
  const c = polygon.coordinates;
  const starts = polygon.ringStarts;
  let inside = false;
  for (let r = 0; r + 1 < starts.length; r++) {
    const start = starts[r]!;
    const end = starts[r + 1]!;
    let xj = c[end - 2]!;
    let yj = c[end - 1]!;
    for (let k = start; k < end; k += 2) {
      const xi = c[k]!;
      const yi = c[k + 1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      xj = xi;
      yj = yi;
    }
  }
  return inside;
}
