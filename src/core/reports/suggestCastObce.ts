/**
 * Část obce suggested from the nearest RÚIAN address points of the pack (never decided for the mayor: a
 * suggestion the form offers). Nearest points are weighted by inverse distance; points of another obec
 * than the report's do not vote.
 */
import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/turf';
import type { AddressPointsPack } from '../packs/packFormat.ts';
import { distanceBetweenM } from './findNearbyReports.ts';
import type { ReportGeometry } from './report.ts';
import { METRES_PER_DEGREE } from '../geo/earth.ts';
import { metresPerDegreeLon } from '../geo/localProjection.ts';

export interface CastObceSuggestion {
  kod: string;
  nazev: string;
  /** Distance to the nearest address point of that část obce, metres. */
  distanceM: number;
}

export class AddressPointIndex {
  private readonly tree: Flatbush;

  private constructor(private readonly pack: AddressPointsPack) {
    this.tree = new Flatbush(Math.max(1, pack.count));
    for (let i = 0; i < pack.count; i++) {
      const lon = pack.lonE6[i]! / 1e6;
      const lat = pack.latE6[i]! / 1e6;
      this.tree.add(lon, lat, lon, lat);
    }
    if (pack.count === 0) this.tree.add(0, 0, 0, 0);
    this.tree.finish();
  }

  static fromPack(pack: AddressPointsPack): AddressPointIndex {
    return new AddressPointIndex(pack);
  }

  get size(): number {
    return this.pack.count;
  }

  /**
   * The část obce most of the nearest address points (up to 9, within maxDistanceM) belong to, restricted to
   * the obec when its kód is given; null when there is none near enough.
   */
  suggestCastObce(lon: number, lat: number, kodObce: string | null, maxDistanceM = 1_500): CastObceSuggestion | null {
    if (this.pack.count === 0) return null;
    const kx = metresPerDegreeLon(lat);
    const maxDegrees = maxDistanceM / Math.min(kx, METRES_PER_DEGREE);
    const nearest = this.tree.neighbors(lon, lat, 9, maxDegrees, (i) => kodObce === null || this.pack.castiObce[this.pack.cast[i]!]!.kodObce === kodObce);
    const votes = new Map<number, { weight: number; distanceM: number }>();
    for (const i of nearest) {
      const distanceM = Math.hypot((this.pack.lonE6[i]! / 1e6 - lon) * kx, (this.pack.latE6[i]! / 1e6 - lat) * METRES_PER_DEGREE);
      if (distanceM > maxDistanceM) continue;
      const cast = this.pack.cast[i]!;
      const vote = votes.get(cast) ?? { weight: 0, distanceM };
      vote.weight += 1 / Math.max(distanceM, 10);
      vote.distanceM = Math.min(vote.distanceM, distanceM);
      votes.set(cast, vote);
    }
    let best: { cast: number; weight: number; distanceM: number } | null = null;
    for (const [cast, vote] of votes) if (!best || vote.weight > best.weight) best = { cast, ...vote };
    if (!best) return null;
    const cast = this.pack.castiObce[best.cast]!;
    return { kod: cast.kod, nazev: cast.nazev, distanceM: Math.round(best.distanceM) };
  }

  /**
   * The address points a reported place affects — ČTÚ measures population coverage at address points, so this is
   * the honest "who is affected" figure: inside a polygon, or within radiusM of a point or a line. Each address
   * point counts once however many of the geometries reach it. Returns their indices.
   */
  affectedBy(geometries: readonly ReportGeometry[], radiusM: number): Set<number> {
    const found = new Set<number>();
    for (const geometry of geometries) {
      const positions =
        geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'LineString' ? geometry.coordinates : geometry.coordinates.flat();
      const lats = positions.map((p) => p[1]!);
      const lons = positions.map((p) => p[0]!);
      const margin = geometry.type === 'Polygon' ? 0 : radiusM;
      const kx = metresPerDegreeLon((Math.min(...lats) + Math.max(...lats)) / 2);
      const candidates = this.tree.search(
        Math.min(...lons) - margin / kx,
        Math.min(...lats) - margin / METRES_PER_DEGREE,
        Math.max(...lons) + margin / kx,
        Math.max(...lats) + margin / METRES_PER_DEGREE,
      );
      for (const i of candidates) {
        if (found.has(i)) continue;
        const point: ReportGeometry = { type: 'Point', coordinates: [this.pack.lonE6[i]! / 1e6, this.pack.latE6[i]! / 1e6] };
        const inside = geometry.type === 'Polygon' ? booleanPointInPolygon(point.coordinates, geometry) : distanceBetweenM(point, geometry) <= radiusM;
        if (inside) found.add(i);
      }
    }
    return found;
  }

  /** How many address points lie within radiusM of a point (ČTÚ counts coverage at address points). */
  countWithin(lon: number, lat: number, radiusM: number): number {
    const kx = metresPerDegreeLon(lat);
    const dLon = radiusM / kx;
    const dLat = radiusM / METRES_PER_DEGREE;
    let count = 0;
    for (const i of this.tree.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      if (Math.hypot((this.pack.lonE6[i]! / 1e6 - lon) * kx, (this.pack.latE6[i]! / 1e6 - lat) * METRES_PER_DEGREE) <= radiusM) count++;
    }
    return count;
  }
}
