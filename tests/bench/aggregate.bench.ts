/**
 * Aggregation and clustering of 100,000 point reports over all Czechia in Node, side by side in one run with the
 * straightforward Turf approaches (timed on subsets: they are slow). Prints a table; not a test.
 *
 *   node --import tsx tests/bench/aggregate.bench.ts [--reports 100000]
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
  const base = createEmptyReport({ type: 'Point', coordinates: [lon, lat] }, { id: seededUuid(random), now: new Date(Date.UTC(2026, 0, 1) + reports.length * 60_000).toISOString(), demo: true });
  reports.push({ ...base, description: '[DEMO]', failures: ['noSignal'], operators: [OPERATOR_CHOICES[reports.length % OPERATOR_CHOICES.length]!], affected: { inhabitants: reports.length % 50, households: null } });
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
const turfCluster = best(() => clustersDbscan(featureCollection(positions.slice(0, TURF_CLUSTER_SUBSET).map((p) => point(p))), 0.3, { units: 'kilometers', minPoints: 1 }), 1);

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const turfAggregateRate = rate(TURF_AGGREGATE_SUBSET, turfAggregate);
const turfClusterRate = rate(TURF_CLUSTER_SUBSET, turfCluster);
console.log(`\nAggregation and clustering — ${COUNT.toLocaleString('en')} point reports spread over all Czechia (best of 3; Node ${process.version})\n`);
console.log('| step | reports | ms | reports/s | × Turf | × PostGIS GiST join (77k/s) |');
console.log('|---|---:|---:|---:|---:|---:|');
const row = (name: string, n: number, ms: number, baseline: number | null) => {
  const r = rate(n, ms);
  console.log(`| ${name} | ${n.toLocaleString('en')} | ${ms.toFixed(1)} | ${r.toLocaleString('en')} | ${baseline ? (r / baseline).toFixed(0) : '—'} | ${baseline === turfAggregateRate ? (r / 77_000).toFixed(1) : '—'} |`);
};
row(`Turf booleanPointInPolygon over every obec → ORP (subset)`, TURF_AGGREGATE_SUBSET, turfAggregate, null);
row(`aggregateReports by ORP (${orpUnits} units)`, COUNT, byOrp, turfAggregateRate);
row(`aggregateReports by obec (${obecUnits} units)`, COUNT, byObec, turfAggregateRate);
row(`aggregateReports by H3 res 8 (${h3Units} cells)`, COUNT, byH3, turfAggregateRate);
row(`Turf clustersDbscan 300 m, minPoints 1 (subset)`, TURF_CLUSTER_SUBSET, turfCluster, null);
row(`clusterReports 300 m (subset)`, TURF_CLUSTER_SUBSET, clusterSubset, turfClusterRate);
row(`clusterReports 300 m (${localities.toLocaleString('en')} localities)`, COUNT, cluster, turfClusterRate);
console.log('\nPostGIS was not set up in this run; the 77k/s reference is the figure given for these machines.');
