/**
 * The map with 50,000 reports (issue 4: "the map stays responsive with 50,000 reports loaded"), in headless
 * Chromium on the real app (a production build), side by side with the same app and the same gestures with no
 * reports, in one run:
 *   - the bulk import of the reports as obec files dropped into "Přehled kraje" (import, store, clustering and
 *     aggregation in the worker): wall time, and the longest main-thread block meanwhile;
 *   - panning and zooming the map in both views: frame intervals (median, 95th percentile, longest) and long tasks.
 * Chromium draws with SwiftShader here (software WebGL on 2 shared cores), so absolute frame rates are far below a
 * real device's; the ratio to the empty map is the figure to read. Prints a table; not a test.
 *
 *   node --import tsx tests/bench/mapResponsiveness.bench.ts [--reports 50000] [--wait 900]
 */
import { buildAndServeApp } from './support/appServer.ts';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { generateDemoReports } from '../../src/core/demo/generateDemoReports.ts';
import { ObecIndex } from '../../src/core/lookup/obecIndex.ts';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { readObce } from '../../src/cli/packsOnDisk.ts';
import { CHROMIUM_ARGS, dropFiles } from '../e2e/browser.ts';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const COUNT = argument('reports', 50_000);
/** How long the import and the analysis may take before the run gives up and says what the page showed (s). */
const WAIT_S = argument('wait', 900);
const PER_FILE = 10_000;
const now = '2026-11-25T10:00:00.000Z';

const root = resolve(import.meta.dirname, '../..');
const server = await buildAndServeApp('hlucha-mista-bench-app');
const url = server.url;

const index = ObecIndex.fromCollection(readObce('CZ041'), { coverage: 'pack' });
const reports = generateDemoReports(index, { count: COUNT, seed: 11, now, krajNuts3: 'CZ041' });
const files: Array<{ name: string; text: string }> = [];
for (let start = 0; start < reports.length; start += PER_FILE) {
  files.push({
    name: `hlaseni-${start / PER_FILE + 1}.geojson`,
    text: exportObecFile(reports.slice(start, start + PER_FILE), { obec: null, signOff: null, exportedAt: now, appVersion: 'bench' }),
  });
}

interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  longTasks: number;
  longTaskMs: number;
}

/** Starts recording frame intervals (requestAnimationFrame) and long tasks in the page. */
async function startRecording(page: Page): Promise<void> {
  // A string, not a function: tsx wraps named functions with a helper the page does not have.
  await page.evaluate(`(() => {
    const bench = { frames: [], longTasks: [], running: true };
    window.__bench = bench;
    let last = performance.now();
    function tick(t) {
      bench.frames.push(t - last);
      last = t;
      if (bench.running) requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  })()`);
}

async function stopRecording(page: Page): Promise<FrameStats> {
  const { frames, longTasks } = (await page.evaluate(`(() => {
    window.__bench.running = false;
    return { frames: window.__bench.frames.slice(1), longTasks: window.__bench.longTasks };
  })()`)) as { frames: number[]; longTasks: number[] };
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    frames: frames.length,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    maxMs: sorted[sorted.length - 1] ?? NaN,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
  };
}

async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.map-canvas')?.getAttribute('data-map-idle') === 'true', undefined, { timeout: 300_000 });
}

/** Pans four times and zooms in and out with the wheel over the map, as a person exploring it. */
async function gestures(page: Page): Promise<FrameStats> {
  const box = (await page.locator('.map-canvas canvas').first().boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await startRecording(page);
  for (const [dx, dy] of [
    [200, 0],
    [0, 150],
    [-200, 0],
    [0, -150],
  ] as const) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let step = 1; step <= 20; step++) await page.mouse.move(cx + (dx * step) / 20, cy + (dy * step) / 20);
    await page.mouse.up();
  }
  for (const delta of [-300, -300, -300, 300, 300, 300]) {
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, delta);
    await page.waitForTimeout(150);
  }
  await waitIdle(page);
  return stopRecording(page);
}

