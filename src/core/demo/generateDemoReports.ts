/**
 * Synthetic reports for trying the app and for benchmarks. Clearly labelled: `demo: true` and a description that
 * starts with "[DEMO]", so they can never pass for real data. Deterministic for a given seed and time.
 */
import { METRES_PER_DEGREE } from '../geo/earth.ts';
import { metresPerDegreeLon } from '../geo/localProjection.ts';
import type { ObecIndex } from '../lookup/obecIndex.ts';
import { seededRandom, seededUuid } from '../random/seededRandom.ts';
import { createEmptyReport } from '../reports/createReport.ts';
import { derivePlace } from '../reports/derivePlace.ts';
import { ENVIRONMENTS, FAILURES, OPERATOR_CHOICES, PERSISTENCE, TECHNOLOGIES } from '../reports/enumerations.ts';
import type { Report, ReportGeometry } from '../reports/report.ts';

export const DEMO_PREFIX = '[DEMO]';

export interface DemoOptions {
  count: number;
  seed: number;
  /** ISO date-time the reports are dated back from. */
  now: string;
  /** Only obce of this kraj (NUTS3); all obce of the index otherwise. */
  krajNuts3?: string;
}

export function generateDemoReports(index: ObecIndex, options: DemoOptions): Report[] {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[], max: number): T[] => {
    const chosen = new Set<T>();
    const n = 1 + Math.floor(random() * max);
    while (chosen.size < Math.min(n, list.length)) chosen.add(pick(list));
    return [...chosen];
  };
  const candidates = index.obce.map((obec, i) => ({ obec, i })).filter(({ obec }) => !options.krajNuts3 || obec.krajNuts3 === options.krajNuts3);
  if (candidates.length === 0) return [];
  const nowMs = Date.parse(options.now);
  const reports: Report[] = [];
  let attempts = 0;
  while (reports.length < options.count && attempts < options.count * 20) {
    attempts++;
    const { i } = pick(candidates);
    const [w, s, e, n] =
      index.geometries[i]!.type === 'Polygon' ? boxOf(index.geometries[i]!.coordinates.flat()) : boxOf(index.geometries[i]!.coordinates.flat(2));
    const lon = w + (e - w) * random();
    const lat = s + (n - s) * random();
    if (index.findContaining(lon, lat) !== i) continue;
    const geometry = demoGeometry(lon, lat, random);
    const derived = derivePlace(index, geometry);
    if (!derived.ok) continue;
    const created = new Date(nowMs - Math.floor(random() * 365) * 86_400_000 - Math.floor(random() * 86_400_000)).toISOString();
    const report = createEmptyReport(geometry, { id: seededUuid(random), now: created, demo: true });
    const failures = some(FAILURES, 2);
    const observationCount = 1 + Math.floor(random() * 3);
    reports.push({
      ...report,
      place: derived.place,
      description: `${DEMO_PREFIX} Ukázkové hlášení ${reports.length + 1}: ${geometry.type === 'Point' ? 'místo' : geometry.type === 'LineString' ? 'úsek silnice' : 'oblast'} u obce ${derived.place.obec.nazev}`,
      failures,
      operators:
        random() < 0.25
          ? ['all']
          : some(
              OPERATOR_CHOICES.filter((o) => o !== 'all'),
              3,
            ),
      technologies: some(TECHNOLOGIES, 2),
      environments: some(ENVIRONMENTS, 2),
      persistence: pick(PERSISTENCE),
      observations: Array.from({ length: observationCount }, (_, k) => ({
        date: new Date(Date.parse(created) + k * 3 * 86_400_000).toISOString().slice(0, 10),
        time: `${String(6 + Math.floor(random() * 16)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`,
        note: '',
      })),
      affected: { inhabitants: Math.floor(random() * 120), households: null },
    });
  }
  return reports;
}

function boxOf(positions: number[][]): [number, number, number, number] {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const [x, y] of positions as Array<[number, number]>) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return [w, s, e, n];
}

/** 70 % points, 20 % road stretches (a few hundred metres), 10 % small areas (hexagons). */
function demoGeometry(lon: number, lat: number, random: () => number): ReportGeometry {
  const kx = metresPerDegreeLon(lat);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const roll = random();
  if (roll < 0.7) return { type: 'Point', coordinates: [round(lon), round(lat)] };
  if (roll < 0.9) {
    const coordinates: number[][] = [[round(lon), round(lat)]];
    let heading = random() * 2 * Math.PI;
    for (let k = 0; k < 3; k++) {
      heading += (random() - 0.5) * 0.8;
      const step = 150 + random() * 300;
      const [x, y] = coordinates[coordinates.length - 1] as [number, number];
      coordinates.push([round(x + (Math.cos(heading) * step) / kx), round(y + (Math.sin(heading) * step) / METRES_PER_DEGREE)]);
    }
    return { type: 'LineString', coordinates };
  }
  const radius = 150 + random() * 250;
  const ring = Array.from({ length: 6 }, (_, k) => {
    const angle = (k * Math.PI) / 3;
    return [round(lon + (Math.cos(angle) * radius) / kx), round(lat + (Math.sin(angle) * radius) / METRES_PER_DEGREE)];
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}
