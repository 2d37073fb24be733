/**
 * The boundary-pack build: one source adapter's data → per-kraj packs and a whole-country pack with
 * normalised attributes, lookup geometry at source resolution, display geometry simplified with topology
 * kept, RÚIAN address points where the source has them, and a manifest with counts and checksums.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bbox as turfBbox } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BBox } from '../src/core/geo/coordinates.ts';
import { COUNTRY_PACK_ID, PACK_FORMAT_VERSION, type PackFileName, type PackIndex, type PackManifest } from '../src/core/packs/packFormat.ts';
import { DEFAULT_KRAJ, KRAJE, type KrajProperties, type ObecProperties, type OkresProperties, type OrpProperties } from '../src/core/units/adminUnits.ts';
import { buildAddressPointsPack } from './addressPoints.ts';
import { countVertices, displayObce, dissolveObce, simplifyObce, type SimplifiedObce } from './displayGeometry.ts';
import { repairOverlaps, type OverlapRepair } from './repairOverlaps.ts';
import type { BoundarySource, ObecFeature } from './sources/boundarySource.ts';

export interface BuildOptions {
  source: BoundarySource;
  outDir: string;
  /** "all" (every kraj + the country pack) or one NUTS3 code. */
  kraj: string;
  /** Fixed build time for reproducible output; defaults to now. */
  builtAt?: string;
  log?: (line: string) => void;
}

export interface BuildResult {
  packs: PackManifest[];
}

export function buildPacks(options: BuildOptions): BuildResult {
  const { source, outDir } = options;
  const log = options.log ?? (() => {});
  const builtAt = options.builtAt ?? new Date().toISOString();
  const wanted = options.kraj === 'all' ? KRAJE.map((k) => k.nuts3) : [options.kraj];
  if (options.kraj !== 'all' && !KRAJE.some((k) => k.nuts3 === options.kraj)) {
    throw new Error(`Unknown kraj ${options.kraj}: use a NUTS3 code CZ010…CZ080 or "all"`);
  }

  log(`Repairing overlaps between neighbouring obce…`);
  const { obce, repairs } = repairOverlaps(source.obce);
  log(`  ${repairs.length} overlaps given to the obec with the lower kód (${repairs.reduce((s, r) => s + r.areaM2, 0)} m² in all)`);
  log(`Simplifying ${obce.length} obce as one topology…`);
  const simplified = simplifyObce(obce);
  const order = new Map(obce.map((feature, i) => [feature, i]));

  const packs: PackManifest[] = [];
  const groups: Array<{ id: string; nazev: string; members: ObecFeature[] }> = wanted.map((nuts3) => ({
    id: nuts3,
    nazev: KRAJE.find((k) => k.nuts3 === nuts3)!.nazev,
    members: obce.filter((feature) => feature.properties.krajNuts3 === nuts3),
  }));
  if (options.kraj === 'all') groups.push({ id: COUNTRY_PACK_ID, nazev: 'Česko', members: obce });

  for (const group of groups) {
    log(`Pack ${group.id} (${group.nazev}): ${group.members.length} obce`);
    const geometries = group.members.map((feature) => simplified.geometries[order.get(feature)!]!);
    const kody = new Set(group.members.map((m) => m.properties.kod));
    const packRepairs = repairs.filter((r) => kody.has(r.keptBy) || kody.has(r.cutFrom));
    packs.push(writePack({ ...group, geometries, simplified, source, outDir, builtAt, repairs: packRepairs }));
  }

  if (options.kraj === 'all') {
    const index: PackIndex = {
      formatVersion: PACK_FORMAT_VERSION,
      defaultPack: DEFAULT_KRAJ,
      describesDate: source.describesDate,
      packs: packs.map((pack) => ({ id: pack.id, nazev: pack.nazev, bbox: pack.bbox, counts: pack.counts })),
    };
    writeFileSync(path.join(outDir, 'index.json'), JSON.stringify(index, null, 1));
  }
  return { packs };
}

interface PackInput {
  id: string;
  nazev: string;
  members: ObecFeature[];
  geometries: SimplifiedObce['geometries'];
  simplified: SimplifiedObce;
  source: BoundarySource;
  outDir: string;
  builtAt: string;
  repairs: OverlapRepair[];
}

