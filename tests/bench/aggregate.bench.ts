/**
 * Aggregation and clustering of 100,000 point reports over all Czechia in Node, side by side in one run with the
 * straightforward Turf approaches (the aggregation timed on a subset: it is slow) and PostGIS. Prints a table; not a test.
 *
 *   node --import tsx tests/bench/aggregate.bench.ts [--reports 100000] [--quick: skip Turf's DBSCAN on all reports]
 *
 * With Debian's postgresql-15-postgis-3 installed, the same join runs in a throw-away PostGIS (support/postgis.ts).
 */
import { booleanPointInPolygon, clustersDbscan, featureCollection, point } from '@turf/turf';
import { aggregateReports } from '../../src/core/aggregate/aggregateReports.ts';
import { clusterReports } from '../../src/core/cluster/clusterReports.ts';
import { ObecIndex } from '../../src/core/lookup/obecIndex.ts';
import { seededRandom, seededUuid } from '../../src/core/random/seededRandom.ts';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import { OPERATOR_CHOICES } from '../../src/core/reports/enumerations.ts';
import type { Report } from '../../src/core/reports/report.ts';
import { readObce } from '../../src/cli/packsOnDisk.ts';
import { startPostgis } from './support/postgis.ts';

const argReports = process.argv.indexOf('--reports');
const COUNT = argReports > 0 ? Number(process.argv[argReports + 1]) : 100_000;
const TURF_AGGREGATE_SUBSET = 300;
const TURF_CLUSTER_SUBSET = 10_000;

const collection = readObce('CZ');
const index = ObecIndex.fromCollection(collection, { coverage: 'country' });
const random = seededRandom(4);
const [west, south, east, north] = index.bbox;
const reports: Report[] = [];
const positions: Array<[number, number]> = [];
while (reports.length < COUNT) {
  const lon = west + (east - west) * random();
  const lat = south + (north - south) * random();
  if (index.findContaining(lon, lat) < 0) continue;
  positions.push([lon, lat]);
  const base = createEmptyReport(
    { type: 'Point', coordinates: [lon, lat] },
    { id: seededUuid(random), now: new Date(Date.UTC(2026, 0, 1) + reports.length * 60_000).toISOString(), demo: true },
  );
  reports.push({
    ...base,
    description: '[DEMO]',
    failures: ['noSignal'],
    operators: [OPERATOR_CHOICES[reports.length % OPERATOR_CHOICES.length]!],
    affected: { inhabitants: reports.length % 50, households: null },
  });
}

