/**
 * A ZSJ layer (základní sídelní jednotky, ČTÚ's white-spot unit) loaded from a RÚIAN export converted to GeoJSON
 * (WGS84): the codes are normalised to 6 digits (some exports drop the leading zero), names kept, and points are
 * looked up through an R-tree and Turf's point-in-polygon. A layer in S-JTSK metres or without ZSJ codes is
 * refused with a code.
 */
import { booleanPointInPolygon, bbox } from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';

export interface Zsj {
  kod: string;
  nazev: string;
  /** Katastrální území, when the layer has it. */
  kodKu: string | null;
}

export type ZsjLayerProblem = 'zsj.notGeoJson' | 'zsj.noFeatures' | 'zsj.missingCode' | 'zsj.projectedCoordinates';

function pick(properties: Record<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    for (const key of Object.keys(properties)) {
      if (key.toLowerCase() === name && properties[key] !== null && properties[key] !== undefined && String(properties[key]).trim() !== '') return String(properties[key]).trim();
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

  static parse(data: unknown): { ok: true; index: ZsjIndex } | { ok: false; code: ZsjLayerProblem } {
    const collection = data as { type?: string; features?: Array<{ geometry?: Polygon | MultiPolygon | null; properties?: Record<string, unknown> | null }> };
    if (!collection || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) return { ok: false, code: 'zsj.notGeoJson' };
    const features = collection.features.filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'));
    if (features.length === 0) return { ok: false, code: 'zsj.noFeatures' };
    const units: Zsj[] = [];
    const geometries: Array<Polygon | MultiPolygon> = [];
    for (const feature of features) {
      const properties = feature.properties ?? {};
      const code = pick(properties, ['kod_zsj', 'kod', 'zsj_kod', 'kod_zsj_d']);
      if (!code || !/^\d{1,7}$/.test(code)) return { ok: false, code: 'zsj.missingCode' };
      const [w, s, e, n] = bbox(feature.geometry!);
      if (Math.abs(w!) > 180 || Math.abs(e!) > 180 || Math.abs(s!) > 90 || Math.abs(n!) > 90) return { ok: false, code: 'zsj.projectedCoordinates' };
      units.push({ kod: code.length <= 6 ? code.padStart(6, '0') : code, nazev: pick(properties, ['nazev', 'nazev_zsj', 'name']) ?? '', kodKu: pick(properties, ['kod_ku']) });
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
