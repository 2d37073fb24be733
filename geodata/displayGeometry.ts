/**
 * Display geometry: the obce simplified as one topology (shared borders are single arcs, so neighbours keep
 * sharing them after simplification: no gaps, no overlaps), and ORP, okresy and kraje dissolved from the
 * same simplified obce, so every outline nests exactly in the one above it.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import Flatbush from 'flatbush';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature as topoFeature, merge as topoMerge } from 'topojson-client';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import type { ObecFeature } from './sources/boundarySource.ts';
import type { ObecProperties } from '../src/core/units/adminUnits.ts';

/**
 * Visvalingam effective-area threshold in square degrees: 1e-5 deg² ≈ 0.08 km² at 50° N. The source obce are
 * already simplified (~29 vertices an obec), so this removes about a fifth of the vertices (181,034 → 143,778
 * for all Czechia). The app draws this geometry at overview zooms and the lookup geometry when zoomed in.
 */
export const DISPLAY_MIN_WEIGHT = 1e-5;
/** Interior points of every arc that are always kept, so that small obce never collapse. */
const KEEP_PER_ARC = 2;

type ObecGeometry = (TopoPolygon<ObecProperties> | TopoMultiPolygon<ObecProperties>) & { properties: ObecProperties };

export interface SimplifiedObce {
  topology: Topology<{ obce: GeometryCollection<ObecProperties> }>;
  /** The geometries of the topology's obce object, one per input obec, in input order. */
  geometries: ObecGeometry[];
}

export function simplifyObce(obce: readonly ObecFeature[], minWeight = DISPLAY_MIN_WEIGHT): SimplifiedObce {
  const collection = { type: 'FeatureCollection' as const, features: obce as ObecFeature[] };
  // Quantise at 1e6 steps across Czechia (~0.5 m): the source is already rounded to 6 decimals (~0.1 m),
  // so shared vertices stay shared.
  const topo = topology({ obce: collection }, 1e8) as unknown as Topology<{ obce: GeometryCollection<ObecProperties> }>;
  const weighted = presimplify(topo as never) as unknown as Topology<{ obce: GeometryCollection<ObecProperties> }>;
  for (const arc of weighted.arcs) keepStrongestPoints(arc as unknown as number[][], KEEP_PER_ARC);
  const simplified = simplifyWithoutCrossings(weighted, minWeight);
  return { topology: simplified, geometries: simplified.objects.obce.geometries as ObecGeometry[] };
}

/**
 * Visvalingam on each arc alone can make two simplified arcs cross (and so two neighbours overlap).
 * Arcs caught in a crossing that the source did not already have are restored to full resolution, and the
 * simplification is rerun until no new crossing is left.
 */
function simplifyWithoutCrossings<T extends Topology>(weighted: T, minWeight: number): T {
  const inSource = findCrossingArcPairs(weighted.arcs as unknown as number[][][]);
  for (let round = 0; round < 50; round++) {
    const simplified = simplify(weighted as never, minWeight) as unknown as T;
    const added = [...findCrossingArcPairs(simplified.arcs as unknown as number[][][])].filter((pair) => !inSource.has(pair));
    if (added.length === 0) return simplified;
    for (const pair of added) {
      for (const arc of pair.split(':').map(Number)) {
        for (const point of weighted.arcs[arc] as unknown as number[][]) point[2] = Infinity;
      }
    }
  }
  throw new Error('Display simplification: arcs still cross after 50 rounds');
}

/**
 * Pairs of arcs ("a:b", a ≤ b) with segments that properly cross (touching at an endpoint is not crossing;
 * an arc may cross itself through non-adjacent segments).
 */
export function findCrossingArcPairs(arcs: readonly number[][][]): Set<string> {
  const segments: Array<{ arc: number; index: number }> = [];
  for (let a = 0; a < arcs.length; a++) for (let k = 0; k + 1 < arcs[a]!.length; k++) segments.push({ arc: a, index: k });
  const crossing = new Set<string>();
  if (segments.length === 0) return crossing;
  const box = ({ arc, index }: { arc: number; index: number }) => {
    const p = arcs[arc]![index]!;
    const q = arcs[arc]![index + 1]!;
    return [Math.min(p[0]!, q[0]!), Math.min(p[1]!, q[1]!), Math.max(p[0]!, q[0]!), Math.max(p[1]!, q[1]!)] as const;
  };
  const tree = new Flatbush(segments.length);
  for (const segment of segments) tree.add(...box(segment));
  tree.finish();
  segments.forEach((segment, i) => {
    const { arc, index } = segment;
    const p = arcs[arc]![index]!;
    const q = arcs[arc]![index + 1]!;
    for (const j of tree.search(...box(segment))) {
      if (j <= i) continue;
      const other = segments[j]!;
      if (other.arc === arc && Math.abs(other.index - index) <= 1) continue;
      if (properlyCross(p, q, arcs[other.arc]![other.index]!, arcs[other.arc]![other.index + 1]!)) {
        crossing.add(arc <= other.arc ? `${arc}:${other.arc}` : `${other.arc}:${arc}`);
      }
    }
  });
  return crossing;
}

function orientation(a: number[], b: number[], c: number[]): number {
  return Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
}

/** Segments p–q and r–s cross at a point interior to both (touching at an endpoint is not crossing). */
function properlyCross(p: number[], q: number[], r: number[], s: number[]): boolean {
  const o1 = orientation(p, q, r);
  const o2 = orientation(p, q, s);
  const o3 = orientation(r, s, p);
  const o4 = orientation(r, s, q);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

function keepStrongestPoints(arc: number[][], keep: number): void {
  if (arc.length <= 2) return;
  const interior = arc.slice(1, -1).map((point, i) => ({ i: i + 1, weight: point[2] ?? 0 }));
  interior.sort((a, b) => b.weight - a.weight);
  for (const { i } of interior.slice(0, keep)) arc[i]![2] = Infinity;
}

export function displayObce(simplified: SimplifiedObce, members: readonly ObecGeometry[]): Array<Feature<Polygon | MultiPolygon, ObecProperties>> {
  return members.map((geometry) => {
    const feature = topoFeature(simplified.topology as never, geometry as never) as unknown as Feature<Polygon | MultiPolygon, ObecProperties>;
    return { type: 'Feature', properties: geometry.properties, geometry: roundGeometry(feature.geometry) };
  });
}

/** Dissolve a group of obce into one outline (exact: merging happens on the shared arcs). */
export function dissolveObce(simplified: SimplifiedObce, members: readonly ObecGeometry[]): Polygon | MultiPolygon {
  const merged = topoMerge(simplified.topology as never, members as never) as MultiPolygon;
  const geometry: Polygon | MultiPolygon = merged.coordinates.length === 1 ? { type: 'Polygon', coordinates: merged.coordinates[0]! } : merged;
  return roundGeometry(geometry);
}

function roundGeometry<G extends Polygon | MultiPolygon>(geometry: G): G {
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map((p) => [round(p[0]!), round(p[1]!)])) } as G;
  }
  return {
    type: 'MultiPolygon',
    coordinates: (geometry as MultiPolygon).coordinates.map((polygon) => polygon.map((ring) => ring.map((p) => [round(p[0]!), round(p[1]!)]))),
  } as G;
}

export function countVertices(geometries: ReadonlyArray<Polygon | MultiPolygon>): number {
  let count = 0;
  for (const geometry of geometries) {
    const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
    for (const ring of rings) count += ring.length;
  }
  return count;
}