async function chooseView(page: Page, name: 'Hlášení' | 'Přehled kraje'): Promise<void> {
  await page.getByRole('group', { name: 'Pohled' }).getByRole('button', { name, exact: true }).click();
  await waitIdle(page);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
const rows: Array<{ what: string; empty: FrameStats | null; loaded: FrameStats; extra?: string }> = [];
try {
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ' });
    await context.route(
      (u) => u.host !== new URL(url).host,
      (route) => route.abort(),
    );
    const page = await context.newPage();
    await page.goto(url);
    await waitIdle(page);
    return page;
  };
  // The empty app: the same gestures in both views.
  console.error('empty app…');
  const empty = await open();
  const emptyReports = await gestures(empty);
  await chooseView(empty, 'Přehled kraje');
  const emptyOverview = await gestures(empty);
  await empty.context().close();

  console.error(`dropping ${files.length} obec files…`);
  const page = await open();
  await chooseView(page, 'Přehled kraje');
  await startRecording(page);
  const started = performance.now();
  await dropFiles(page, files);
  await page
    .getByRole('status')
    .filter({ hasText: `Importováno souborů: ${files.length}` })
    .waitFor({ timeout: WAIT_S * 1000 });
  console.error(`imported after ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const imported = performance.now() - started;
  // The toolbar's status: "50000 z 50000 hlášení, N lokalit" once the worker has analysed them all.
  try {
    await page
      .getByRole('status')
      .filter({ hasText: `${COUNT} z ${COUNT} hlášení` })
      .waitFor({ timeout: WAIT_S * 1000 });
  } catch (error) {
    console.error('status texts:', await page.getByRole('status').allTextContents());
    await page.screenshot({ path: resolve(root, 'tests/e2e/screenshots/bench-50k-timeout.png') });
    throw error;
  }
  await waitIdle(page);
  const analysed = performance.now() - started;
  const duringImport = await stopRecording(page);
  const localities = (
    await page
      .getByRole('status')
      .filter({ hasText: /hlášení, \d+ lokalit/ })
      .first()
      .textContent()
  )?.match(/(\d+) lokalit/)?.[1];
  rows.push({
    what: `import ${files.length} obec files (${COUNT.toLocaleString('en')} reports) and analyse`,
    empty: null,
    loaded: duringImport,
    extra: `import ${(imported / 1000).toFixed(1)} s, analysed ${(analysed / 1000).toFixed(1)} s, ${localities} localities`,
  });
  const overview = await gestures(page);
  rows.push({ what: 'pan and zoom, "Přehled kraje" (choropleth, localities)', empty: emptyOverview, loaded: overview });
  await chooseView(page, 'Hlášení');
  await page.waitForFunction((n) => document.querySelector('.map-canvas')?.getAttribute('data-report-count') === String(n), COUNT, { timeout: 120_000 });
  const reportsView = await gestures(page);
  rows.push({ what: `pan and zoom, "Hlášení" (${COUNT.toLocaleString('en')} reports, clustered below zoom 13)`, empty: emptyReports, loaded: reportsView });
  await page.screenshot({ path: resolve(root, 'tests/e2e/screenshots/bench-50k-reports.png') });
} finally {
  await browser.close();
  await server.close();
}

const f = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');
console.log(`\nThe map with ${COUNT.toLocaleString('en')} reports — headless Chromium ${browser.version()} (SwiftShader), 1280×800, Node ${process.version}\n`);
console.log('| what | frames | median frame ms | p95 ms | longest ms | long tasks (ms) | empty app: median / p95 / longest | note |');
console.log('|---|---:|---:|---:|---:|---:|---|---|');
for (const row of rows) {
  const e = row.empty ? `${f(row.empty.medianMs)} / ${f(row.empty.p95Ms)} / ${f(row.empty.maxMs)}` : '—';
  console.log(
    `| ${row.what} | ${row.loaded.frames} | ${f(row.loaded.medianMs)} | ${f(row.loaded.p95Ms)} | ${f(row.loaded.maxMs)} | ${row.loaded.longTasks} (${f(row.loaded.longTaskMs)}) | ${e} | ${row.extra ?? ''} |`,
  );
}
