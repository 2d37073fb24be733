/**
 * The mayor's first screen on a weak signal: time from navigation to the kraj's boundaries drawn and the map idle,
 * the app against a bare MapLibre page that draws the same CZ041 obce/ORP/kraj GeoJSON, measured in the same run.
 *
 * Both are production builds served with gzip by a local static server (support/gzipStaticServer.ts); each run is a
 * fresh Chromium context (phone: 390 × 844, touch, no service worker, empty cache) whose network is throttled through
 * CDP `Network.emulateNetworkConditions` to Lighthouse's mobile profile: 1.6 Mbit/s down, 750 kbit/s up, 150 ms
 * round trip. Pages alternate (bare, app, bare, app, …) so that the machine's load falls on both alike; the table
 * gives the medians, the bytes that crossed the network before the map was usable and the ratio app / bare.
 * Not a test: it prints a table; the figures go into README.md ("Fast on a weak signal").
 *
 *   node --import tsx tests/bench/firstMap.bench.ts [--runs 5] [--app DIR] [--requests] [--profile FILE] [--no-throttle] [--basemap]
 *
 * `--app DIR` measures the app of another checkout (e.g. an export of main, for before/after figures; it needs its
 * node_modules and public/packs); `--requests` lists what each page fetched before its map was usable (last run);
 * `--profile FILE` records a CPU profile of each page's main thread in the last run (FILE-bare.cpuprofile,
 * FILE-app.cpuprofile, opened in Chrome's DevTools) and prints where the time went, by function and by file.
 * `--basemap` gives the app a working web base map, as online it has one by default: a local tile server (the kraj's
 * own, through `basemap.json`) whose tiles are ~25 KB each, as ČÚZK's ZTM tiles are, throttled like the rest; the
 * table then also gives the time until the base map is drawn (its first tiles in, the map idle again). Without it
 * the bench's tile hosts do not resolve (no internet here) and the app falls back to its offline map.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { basename, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS } from '../e2e/browser.ts';
import { serveStatic, type StaticServer } from './support/gzipStaticServer.ts';

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const RUNS = Number(argument('runs', '5'));
const KRAJ = 'CZ041';
const THROTTLED = !flag('no-throttle');
const PROFILE = flag('profile') ? argument('profile', 'firstMap') : null;
const BASEMAP = flag('basemap');
/** Lighthouse's mobile profile ("slow 4G"), as the issue states it. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1_000_000) / 8, uploadThroughput: (750 * 1_000) / 8 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 } as const;

const root = resolve(import.meta.dirname, '../..');
const appRoot = resolve(argument('app', root));
const cache = resolve(root, 'node_modules/.cache/hlucha-mista-bench-firstmap');
const appOut = resolve(cache, 'app');
const bareOut = resolve(cache, 'bare');

// ---- build both pages
const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
try {
  await build({ root: appRoot, mode: 'production', logLevel: 'warn', build: { outDir: appOut, emptyOutDir: true, sourcemap: false } });
  await build({
    root: resolve(import.meta.dirname, 'firstMapBare'),
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: { outDir: bareOut, emptyOutDir: true, target: 'es2022', sourcemap: false },
  });
} finally {
  process.env.NODE_ENV = nodeEnv;
}

// ---- a web base map (--basemap): a tile server on this machine, named by the app's basemap.json
/** A 256 × 256 PNG of ~25 KB (noise in a band, so that it does not compress away), like a real map tile. */
function realisticTile(): Buffer {
  const size = 256;
  const raw = Buffer.alloc((size * 3 + 1) * size);
  let seed = 42;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    for (let x = 0; x < size * 3; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      raw[row + 1 + x] = y < 80 ? seed & 0xff : 200;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]); // CRC not checked by Chromium
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const tileServer = BASEMAP
  ? await new Promise<{ url: string; close(): Promise<void> }>((resolveServer) => {
      const tile = realisticTile();
      const server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' }).end(tile);
      });
      server.listen(0, '127.0.0.1', () =>
        resolveServer({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((done) => server.close(() => done())) }),
      );
    })
  : null;
