import { clustersDbscan, featureCollection, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { clusterReports, localityIdFor, type ClusterableReport } from '../../../src/core/cluster/clusterReports.ts';
import { METRES_PER_DEGREE } from '../../../src/core/geo/earth.ts';
import { seededRandom, seededUuid } from '../../../src/core/random/seededRandom.ts';

const LAT = 50.4;
const KX = METRES_PER_DEGREE * Math.cos((LAT * Math.PI) / 180);
/** A point report `east` metres east and `north` metres north of 12.9 E, 50.4 N. */
function at(id: string, east: number, north = 0, day = 1): ClusterableReport {
  return {
    id,
    createdAt: `2026-10-${String(day).padStart(2, '0')}T00:00:00Z`,
    geometry: { type: 'Point', coordinates: [12.9 + east / KX, LAT + north / METRES_PER_DEGREE] },
  };
}

describe('clusterReports', () => {
  it('groups reports within the distance, chains them, and leaves a far one alone', () => {
    const reports = [at('a', 0), at('b', 200), at('c', 400), at('d', 2000)];
    const { localities } = clusterReports(reports, { distanceM: 300 });
    expect(localities.map((l) => l.reportIds)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(localities.map((l) => l.id)).toEqual([localityIdFor('a'), localityIdFor('d')]);
  });

  it('is deterministic whatever the input order', () => {
    const reports = [at('a', 0, 0, 3), at('b', 250, 0, 1), at('c', 5000, 0, 2), at('d', 5100, 0, 4)];
    const forward = clusterReports(reports, { distanceM: 300 });
    const backward = clusterReports([...reports].reverse(), { distanceM: 300 });
    expect(backward).toEqual(forward);
    // The anchor is the earliest report: b (day 1), not a.
    expect(forward.localityOf.get('a')).toBe(localityIdFor('b'));
  });

  it('keeps locality ids when later reports are added; a bridging report merges into the older anchor', () => {
    const before = clusterReports([at('a', 0, 0, 1), at('b', 500, 0, 2)], { distanceM: 300 });
    expect(before.localities.map((l) => l.id)).toEqual([localityIdFor('a'), localityIdFor('b')]);
    const grown = clusterReports([at('a', 0, 0, 1), at('b', 500, 0, 2), at('c', 20, 0, 3)], { distanceM: 300 });
    expect(grown.localityOf.get('c')).toBe(localityIdFor('a'));
    expect(grown.localityOf.get('b')).toBe(localityIdFor('b'));
    const bridged = clusterReports([at('a', 0, 0, 1), at('b', 500, 0, 2), at('x', 250, 0, 5)], { distanceM: 300 });
    expect(bridged.localities).toEqual([{ id: localityIdFor('a'), reportIds: ['a', 'b', 'x'], reviewed: false }]);
  });

  it('measures lines and polygons by their nearest parts, across obec borders', () => {
    const road: ClusterableReport = {
      id: 'road',
      createdAt: '2026-10-01T00:00:00Z',
      geometry: {
        type: 'LineString',
        coordinates: [
          [12.9, LAT],
          [12.9 + 3000 / KX, LAT],
        ],
      },
    };
    const nearMiddle = at('p', 1500, 200, 2);
    const farAway = at('q', 1500, 800, 3);
    const { localityOf } = clusterReports([road, nearMiddle, farAway], { distanceM: 300 });
    expect(localityOf.get('p')).toBe(localityIdFor('road'));
    expect(localityOf.get('q')).toBe(localityIdFor('q'));
  });

  it('honours the coordinator: merged, split and moved reports stay put, and newcomers join the pinned locality', () => {
    const reports = [at('a', 0, 0, 1), at('b', 100, 0, 2), at('c', 5000, 0, 3)];
    // Merge a+b with c (far apart), then split b out on its own.
    const pins = { a: 'L-a', c: 'L-a', b: 'L-manual-1' };
    const { localityOf, localities } = clusterReports([...reports, at('n', 5050, 0, 9)], { distanceM: 300, pins });
    expect(localityOf.get('a')).toBe('L-a');
    expect(localityOf.get('c')).toBe('L-a');
    expect(localityOf.get('b')).toBe('L-manual-1');
    expect(localityOf.get('n')).toBe('L-a'); // next to c
    expect(localities.every((l) => l.reviewed)).toBe(true);
  });

  it('agrees with Turf clustersDbscan (minPoints 1) on 2,000 random reports', () => {
    const random = seededRandom(11);
    const reports = Array.from({ length: 2000 }, (_, i) => ({
      id: seededUuid(random),
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      geometry: { type: 'Point' as const, coordinates: [12.8 + random() * 0.3, 50.2 + random() * 0.2] },
    }));
    const ours = clusterReports(reports, { distanceM: 400 });
    const turf = clustersDbscan(featureCollection(reports.map((r) => point(r.geometry.coordinates, { id: r.id }))), 0.4, { units: 'kilometers', minPoints: 1 });
    const partition = (groups: string[][]) => groups.map((g) => [...g].sort().join(',')).sort();
    const byTurf = new Map<number, string[]>();
    for (const f of turf.features) {
      const list = byTurf.get(f.properties.cluster!) ?? [];
      list.push(f.properties.id as string);
      byTurf.set(f.properties.cluster!, list);
    }
    // Distances differ by metres between Turf's haversine and our local projection; allow a handful of pairs at the edge.
    const oursSet = new Set(partition(ours.localities.map((l) => l.reportIds)));
    const agreeing = partition([...byTurf.values()]).filter((g) => oursSet.has(g)).length;
    expect(agreeing / byTurf.size).toBeGreaterThan(0.99);
  });
});
