/**
 * Saving and reloading 10,000 reports through the store and IndexedDB, in headless Chromium (real IndexedDB),
 * side by side with raw `idb` calls on the same records as a baseline. Demo reports (demo: true) from
 * src/core/demo on the Karlovarský kraj's real boundaries. Prints a table; the figures go into README.md.
 * Not a test: no pass/fail, but it says whether each row met the goal (under one second).
 *
 *   node --import tsx tests/bench/reportsStore.bench.ts [--count 10000] [--runs 3]
 *
 * The page (tests/bench/reportsStorePage/) is built with Vite into node_modules/.cache and served by Vite's
 * preview server on a free port; Chromium is Debian's (/work/shared/BROWSER-TESTING.md).
 */
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { readObce } from '../../src/cli/packsOnDisk.ts';
import type { BenchmarkResult, BenchmarkRow } from './reportsStorePage/main.ts';
import { CHROMIUM_ARGS } from '../e2e/browser.ts';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const COUNT = argument('count', 10_000);
const RUNS = argument('runs', 3);
const KRAJ = 'CZ041';
const GOAL_MS = 1000;

const root = resolve(import.meta.dirname, 'reportsStorePage');
const outDir = resolve(import.meta.dirname, '../../node_modules/.cache/hlucha-mista-bench-reports');

const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
await build({ root, configFile: false, logLevel: 'warn', publicDir: false, build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false } });
process.env.NODE_ENV = nodeEnv;
const server = await preview({ root, configFile: false, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
let result: BenchmarkResult;
try {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => typeof window.runReportsStoreBenchmark === 'function');
  result = await page.evaluate((input) => window.runReportsStoreBenchmark(input), { obce: readObce(KRAJ), krajNuts3: KRAJ, count: COUNT, runs: RUNS });
  if (errors.length > 0) console.warn('Page errors:', errors);
} finally {
  await browser.close();
  await server.close();
}

const rate = (row: BenchmarkRow) => (Number.isNaN(row.ms) ? '—' : Math.round((row.count / row.ms) * 1000).toLocaleString('en'));
const ms = (row: BenchmarkRow) => (Number.isNaN(row.ms) ? '—' : row.ms.toFixed(1));
const goal = (row: BenchmarkRow) => (Number.isNaN(row.ms) ? '' : row.ms < GOAL_MS ? 'yes' : '**no**');

const { generated } = result;
console.log(
  `\nReports store benchmark — ${generated.count.toLocaleString('en')} demo reports in ${KRAJ} (${generated.points} points, ${generated.lines} lines, ${generated.polygons} polygons; obec file ${(generated.jsonBytes / 1024 / 1024).toFixed(1)} MB), median of ${RUNS} runs`,
);
console.log(`${result.userAgent}\n`);
console.log('| through the store | ms | reports/s | < 1 s | raw idb baseline | ms | reports/s |');
console.log('|---|---:|---:|:---:|---|---:|---:|');
result.store.forEach((row, i) => {
  const base = result.baseline[i]!;
  console.log(`| ${row.name} | ${ms(row)} | ${rate(row)} | ${goal(row)} | ${base.name} | ${ms(base)} | ${rate(base)} |`);
});
console.log('\nAll runs (ms):');
for (const row of [...result.store, ...result.baseline]) if (row.allMs.length) console.log(`  ${row.name}: ${row.allMs.map((v) => v.toFixed(0)).join(', ')}`);
