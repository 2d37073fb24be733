/**
 * A ZSJ layer (základní sídelní jednotky, ČTÚ's white-spot unit) loaded from a RÚIAN export converted to GeoJSON
 * (WGS84): the codes are normalised to 6 digits (some exports drop the leading zero), names kept, and points are
 * looked up through an R-tree and Turf's point-in-polygon. A layer in S-JTSK metres or without ZSJ codes is
 * refused with a code.
 */
import { booleanPointInPolygon, bbox } from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import { decodeInputText, isZipBytes, parseJsonBounded } from '../limits/boundedInput.ts';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';

export interface Zsj {
  kod: string;
  nazev: string;
  /** Katastrální území, when the layer has it. */
  kodKu: string | null;
}

export type ZsjLayerProblem =
  | 'zsj.notGeoJson'
  | 'zsj.noFeatures'
  | 'zsj.missingCode'
  | 'zsj.projectedCoordinates'
  | 'zsj.invalidGeometry'
  | 'zsj.tooManyFeatures';

/** What reading a layer file can say (readZsjLayer): the layer's own problems and those of the file. */
export type ZsjFileProblem = ZsjLayerProblem | 'zsj.tooLarge' | 'zsj.notJson' | 'zsj.tooDeep' | 'zsj.empty' | 'zsj.binary' | 'zsj.isZip';

/** A kraj has ~3,000 ZSJ, Czechia ~22,600. */
export const ZSJ_MAX_FEATURES = 100_000;

export type ZsjReadResult = { ok: true; index: ZsjIndex; data: unknown } | { ok: false; code: ZsjFileProblem; params?: Record<string, string | number> };

/**
 * A ZSJ layer file, as bytes (the CLI, the app's picker) or text already decoded: size, encoding (UTF-8 with or
 * without BOM, UTF-16), binary junk and a ZIP renamed `.geojson`, JSON nesting depth, then ZsjIndex.parse. Every
 * failure is a code; nothing is thrown.
 */
export function readZsjLayer(input: Uint8Array | string): ZsjReadResult {
  let text: string;
  if (typeof input === 'string') {
    if (input.length > INPUT_LIMITS.fileBytes.zsjLayer)
      return { ok: false, code: 'zsj.tooLarge', params: { limitMb: INPUT_LIMITS.fileBytes.zsjLayer / 1024 / 1024 } };
    if (input.startsWith('PK\u0003\u0004')) return { ok: false, code: 'zsj.isZip' };
    if (input.includes('\u0000')) return { ok: false, code: 'zsj.binary' };
    text = input;
  } else {
    if (input.length > INPUT_LIMITS.fileBytes.zsjLayer)
      return { ok: false, code: 'zsj.tooLarge', params: { limitMb: INPUT_LIMITS.fileBytes.zsjLayer / 1024 / 1024 } };
    if (isZipBytes(input)) return { ok: false, code: 'zsj.isZip' };
    const decoded = decodeInputText(input);
    if (!decoded.ok) return { ok: false, code: decoded.code === 'empty' ? 'zsj.empty' : 'zsj.binary' };
    text = decoded.text;
  }
  if (text.trim() === '' || text.trim() === '\uFEFF') return { ok: false, code: 'zsj.empty' };
  const json = parseJsonBounded(text);
  if (!json.ok)
    return json.code === 'tooDeep' ? { ok: false, code: 'zsj.tooDeep', params: { limit: INPUT_LIMITS.json.depth } } : { ok: false, code: 'zsj.notJson' };
  try {
    const parsed = ZsjIndex.parse(json.value);
    if (!parsed.ok) return parsed.params ? { ok: false, code: parsed.code, params: parsed.params } : { ok: false, code: parsed.code };
    return { ok: true, index: parsed.index, data: json.value };
  } catch {
    // ZsjIndex.parse checks every geometry before Turf sees it; this is the boundary all the same.
    return { ok: false, code: 'zsj.notGeoJson' };
  }
}

