/**
 * Část obce suggested from the nearest RÚIAN address points of the pack (never decided for the mayor: a
 * suggestion the form offers). Nearest points are weighted by inverse distance; points of another obec
 * than the report's do not vote.
 */
import Flatbush from 'flatbush';
import type { AddressPointsPack } from '../packs/packFormat.ts';
import { METRES_PER_DEGREE } from '../geo/earth.ts';

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
    const kx = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
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

  /** How many address points lie within radiusM of a point (ČTÚ counts coverage at address points). */
  countWithin(lon: number, lat: number, radiusM: number): number {
    const kx = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
    const dLon = radiusM / kx;
    const dLat = radiusM / METRES_PER_DEGREE;
    let count = 0;
    for (const i of this.tree.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      if (Math.hypot((this.pack.lonE6[i]! / 1e6 - lon) * kx, (this.pack.latE6[i]! / 1e6 - lat) * METRES_PER_DEGREE) <= radiusM) count++;
    }
    return count;
  }
}
