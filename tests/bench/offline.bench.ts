/**
 * Field mode offline: the service worker's precache (bytes and files, from the built sw.js) and the time to a usable
 * map (the kraj's boundaries drawn and the map idle) in headless Chromium, side by side in the same run:
 *   - online, first load: a fresh profile, no service worker (cold: every file from the server);
 *   - online, reload with the service worker controlling the page (warm);
 *   - offline, reload with the network cut (Playwright's offline mode): everything from the service worker's caches.
 * Against a production build served by Vite's preview server on this machine (so "online" means a local server:
 * no real network latency; on a phone's weak signal the first load is what grows). Median of several runs.
 * Not a test: it prints a table; the figures go into README.md.
 *
 *   node --import tsx tests/bench/offline.bench.ts [--runs 5]
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS } from '../e2e/browser.ts';
import { offlineStageSizes, printStageTable } from './support/offlineStageSizes.ts';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const RUNS = argument('runs', 5);
const KRAJ = 'CZ041';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'node_modules/.cache/hlucha-mista-bench-offline');

const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
await build({ root, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
process.env.NODE_ENV = nodeEnv;

// ---- precache size: the entries Workbox wrote into sw.js
const sw = readFileSync(resolve(outDir, 'sw.js'), 'utf8');
const urls = [...new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((match) => match[1]!))];
const sizes = urls.map((url) => ({ url, bytes: statSync(resolve(outDir, url)).size }));
const sum = (rows: typeof sizes) => rows.reduce((total, row) => total + row.bytes, 0);
const packs = sizes.filter((row) => row.url.startsWith('packs/'));
const shell = sizes.filter((row) => !row.url.startsWith('packs/'));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

// ---- time to a usable map
const server = await preview({ root, mode: 'production', logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });

/** Milliseconds from the navigation's start until the kraj's boundaries are drawn and the map is idle. */
async function timeToUsableMap(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    (kraj) =>
      document.querySelector(`.map-canvas[data-shown-pack="${kraj}"]`) !== null && document.querySelector('[data-map-idle="true"]') !== null
        ? performance.now()
        : false,
    KRAJ,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function newContext(serviceWorkers: 'allow' | 'block'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', serviceWorkers });
  const base = new URL(url);
  await context.route(
    (requested) => requested.host !== base.host,
    (route) => route.abort(),
  );
  return context;
}

const timings = { onlineCold: [] as number[], onlineWarm: [] as number[], offlineWarm: [] as number[] };
try {
  for (let run = 0; run < RUNS; run++) {
    const cold = await newContext('block');
    const coldPage = await cold.newPage();
    await coldPage.goto(url);
    timings.onlineCold.push(await timeToUsableMap(coldPage));
    await cold.close();

    const warm = await newContext('allow');
    const page = await warm.newPage();
    await page.goto(url);
    await timeToUsableMap(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await timeToUsableMap(page);
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) throw new Error('the service worker does not control the page');
    await page.reload();
    timings.onlineWarm.push(await timeToUsableMap(page));
    await warm.setOffline(true);
    await page.reload();
    timings.offlineWarm.push(await timeToUsableMap(page));
    await warm.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

console.log(`\nOffline app benchmark — production build, ${KRAJ}, headless Chromium, median of ${RUNS} runs\n`);
console.log('| precache | files | bytes |');
console.log('|---|---:|---:|');
console.log(`| app shell (HTML, JS, CSS, MapLibre worker, icons, manifest, schema) | ${shell.length} | ${mb(sum(shell))} |`);
console.log(`| boundary packs (index, kraje of Czechia, ${KRAJ} with address points) | ${packs.length} | ${mb(sum(packs))} |`);
console.log(`| total | ${sizes.length} | ${mb(sum(sizes))} |`);
console.log('');
printStageTable(offlineStageSizes(outDir));
console.log('\nLargest entries:');
for (const row of [...sizes].sort((a, b) => b.bytes - a.bytes).slice(0, 6)) console.log(`  ${row.url}: ${mb(row.bytes)}`);
console.log('\n| time to a usable map (boundaries drawn, map idle) | median ms | all runs (ms) |');
console.log('|---|---:|---|');
const line = (name: string, values: number[]) => console.log(`| ${name} | ${Math.round(median(values))} | ${values.map((v) => Math.round(v)).join(', ')} |`);
line('online, first load (no service worker, cold)', timings.onlineCold);
line('online, reload (service worker, warm)', timings.onlineWarm);
line('offline, reload (service worker, network cut)', timings.offlineWarm);