/** A polygon's rings: arrays of at least 4 positions of two finite numbers (more are allowed: elevation). */
function isPolygonRings(rings: unknown): boolean {
  if (!Array.isArray(rings) || rings.length === 0) return false;
  for (const ring of rings) {
    if (!Array.isArray(ring) || ring.length < 4) return false;
    for (const position of ring) {
      if (
        !Array.isArray(position) ||
        position.length < 2 ||
        typeof position[0] !== 'number' ||
        typeof position[1] !== 'number' ||
        !Number.isFinite(position[0]) ||
        !Number.isFinite(position[1])
      )
        return false;
    }
  }
  return true;
}

function isValidAreaGeometry(geometry: { type: string; coordinates?: unknown }): boolean {
  if (geometry.type === 'Polygon') return isPolygonRings(geometry.coordinates);
  return Array.isArray(geometry.coordinates) && geometry.coordinates.length > 0 && geometry.coordinates.every(isPolygonRings);
}

function pick(properties: Record<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    for (const key of Object.keys(properties)) {
      if (key.toLowerCase() === name && properties[key] !== null && properties[key] !== undefined && String(properties[key]).trim() !== '')
        return String(properties[key]).trim();
    }
  }
  return null;
}

export class ZsjIndex {
  private constructor(
    readonly units: readonly Zsj[],
    private readonly geometries: ReadonlyArray<Polygon | MultiPolygon>,
    private readonly tree: Flatbush,
  ) {}

  static parse(data: unknown): { ok: true; index: ZsjIndex } | { ok: false; code: ZsjLayerProblem; params?: Record<string, string | number> } {
    const collection = data as { type?: string; features?: Array<{ geometry?: Polygon | MultiPolygon | null; properties?: Record<string, unknown> | null }> };
    if (!collection || typeof collection !== 'object' || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features))
      return { ok: false, code: 'zsj.notGeoJson' };
    if (collection.features.length > ZSJ_MAX_FEATURES) return { ok: false, code: 'zsj.tooManyFeatures', params: { limit: ZSJ_MAX_FEATURES } };
    const features = [];
    for (let i = 0; i < collection.features.length; i++) {
      const f = collection.features[i];
      // Null geometries (allowed by RFC 7946) and other geometry types are left out; a polygon that is not one is refused.
      if (!f || typeof f !== 'object' || !f.geometry || typeof f.geometry !== 'object') continue;
      if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') continue;
      if (!isValidAreaGeometry(f.geometry)) return { ok: false, code: 'zsj.invalidGeometry', params: { feature: i + 1 } };
      if (f.properties !== undefined && f.properties !== null && (typeof f.properties !== 'object' || Array.isArray(f.properties)))
        return { ok: false, code: 'zsj.missingCode' };
      features.push(f);
    }
    if (features.length === 0) return { ok: false, code: 'zsj.noFeatures' };
    const units: Zsj[] = [];
    const geometries: Array<Polygon | MultiPolygon> = [];
    for (const feature of features) {
      const properties = feature.properties ?? {};
      const code = pick(properties, ['kod_zsj', 'kod', 'zsj_kod', 'kod_zsj_d']);
      if (!code || !/^\d{1,7}$/.test(code)) return { ok: false, code: 'zsj.missingCode' };
      const [w, s, e, n] = bbox(feature.geometry!);
      if (Math.abs(w!) > 180 || Math.abs(e!) > 180 || Math.abs(s!) > 90 || Math.abs(n!) > 90) return { ok: false, code: 'zsj.projectedCoordinates' };
      units.push({
        kod: code.length <= 6 ? code.padStart(6, '0') : code,
        nazev: pick(properties, ['nazev', 'nazev_zsj', 'name']) ?? '',
        kodKu: pick(properties, ['kod_ku']),
      });
      geometries.push(feature.geometry!);
    }
    const tree = new Flatbush(geometries.length);
    for (const geometry of geometries) {
      const [w, s, e, n] = bbox(geometry);
      tree.add(w!, s!, e!, n!);
    }
    tree.finish();
    return { ok: true, index: new ZsjIndex(units, geometries, tree) };
  }

  /** The ZSJ holding the point, or null (the layer may cover only some obce). */
  find(lon: number, lat: number): Zsj | null {
    for (const i of this.tree.search(lon, lat, lon, lat)) {
      if (booleanPointInPolygon([lon, lat], this.geometries[i]!)) return this.units[i]!;
    }
    return null;
  }
}
