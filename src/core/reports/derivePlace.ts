/**
 * The place of a report, derived from its geometry (never typed): the obec that holds it (for lines and polygons,
 * the obec with the largest share), that obec's ORP, okres and kraj, a representative point in WGS84 and S-JTSK,
 * and the other obce the geometry reaches into.
 */
import { lonLat } from '../geo/coordinates.ts';
import { lookupLine } from '../lookup/lookupLine.ts';
import { lookupPoint, type PointLookupFailureCode } from '../lookup/lookupPoint.ts';
import { lookupPolygon } from '../lookup/lookupPolygon.ts';
import type { ObecIndex } from '../lookup/obecIndex.ts';
import { describePlace } from '../lookup/placeDescription.ts';
import type { DerivedPlace, ReportGeometry } from './report.ts';
import { representativePoint } from './representativePoint.ts';

export { representativePoint };

export type DerivePlaceResult =
  | { ok: true; place: DerivedPlace }
  | { ok: false; code: PointLookupFailureCode | 'geometry.selfIntersects' | 'geometry.tooFewPositions' | 'geometry.invalidCoordinates' };

export function derivePlace(index: ObecIndex, geometry: ReportGeometry): DerivePlaceResult {
  const [lon, lat] = representativePoint(geometry);
  if (geometry.type === 'Point') {
    const result = lookupPoint(index, lonLat(lon, lat));
    if (!result.ok) return { ok: false, code: result.code };
    const { obec, orp, okres, kraj, wgs84, sjtsk } = result.place;
    return { ok: true, place: { obec, orp, okres, kraj, wgs84, sjtsk, alsoIn: [] } };
  }
  const shares = geometry.type === 'LineString' ? lookupLine(index, geometry) : lookupPolygon(index, geometry);
  if (!shares.ok) return { ok: false, code: shares.code };
  const main = shares.obce[0];
  if (!main) {
    const atPoint = lookupPoint(index, lonLat(lon, lat));
    return { ok: false, code: atPoint.ok ? 'lookup.noObec' : atPoint.code };
  }
  const obec = index.obce[index.indexOfKod(main.unit.kod)!]!;
  const { orp, okres, kraj, wgs84, sjtsk } = describePlace(obec, lonLat(lon, lat));
  return {
    ok: true,
    place: {
      obec: { kod: obec.kod, nazev: obec.nazev },
      orp,
      okres,
      kraj,
      wgs84,
      sjtsk,
      alsoIn: shares.obce.slice(1).map((row) => ({ kod: row.unit.kod, nazev: row.unit.nazev, share: row.share })),
    },
  };
}