function writePack(input: PackInput): PackManifest {
  const { id, members, simplified, source } = input;
  const folder = path.join(input.outDir, id);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const files: PackManifest['files'] = {};
  const write = (name: PackFileName, value: unknown) => {
    const text = JSON.stringify(value);
    writeFileSync(path.join(folder, name), text);
    files[name] = { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) };
  };

  const lookupFeatures = members.map((feature) => ({
    type: 'Feature' as const,
    id: Number(feature.properties.kod),
    properties: feature.properties,
    geometry: feature.geometry,
  }));
  write('obce.geojson', { type: 'FeatureCollection', features: lookupFeatures });

  const display = displayObce(simplified, input.geometries).map((feature) => ({ ...feature, id: Number(feature.properties.kod) }));
  write('obce.display.geojson', { type: 'FeatureCollection', features: display });

  const orp = groupBy(input.geometries, (g) => g.properties.orpKod).map(([kod, group]) => {
    const first = group[0]!.properties;
    const code = source.orp.get(kod);
    const properties: OrpProperties = {
      kod,
      kodRuian: code?.kodRuian ?? first.orpKodRuian,
      nazev: first.orpNazev,
      krajKod: first.krajKod,
      krajNuts3: first.krajNuts3,
      krajNazev: first.krajNazev,
      sidloKod: code?.sidloKod ?? null,
      pocetObci: group.length,
      obyvatel: sumPopulation(group.map((g) => g.properties)),
    };
    return feature(Number(kod), properties, dissolveObce(simplified, group));
  });
  write('orp.display.geojson', { type: 'FeatureCollection', features: orp });

  const okresy = groupBy(input.geometries, (g) => g.properties.okresKod).map(([kod, group]) => {
    const first = group[0]!.properties;
    const properties: OkresProperties = {
      kod,
      lau1: first.okresLau1,
      nazev: first.okresNazev,
      krajKod: first.krajKod,
      krajNuts3: first.krajNuts3,
      krajNazev: first.krajNazev,
      pocetObci: group.length,
      obyvatel: sumPopulation(group.map((g) => g.properties)),
    };
    return feature(Number(kod), properties, dissolveObce(simplified, group));
  });
  write('okresy.display.geojson', { type: 'FeatureCollection', features: okresy });

  const kraje = groupBy(input.geometries, (g) => g.properties.krajNuts3).map(([nuts3, group]) => {
    const first = group[0]!.properties;
    const properties: KrajProperties = {
      kod: first.krajKod,
      nuts3,
      nazev: first.krajNazev,
      pocetObci: group.length,
      pocetOrp: new Set(group.map((g) => g.properties.orpKod)).size,
      obyvatel: sumPopulation(group.map((g) => g.properties)),
    };
    return feature(Number(first.krajKod), properties, dissolveObce(simplified, group));
  });
  write('kraje.display.geojson', { type: 'FeatureCollection', features: kraje });

  let adresniMista = 0;
  let addressPointsDate: string | null = null;
  const addressDir = id === COUNTRY_PACK_ID ? null : source.addressPointsDir(id);
  if (addressDir) {
    const pack = buildAddressPointsPack(addressDir, new Set(members.map((m) => m.properties.kod)));
    write('adresni-mista.json', pack);
    adresniMista = pack.count;
    addressPointsDate = pack.describesDate;
  }

  const manifest: PackManifest = {
    formatVersion: PACK_FORMAT_VERSION,
    id,
    nazev: input.nazev,
    source: { adapter: source.adapter, description: source.description, attribution: source.attribution },
    describesDate: source.describesDate,
    addressPointsDate,
    populationDate: source.populationDate,
    builtAt: input.builtAt,
    bbox: turfBbox({ type: 'FeatureCollection', features: members }) as BBox,
    counts: { obce: members.length, orp: orp.length, okresy: okresy.length, kraje: kraje.length, adresniMista },
    vertices: {
      lookup: countVertices(members.map((m) => m.geometry)),
      display: countVertices(display.map((d) => d.geometry)),
    },
    overlapRepairs: input.repairs,
    files,
  };
  writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}

function feature<P>(id: number, properties: P, geometry: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon, P> & { id: number } {
  return { type: 'Feature', id, properties, geometry };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function sumPopulation(obce: readonly ObecProperties[]): number | null {
  if (obce.some((obec) => obec.obyvatel === null)) return null;
  return obce.reduce((sum, obec) => sum + (obec.obyvatel ?? 0), 0);
}
