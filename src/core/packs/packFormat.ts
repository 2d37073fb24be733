/**
 * The boundary-pack format: what geodata/ writes and what the app, the CLI and the tests read.
 *
 * Layout (served by the app from public/packs/, git-ignored, rebuilt from the source):
 *   packs/index.json                  PackIndex: the packs that exist
 *   packs/<id>/manifest.json          PackManifest (id = kraj NUTS3 code such as "CZ041", or "CZ" for all Czechia)
 *   packs/<id>/obce.geojson           lookup geometry at source resolution, ObecProperties
 *   packs/<id>/obce.display.geojson   display geometry (simplified, topology kept), ObecProperties
 *   packs/<id>/orp.display.geojson    ORP outlines dissolved from the display obce, OrpProperties
 *   packs/<id>/okresy.display.geojson OkresProperties
 *   packs/<id>/kraje.display.geojson  KrajProperties
 *   packs/<id>/adresni-mista.json     AddressPointsPack (only where the source has RÚIAN address points)
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { BBox } from '../geo/coordinates.ts';
import type { KrajProperties, ObecProperties, OkresProperties, OrpProperties } from '../units/adminUnits.ts';

export const PACK_FORMAT_VERSION = 1;
export const COUNTRY_PACK_ID = 'CZ';

export type PackFileName =
  | 'obce.geojson'
  | 'obce.display.geojson'
  | 'orp.display.geojson'
  | 'okresy.display.geojson'
  | 'kraje.display.geojson'
  | 'adresni-mista.json';

export interface PackManifest {
  formatVersion: number;
  /** "CZ041" … or "CZ" for the whole country. */
  id: string;
  nazev: string;
  /** Human-readable source description, e.g. "../shared/geodata/cz (RCzechia 2024-06, iROZHLAS obce)". */
  source: { adapter: 'shared-cz' | 'ruian-shp'; description: string; attribution: string };
  /** The date the boundaries describe (ISO date), e.g. "2024-06-01". */
  describesDate: string;
  /** The date of the address points (ISO date), when the pack carries them. */
  addressPointsDate: string | null;
  /** Year-end the population figures describe, e.g. "2020-12-31". */
  populationDate: string | null;
  /** When the pack was built (ISO date-time). */
  builtAt: string;
  bbox: BBox;
  counts: { obce: number; orp: number; okresy: number; kraje: number; adresniMista: number };
  /** Vertex counts, to show what simplification did. */
  vertices: { lookup: number; display: number };
  /**
   * Slivers that the source gave to two obce at once, resolved by the build in favour of the lower kód
   * (lookup and display geometry alike); only the obce named here differ from the source.
   */
  overlapRepairs: Array<{ keptBy: string; cutFrom: string; areaM2: number }>;
  /** SHA-256 (hex) of every other file in the pack folder. */
  files: Partial<Record<PackFileName, { sha256: string; bytes: number }>>;
}

export interface PackIndexEntry {
  id: string;
  nazev: string;
  bbox: BBox;
  counts: PackManifest['counts'];
}

export interface PackIndex {
  formatVersion: number;
  defaultPack: string;
  describesDate: string;
  packs: PackIndexEntry[];
}

export type ObceCollection = FeatureCollection<Polygon | MultiPolygon, ObecProperties>;
export type OrpCollection = FeatureCollection<Polygon | MultiPolygon, OrpProperties>;
export type OkresyCollection = FeatureCollection<Polygon | MultiPolygon, OkresProperties>;
export type KrajeCollection = FeatureCollection<Polygon | MultiPolygon, KrajProperties>;

/**
 * RÚIAN address points, columnar and compact. Positions are WGS84 in micro-degrees (integers),
 * so 1e-6° (≈ 0.1 m) resolution; `cast[i]` indexes `castiObce`.
 */
export interface AddressPointsPack {
  formatVersion: number;
  /** The date of the ČÚZK export, e.g. "2023-12-31". */
  describesDate: string;
  count: number;
  castiObce: Array<{ kod: string; nazev: string; kodObce: string }>;
  lonE6: number[];
  latE6: number[];
  cast: number[];
  /** Rows of the source that had no coordinates (counted, not carried). */
  skippedWithoutCoordinates: number;
}
