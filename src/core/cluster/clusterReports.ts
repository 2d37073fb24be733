/**
 * Problem localities: reports of the same place, possibly from neighbouring obce and ORP, grouped by distance.
 * DBSCAN with minPts = 1 (every report belongs to a locality; a lone report is a locality of one), i.e. the
 * connected components of "within `distanceM` of each other", found with a uniform grid and union-find.
 *
 * Deterministic and stable: a locality's id is `L-` + the id of its anchor, the earliest report in it (createdAt,
 * then id), so adding later reports keeps existing ids; when a new report bridges two localities, the merged one
 * keeps the older anchor's id. The coordinator's decisions (merge, split, move) are pins: report → locality id.
 * Pinned reports stay where they were pinned; an unpinned group that touches a pinned report joins that locality.
 *
 * A locality is one place AND one problem domain: mobile-signal and fixed-internet reports are never grouped by
 * distance (ČTÚ handles them through different channels), so the app, `cluster` and the package count the same
 * localities. A report without a domain counts as mobile.
 */
import type { Position } from 'geojson';
import { METRES_PER_DEGREE } from '../geo/earth.ts';
import { distanceM, metresPerDegreeLon } from '../geo/localProjection.ts';
import { distanceBetweenM } from '../reports/findNearbyReports.ts';
import type { ReportGeometry } from '../reports/report.ts';

export interface ClusterableReport {
  id: string;
  createdAt: string;
  geometry: ReportGeometry;
  /** 'mobile' (the default) or 'fixed': reports of different domains never form one locality by distance. */
  domain?: 'mobile' | 'fixed';
}

export interface ClusterOptions {
  /** Reports closer than this (metres, between geometries) belong to one locality. */
  distanceM: number;
  /** The coordinator's decisions: report id → locality id. */
  pins?: Readonly<Record<string, string>>;
}

export interface Locality {
  id: string;
  /** Member report ids, anchor first, then by createdAt and id. */
  reportIds: string[];
  /** True when any member is pinned by the coordinator. */
  reviewed: boolean;
}

export interface Clustering {
  localities: Locality[];
  /** Report id → locality id. */
  localityOf: Map<string, string>;
}

/** Default grouping distance in metres ("a few hundred metres"); a setting in the app. */
export const DEFAULT_CLUSTER_DISTANCE_M = 300;

/** Latitude of the grid's projection: mid-Czechia. Cells are enlarged to cover the scale change across the country. */
const GRID_LATITUDE = 49.8;
const GRID_SLACK = 1.06;

export function localityIdFor(anchorReportId: string): string {
  return `L-${anchorReportId}`;
}

export function clusterReports(reports: readonly ClusterableReport[], options: ClusterOptions): Clustering {
  const pins = options.pins ?? {};
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = reports.map((_, i) => i).sort((a, b) => compare(reports[a]!.createdAt, reports[b]!.createdAt) || compare(reports[a]!.id, reports[b]!.id));
  const rank = new Int32Array(reports.length);
  order.forEach((i, position) => (rank[i] = position));

  const parent = Int32Array.from(reports.keys());
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // The root of a set is always its earliest report, so the anchor is read straight off the root.
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    if (rank[ra]! < rank[rb]!) parent[rb] = ra;
    else parent[ra] = rb;
  };

  const grid = buildGrid(reports, options.distanceM);
  const isPinned = (i: number) => pins[reports[i]!.id] !== undefined;
  const nearestPin = new Map<number, { distance: number; locality: string }>();
  const fixed = Uint8Array.from(reports, (r) => (r.domain === 'fixed' ? 1 : 0));

  grid.forEachCandidatePair((i, j) => {
    if (fixed[i] !== fixed[j]) return; // mobile and fixed problems are separate localities
    const pi = isPinned(i);
    const pj = isPinned(j);
    if (pi && pj) return; // the coordinator decided these
    // Already in one group: the distance cannot change anything (pairs of long lines meet in many cells).
    if (!pi && !pj && find(i) === find(j)) return;
    const distance = distance2(reports[i]!.geometry, reports[j]!.geometry);
    if (distance > options.distanceM) return;
    if (!pi && !pj) union(i, j);
    else {
      const [free, pinned] = pi ? [j, i] : [i, j];
      const locality = pins[reports[pinned]!.id]!;
      const best = nearestPin.get(free);
      if (!best || distance < best.distance || (distance === best.distance && locality < best.locality)) nearestPin.set(free, { distance, locality });
    }
  });

  // An unpinned group joins the pinned locality nearest to any of its members.
  const groupPin = new Map<number, { distance: number; locality: string }>();
  for (const [free, pin] of nearestPin) {
    const root = find(free);
    const best = groupPin.get(root);
    if (!best || pin.distance < best.distance || (pin.distance === best.distance && pin.locality < best.locality)) groupPin.set(root, pin);
  }

  const members = new Map<string, number[]>();
  const reviewed = new Set<string>();
  for (const i of order) {
    const pin = pins[reports[i]!.id];
    let locality: string;
    if (pin !== undefined) {
      locality = pin;
      reviewed.add(pin);
    } else {
      const root = find(i);
      locality = groupPin.get(root)?.locality ?? localityIdFor(reports[root]!.id);
    }
    const list = members.get(locality);
    if (list) list.push(i);
    else members.set(locality, [i]);
  }

  const localities: Locality[] = [];
  const localityOf = new Map<string, string>();
  for (const [id, indices] of members) {
    const reportIds = indices.map((i) => reports[i]!.id);
    for (const reportId of reportIds) localityOf.set(reportId, id);
    localities.push({ id, reportIds, reviewed: reviewed.has(id) });
  }
  localities.sort((a, b) => compare(a.id, b.id));
  return { localities, localityOf };
}

