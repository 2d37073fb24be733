/**
 * Lookup throughput on the real boundaries: 100,000 random points over all Czechia, side by side in one run
 * with the naive approach (Turf point-in-polygon over every obec, timed on a subset) and with the CLI's
 * `lookup --batch` end to end. Prints a table; the figures go into README.md. Not a test: no pass/fail.
 *
 *   npm run bench            (or: node --import tsx tests/bench/lookup.bench.ts [--points 100000])
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { lonLat } from '../../src/core/geo/coordinates.ts';
import { ObecIndex } from '../../src/core/lookup/obecIndex.ts';
import { lookupPoint } from '../../src/core/lookup/lookupPoint.ts';
import { readObce } from '../../src/cli/packsOnDisk.ts';
import { seededRandom } from '../../src/core/random/seededRandom.ts';

const argPoints = process.argv.indexOf('--points');
const POINTS = argPoints > 0 ? Number(process.argv[argPoints + 1]) : 100_000;
const NAIVE_POINTS = 300;

function time<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

const collection = readObce('CZ');
const build = time(() => ObecIndex.fromCollection(collection, { coverage: 'country' }));
const index = build.result;
const [west, south, east, north] = index.bbox;
const next = seededRandom(20261125);
const points = new Float64Array(POINTS * 2);
for (let i = 0; i < POINTS; i++) {
  points[2 * i] = west + (east - west) * next();
  points[2 * i + 1] = south + (north - south) * next();
}

// Warm up the JIT on a different slice, then measure.
for (let i = 0; i < 20_000; i++) index.findContaining(points[(2 * i) % points.length]!, points[(2 * i + 1) % points.length]!);

const indexed = time(() => {
  let inside = 0;
  for (let i = 0; i < POINTS; i++) if (index.findContaining(points[2 * i]!, points[2 * i + 1]!) >= 0) inside++;
  return inside;
});

const described = time(() => {
  let inside = 0;
  for (let i = 0; i < POINTS; i++) if (lookupPoint(index, lonLat(points[2 * i]!, points[2 * i + 1]!)).ok) inside++;
  return inside;
});

const features = collection.features;
const naive = time(() => {
  let inside = 0;
  for (let i = 0; i < NAIVE_POINTS; i++) {
    const point = [points[2 * i]!, points[2 * i + 1]!];
    for (const feature of features) {
      if (booleanPointInPolygon(point, feature)) {
        inside++;
        break;
      }
    }
  }
  return inside;
});
// The same subset through the index, to check both agree on what is inside.
let indexedSubset = 0;
for (let i = 0; i < NAIVE_POINTS; i++) if (index.findContaining(points[2 * i]!, points[2 * i + 1]!) >= 0) indexedSubset++;

// End to end through the CLI (process start, pack load, parsing, JSON out) on the same points.
const cliInput = Array.from({ length: POINTS }, (_, i) => `${points[2 * i]!.toFixed(6)},${points[2 * i + 1]!.toFixed(6)}`).join('\n');
const cli = time(() =>
  spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs'), 'lookup', '--batch'], {
    input: cliInput,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  }),
);
const cliLines = cli.result.stdout.trimEnd().split('\n').length;

const rate = (count: number, ms: number) => (count / ms) * 1000;
const naiveRate = rate(NAIVE_POINTS, naive.ms);
const rows: Array<[string, number, number, number]> = [
  ['naive: Turf booleanPointInPolygon over every obec', NAIVE_POINTS, naive.ms, naiveRate],
  ['ObecIndex.findContaining (grid + R-tree + ray crossing)', POINTS, indexed.ms, rate(POINTS, indexed.ms)],
  ['lookupPoint (+ codes, WGS84 → S-JTSK via proj4)', POINTS, described.ms, rate(POINTS, described.ms)],
  ['CLI `lookup --batch` end to end (incl. start-up)', cliLines, cli.ms, rate(cliLines, cli.ms)],
];
const POSTGIS_REFERENCE = 77_000;

console.log(
  `\nLookup benchmark — ${features.length} obce (${index.size} indexed in ${build.ms.toFixed(0)} ms), ${POINTS.toLocaleString('en')} random points in the bbox of Czechia`,
);
console.log(
  `Inside an obec: ${indexed.result.toLocaleString('en')} of ${POINTS.toLocaleString('en')}; naive subset ${naive.result}/${NAIVE_POINTS}, index on the same subset ${indexedSubset}/${NAIVE_POINTS}`,
);
console.log(`Node ${process.version}, ${process.arch}\n`);
console.log('| method | points | time (ms) | points/s | × naive | × PostGIS GiST (77k/s) |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, count, ms, r] of rows) {
  console.log(
    `| ${name} | ${count.toLocaleString('en')} | ${ms.toFixed(1)} | ${Math.round(r).toLocaleString('en')} | ${(r / naiveRate).toFixed(0)} | ${(r / POSTGIS_REFERENCE).toFixed(1)} |`,
  );
}
if (naive.result !== indexedSubset) console.log('\nWARNING: the naive loop and the index disagree on the subset.');
console.log(`\nHeap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`);
