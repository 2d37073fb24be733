/**
 * A spatial index over obec polygons for point, line and polygon lookup.
 *
 * Polygons are stored flat (one Float64Array of coordinates per obec, with ring offsets) and indexed by
 * their bounding boxes in a packed Hilbert R-tree (flatbush). A point query visits only the few obce whose
 * boxes contain the point and runs an even-odd ray-crossing test on their rings (holes included).
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BBox } from '../geo/coordinates.ts';
import type { ObceCollection } from '../packs/packFormat.ts';
import type { ObecProperties } from '../units/adminUnits.ts';

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
    for (const polygon of this.flat) {
      const [w, s, e, n] = flatBounds(polygon.coordinates);
      this.tree.add(w, s, e, n);
      total[0] = Math.min(total[0], w);
      total[1] = Math.min(total[1], s);
      total[2] = Math.max(total[2], e);
      total[3] = Math.max(total[3], n);
    }
    this.tree.finish();
    this.bbox = total;
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

  /** The nearest obce by bounding-box distance, nearest first (for hints; exact distance is computed by the caller). */
  nearestByBox(lon: number, lat: number, count: number): number[] {
    return this.tree.neighbors(lon, lat, count);
  }
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
