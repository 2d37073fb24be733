/**
 * Display geometry: the obce simplified as one topology (shared borders are single arcs, so neighbours keep
 * sharing them after simplification: no gaps, no overlaps), and ORP, okresy and kraje dissolved from the
 * same simplified obce, so every outline nests exactly in the one above it.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
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
  const topo = topology({ obce: collection }, 1e6) as unknown as Topology<{ obce: GeometryCollection<ObecProperties> }>;
  const weighted = presimplify(topo as never) as unknown as Topology<{ obce: GeometryCollection<ObecProperties> }>;
  for (const arc of weighted.arcs) keepStrongestPoints(arc as unknown as number[][], KEEP_PER_ARC);
  const simplified = simplify(weighted as never, minWeight) as unknown as Topology<{ obce: GeometryCollection<ObecProperties> }>;
  return { topology: simplified, geometries: simplified.objects.obce.geometries as ObecGeometry[] };
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
  const geometry: Polygon | MultiPolygon =
    merged.coordinates.length === 1 ? { type: 'Polygon', coordinates: merged.coordinates[0]! } : merged;
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