if (tileServer) {
  const config = {
    default: 'kraj',
    kraj: {
      label: { cs: 'Mapa kraje', en: 'Regional map' },
      tiles: [`${tileServer.url}/{z}/{x}/{y}.png`],
      attribution: 'bench',
      minzoom: 0,
      maxzoom: 19,
      tileSize: 256,
      offlineAllowed: false,
    },
  };
  writeFileSync(resolve(appOut, 'basemap.json'), JSON.stringify(config));
}

type Page_ = 'bare' | 'app';
interface Sample {
  ms: number;
  /** --basemap: until the base map's tiles are drawn (status ok, the map idle). */
  basemapMs?: number;
  bytes: number;
  requests: number;
  fetched: Array<{ path: string; bytes: number; at: number }>;
  /** The map's state changes and the main thread's long tasks, for `--requests`. */
  trace: string[];
  /** The main thread's CPU profile (`--profile`, last run only). */
  profile?: CpuProfile;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** Records, in the page, when the map's container changes state and how long the main thread was blocked. */
function tracePage() {
  const trace: string[] = [];
  (window as unknown as { __firstMapTrace: string[] }).__firstMapTrace = trace;
  let blocked = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) blocked += entry.duration;
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    for (const record of records) {
      const element = record.target as HTMLElement;
      const value = element.getAttribute(record.attributeName!);
      if (value !== record.oldValue)
        trace.push(`${Math.round(performance.now())} ms: ${record.attributeName}=${value} (long tasks so far ${Math.round(blocked)} ms)`);
    }
  }).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-shown-pack', 'data-map-idle', 'data-ready'] });
}

async function measure(browser: Browser, which: Page_, server: StaticServer, profiled = false): Promise<Sample> {
  const context = await browser.newContext({ ...PHONE, locale: 'cs-CZ', serviceWorkers: 'block' });
  await context.addInitScript(tracePage);
  try {
    const page: Page = await context.newPage();
    const session = await context.newCDPSession(page);
    await session.send('Network.enable');
    if (THROTTLED) await session.send('Network.emulateNetworkConditions', NETWORK);
    if (profiled) {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 500 });
      await session.send('Profiler.start');
    }
    server.takeLog();
    const started = Date.now();
    await page.goto(server.url, { waitUntil: 'commit' });
    const handle =
      which === 'bare'
        ? await page.waitForFunction(() => Number(document.documentElement.dataset.ready) || false, undefined, { polling: 'raf', timeout: 120_000 })
        : await page.waitForFunction(
            (kraj) =>
              document.querySelector(`.map-canvas[data-shown-pack="${kraj}"]`) !== null && document.querySelector('.map-canvas[data-map-idle="true"]') !== null
                ? performance.now()
                : false,
            KRAJ,
            { polling: 'raf', timeout: 120_000 },
          );
    const ms = (await handle.jsonValue()) as number;
    const basemapMs =
      which === 'app' && BASEMAP
        ? ((await (
            await page.waitForFunction(
              () => (document.querySelector('.map-canvas[data-basemap-status="ok"][data-map-idle="true"]') !== null ? performance.now() : false),
              undefined,
              { polling: 'raf', timeout: 120_000 },
            )
          ).jsonValue()) as number)
        : undefined;
    // Counted at the server: the requests of the page's workers (MapLibre's) are not in the page's CDP events.
    const fetched = server.takeLog().map((row) => ({ ...row, at: row.at - started }));
    const profile = profiled ? ((await session.send('Profiler.stop')).profile as CpuProfile) : undefined;
    const trace = await page.evaluate(() => (window as unknown as { __firstMapTrace: string[] }).__firstMapTrace);
    return { ms, basemapMs, bytes: fetched.reduce((sum, row) => sum + row.bytes, 0), requests: fetched.length, fetched, trace, profile };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const servers = {
  bare: await serveStatic(bareOut, { '/packs/': resolve(root, 'public/packs') }),
  app: await serveStatic(appOut),
};
// No host but this machine resolves (Playwright's request routing would turn the HTTP cache off, so it is not used).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  headless: true,
});
const samples: Record<Page_, Sample[]> = { bare: [], app: [] };
try {
  // One run of each first, not counted: the first context of a fresh browser starts slower.
  for (const which of ['bare', 'app'] as const) await measure(browser, which, servers[which]);
  for (let run = 0; run < RUNS; run++) {
    for (const which of ['bare', 'app'] as const) samples[which].push(await measure(browser, which, servers[which], PROFILE !== null && run === RUNS - 1));
  }
} finally {
  await browser.close();
  await servers.bare.close();
  await servers.app.close();
  await tileServer?.close();
}