function best(run: () => void, runs = 3): number {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

let units = 0;
const byOrp = best(() => (units = aggregateReports(reports, index, { by: 'orp' }).units.length));
const orpUnits = units;
const byObec = best(() => (units = aggregateReports(reports, index, { by: 'obec' }).units.length));
const obecUnits = units;
const byH3 = best(() => (units = aggregateReports(reports, index, { by: 'h3' }).units.length));
const h3Units = units;
const turfAggregate = best(() => {
  const counts = new Map<string, number>();
  for (const position of positions.slice(0, TURF_AGGREGATE_SUBSET)) {
    const feature = collection.features.find((f) => booleanPointInPolygon(position, f));
    if (feature) counts.set(feature.properties.orpKod, (counts.get(feature.properties.orpKod) ?? 0) + 1);
  }
}, 1);

let localities = 0;
const cluster = best(() => (localities = clusterReports(reports, { distanceM: 300 }).localities.length));
const subset = reports.slice(0, TURF_CLUSTER_SUBSET);
const clusterSubset = best(() => clusterReports(subset, { distanceM: 300 }));
const turfCluster = best(
  () => clustersDbscan(featureCollection(positions.slice(0, TURF_CLUSTER_SUBSET).map((p) => point(p))), 0.3, { units: 'kilometers', minPoints: 1 }),
  1,
);
// Turf's DBSCAN grows faster than linearly, so the subset flatters it: time it on all the reports too (about a
// minute here) unless --quick.
const QUICK = process.argv.includes('--quick');
const turfClusterAll = QUICK
  ? null
  : best(() => clustersDbscan(featureCollection(positions.map((p) => point(p))), 0.3, { units: 'kilometers', minPoints: 1 }), 1);

// The same join in PostGIS, if it is installed: obce polygons with a GiST index, the points, ST_Contains, GROUP BY.
let postgisNote = 'PostGIS was not set up in this run';
let postgis: { byOrp: number; byObec: number; version: string } | null = null;
const server = startPostgis();
if ('unavailable' in server) postgisNote = `PostGIS: ${server.unavailable}`;
else {
  try {
    server.sql('CREATE TABLE obce_src (kod text, orp text, gj text); CREATE TABLE pts_src (id int, lon float8, lat float8);');
    server.copy(
      'obce_src',
      ['kod', 'orp', 'gj'],
      collection.features.map((f) => [f.properties.kod, f.properties.orpKod, JSON.stringify(f.geometry)]),
    );
    server.copy(
      'pts_src',
      ['id', 'lon', 'lat'],
      positions.map(([lon, lat], i) => [String(i), String(lon), String(lat)]),
    );
    server.sql(`CREATE TABLE obce AS SELECT kod, orp, ST_SetSRID(ST_GeomFromGeoJSON(gj), 4326) AS geom FROM obce_src;
      CREATE INDEX obce_geom ON obce USING GIST (geom);
      CREATE TABLE pts AS SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM pts_src;
      CREATE INDEX pts_geom ON pts USING GIST (geom);
      VACUUM ANALYZE obce; VACUUM ANALYZE pts;`);
    const byOrpMs = server.time('SELECT o.orp, count(*) FROM pts p JOIN obce o ON ST_Contains(o.geom, p.geom) GROUP BY o.orp');
    const byObecMs = server.time('SELECT o.kod, count(*) FROM pts p JOIN obce o ON ST_Contains(o.geom, p.geom) GROUP BY o.kod');
    const joined = Number(server.sql('SELECT count(*) FROM pts p JOIN obce o ON ST_Contains(o.geom, p.geom)').trim());
    if (joined < COUNT * 0.999) throw new Error(`PostGIS joined only ${joined} of ${COUNT} points`);
    postgis = { byOrp: byOrpMs, byObec: byObecMs, version: server.version };
    postgisNote = `PostGIS ${server.version}, same points and obce (GiST on both, ST_Contains join, GROUP BY; best of 3, psql \\timing; ${joined.toLocaleString('en')} of ${COUNT.toLocaleString('en')} points joined)`;
  } finally {
    server.stop();
  }
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const turfAggregateRate = rate(TURF_AGGREGATE_SUBSET, turfAggregate);
const turfClusterRate = rate(TURF_CLUSTER_SUBSET, turfCluster);
const postgisRate = postgis ? rate(COUNT, postgis.byOrp) : 77_000;
console.log(`\nAggregation and clustering — ${COUNT.toLocaleString('en')} point reports spread over all Czechia (best of 3; Node ${process.version})\n`);
console.log(`| step | reports | ms | reports/s | × Turf | × PostGIS join by ORP (${postgis ? 'measured' : '77k/s given'}) |`);
console.log('|---|---:|---:|---:|---:|---:|');
const row = (name: string, n: number, ms: number, baseline: number | null, vsPostgis = false) => {
  const r = rate(n, ms);
  console.log(
    `| ${name} | ${n.toLocaleString('en')} | ${ms.toFixed(1)} | ${r.toLocaleString('en')} | ${baseline ? (r / baseline).toFixed(0) : '—'} | ${vsPostgis ? (r / postgisRate).toFixed(1) : '—'} |`,
  );
};
row(`Turf booleanPointInPolygon over every obec → ORP (subset)`, TURF_AGGREGATE_SUBSET, turfAggregate, null);
if (postgis) {
  row('PostGIS ST_Contains join, GROUP BY ORP', COUNT, postgis.byOrp, turfAggregateRate, true);
  row('PostGIS ST_Contains join, GROUP BY obec', COUNT, postgis.byObec, turfAggregateRate, true);
}
row(`aggregateReports by ORP (${orpUnits} units)`, COUNT, byOrp, turfAggregateRate, true);
row(`aggregateReports by obec (${obecUnits} units)`, COUNT, byObec, turfAggregateRate, true);
row(`aggregateReports by H3 res 8 (${h3Units} cells)`, COUNT, byH3, turfAggregateRate);
row(`Turf clustersDbscan 300 m, minPoints 1 (subset)`, TURF_CLUSTER_SUBSET, turfCluster, null);
row(`clusterReports 300 m (subset)`, TURF_CLUSTER_SUBSET, clusterSubset, turfClusterRate);
if (turfClusterAll !== null) row(`Turf clustersDbscan 300 m, minPoints 1 (all)`, COUNT, turfClusterAll, null);
row(
  `clusterReports 300 m (${localities.toLocaleString('en')} localities)`,
  COUNT,
  cluster,
  turfClusterAll !== null ? rate(COUNT, turfClusterAll) : turfClusterRate,
);
console.log(`\n${postgisNote}.`);