function distance2(a: ReportGeometry, b: ReportGeometry): number {
  if (a.type === 'Point' && b.type === 'Point') {
    return distanceM(a.coordinates, b.coordinates);
  }
  return distanceBetweenM(a, b);
}

interface Grid {
  forEachCandidatePair(visit: (i: number, j: number) => void): void;
}

/**
 * A grid in metres (cell ≥ distance): every pair within the distance shares a cell or neighbouring cells.
 * Cells are numbered densely over the reports' extent and held in compressed rows (typed arrays), so 100,000
 * reports cost a few arrays, not 100,000 small ones.
 */
function buildGrid(reports: readonly ClusterableReport[], distanceM: number): Grid {
  const cell = distanceM * GRID_SLACK;
  const kx = metresPerDegreeLon(GRID_LATITUDE) / cell;
  const ky = METRES_PER_DEGREE / cell;
  const n = reports.length;
  const x0 = new Int32Array(n),
    x1 = new Int32Array(n),
    y0 = new Int32Array(n),
    y1 = new Int32Array(n);
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  reports.forEach((report, i) => {
    const g = report.geometry;
    if (g.type === 'Point') {
      x0[i] = x1[i] = Math.floor(g.coordinates[0]! * kx);
      y0[i] = y1[i] = Math.floor(g.coordinates[1]! * ky);
    } else {
      const positions: Position[] = g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
      let w = Infinity,
        s = Infinity,
        e = -Infinity,
        north = -Infinity;
      for (const p of positions) {
        w = Math.min(w, p[0]!);
        e = Math.max(e, p[0]!);
        s = Math.min(s, p[1]!);
        north = Math.max(north, p[1]!);
      }
      x0[i] = Math.floor(w * kx);
      x1[i] = Math.floor(e * kx);
      y0[i] = Math.floor(s * ky);
      y1[i] = Math.floor(north * ky);
    }
    minX = Math.min(minX, x0[i]!);
    maxX = Math.max(maxX, x1[i]!);
    minY = Math.min(minY, y0[i]!);
    maxY = Math.max(maxY, y1[i]!);
  });
  // One cell of margin on every side, so neighbour lookups need no bounds checks.
  const width = maxX - minX + 3;
  const height = maxY - minY + 3;
  const dense = width * height <= 16_000_000;
  const cellIndex = (cx: number, cy: number) => (cx - minX + 1) * height + (cy - minY + 1);
  // Sparse fallback for tiny distances over a large extent: the same numbering, in a Map.
  const slots = new Map<number, number>();
  const slotOf = dense
    ? (c: number) => c
    : (c: number) => {
        let slot = slots.get(c);
        if (slot === undefined) slots.set(c, (slot = slots.size));
        return slot;
      };
  const forEachCellOf = (i: number, visit: (c: number) => void) => {
    for (let cx = x0[i]!; cx <= x1[i]!; cx++) for (let cy = y0[i]!; cy <= y1[i]!; cy++) visit(slotOf(cellIndex(cx, cy)));
  };
  if (!dense) for (let i = 0; i < n; i++) forEachCellOf(i, () => {});
  const slotCount = dense ? width * height : slots.size;
  const start = new Int32Array(slotCount + 1);
  for (let i = 0; i < n; i++) forEachCellOf(i, (c) => start[c + 1]!++);
  for (let c = 0; c < slotCount; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, slotCount);
  const members = new Int32Array(start[slotCount]!);
  for (let i = 0; i < n; i++) forEachCellOf(i, (c) => (members[fill[c]!++] = i));
  const lookup = dense ? (c: number) => c : (c: number) => slots.get(c) ?? -1;

  return {
    // A pair whose geometries share several neighbouring cells is visited more than once: harmless, as union
    // and the nearest-pin choice are idempotent.
    forEachCandidatePair(visit) {
      for (let i = 0; i < n; i++) {
        for (let cx = x0[i]! - 1; cx <= x1[i]! + 1; cx++) {
          for (let cy = y0[i]! - 1; cy <= y1[i]! + 1; cy++) {
            const c = lookup(cellIndex(cx, cy));
            if (c < 0) continue;
            for (let m = start[c]!, end = start[c + 1]!; m < end; m++) {
              const j = members[m]!;
              if (j > i) visit(i, j);
            }
          }
        }
      }
    },
  };
}