const kb = (bytes: number) => `${Math.round(bytes / 1000).toLocaleString('en')} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const bare = median(samples.bare.map((sample) => sample.ms));
const app = median(samples.app.map((sample) => sample.ms));
console.log(
  `\nFirst map on a weak signal — production builds served with gzip, ${KRAJ}, phone 390 × 844, no service worker, ` +
    (THROTTLED ? '1.6 Mbit/s down, 150 ms RTT (CDP)' : 'no throttling') +
    `, median of ${RUNS} runs${appRoot === root ? '' : ` (app from ${argument('app', '')})`}\n`,
);
console.log('| page | bytes before usable map (requests) | time to usable map | all runs | × bare |');
console.log('|---|---:|---:|---|---:|');
for (const which of ['bare', 'app'] as const) {
  const rows = samples[which];
  const time = median(rows.map((row) => row.ms));
  console.log(
    `| ${which === 'bare' ? 'bare MapLibre + CZ041 boundaries' : 'Hluchá místa'} | ${kb(median(rows.map((row) => row.bytes)))} (${median(rows.map((row) => row.requests))}) | ` +
      `${s(time)} | ${rows.map((row) => (row.ms / 1000).toFixed(2)).join(', ')} | ${(time / bare).toFixed(2)}× |`,
  );
}
console.log(`\nGoal: app ≤ 1.3× bare — ${app / bare <= 1.3 ? 'met' : 'not met'} (${(app / bare).toFixed(2)}×).`);
if (BASEMAP) {
  const drawn = samples.app.map((row) => row.basemapMs ?? Number.NaN);
  console.log(
    `App with the kraj's web base map (~25 KB tiles): base map drawn at ${s(median(drawn))} (${drawn.map((ms) => (ms / 1000).toFixed(2)).join(', ')}).`,
  );
}
if (flag('requests')) {
  for (const which of ['bare', 'app'] as const) {
    console.log(`\nFetched by the ${which} page before its map was usable (last run):`);
    for (const line of samples[which].at(-1)!.trace) console.log(`  ${line}`);
    for (const row of samples[which].at(-1)!.fetched)
      console.log(`  ${kb(row.bytes).padStart(9)}  at ${String(row.at).padStart(5)} ms (requested)  ${row.path}`);
  }
}

/** Self time of a CPU profile, summed by function (name, file, line) and by file; the top `count` of each. */
function profileSummary(profile: CpuProfile, count: number): string[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const frame = byNode.get(id)!.callFrame;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const file = frame.url ? basename(frame.url.split('?')[0]!) : frame.functionName;
    if (frame.functionName === '(idle)') return;
    total += ms;
    const name = `${frame.functionName || '(anonymous)'} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  });
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, ms]) => `  ${String(Math.round(ms)).padStart(6)} ms  ${name}`);
  return [`busy (not idle) ${Math.round(total)} ms; by file:`, ...top(byFile), 'by function (self time):', ...top(byFunction)];
}

if (PROFILE !== null) {
  for (const which of ['bare', 'app'] as const) {
    const profile = samples[which].at(-1)!.profile!;
    writeFileSync(`${PROFILE}-${which}.cpuprofile`, JSON.stringify(profile));
    console.log(`\nMain thread of the ${which} page until its map was usable (last run, ${PROFILE}-${which}.cpuprofile):`);
    for (const line of profileSummary(profile, 25)) console.log(line);
  }
}
