/**
 * A NetTest month in the real app, in headless Chromium: a generated 1,000,000-row export chosen in "Přehled kraje"
 * → the import worker → the summary, the hexagons and the locality analysis. Prints how long it took and what the
 * page's main thread went through meanwhile (the longest task and the time blocked in tasks over 50 ms, from the
 * Long Tasks API): the page must stay responsive. Not a test: no pass/fail.
 *
 *   node --import tsx tests/bench/nettestBrowser.bench.ts [--rows 1000000]
 *
 * The app is built with Vite (mode "e2e") into node_modules/.cache and served by Vite's preview server on a free
 * port; Chromium is Debian's (/work/shared/BROWSER-TESTING.md).
 */
import { buildAndServeApp } from './support/appServer.ts';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { seededRandom } from '../../src/core/random/seededRandom.ts';
import { CHROMIUM_ARGS } from '../e2e/browser.ts';
import { NETTEST_HEADER } from '../support/nettestGenerator.ts';

const at = process.argv.indexOf('--rows');
const ROWS = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;

// The export: mobile rows over the Karlovarský and Ústecký kraje, the column set of open-rmbt.
const random = seededRandom(5);
const lines = [NETTEST_HEADER];
const operators = ['230-01', '230-02', '230-03'];
for (let i = 0; i < ROWS; i++) {
  const lat = (50.0 + random() * 0.8).toFixed(6);
  const lon = (12.2 + random() * 1.8).toFixed(6);
  const type = i % 5 === 0 ? 'NR NSA' : 'LTE';
  lines.push(
    `P${i},O${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000,2026-10-${String(1 + (i % 28)).padStart(2, '0')} 12:${String(i % 60).padStart(2, '0')}:00,4G,${type},${lat},${lon},gps,${(5 + random() * 40).toFixed(1)},,,CZ,${Math.floor(random() * 80000)},${Math.floor(random() * 20000)},${(20 + random() * 60).toFixed(1)},${-70 - Math.floor(random() * 60)},-10,server,7,3,Android,model,1.0,${operators[i % 3]},op,${operators[i % 3]},nat,1234,1.2.3.0,,,false,,false,,,,,,,,,,,,,`,
  );
}
const file = join(mkdtempSync(join(tmpdir(), 'hm-bench-nettest-')), 'nettest-2026-10.csv');
writeFileSync(file, `${lines.join('\r\n')}\r\n`);
lines.length = 0;
const megabytes = statSync(file).size / 1024 / 1024;

const root = resolve(import.meta.dirname, '../..');
const server = await buildAndServeApp('hlucha-mista-bench-measurements');
const url = server.url;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.getByRole('group', { name: 'Pohled' }).getByRole('button', { name: 'Přehled kraje' }).click();
  const panel = page.getByRole('complementary').getByRole('region', { name: 'Měření NetTest' });
  await panel.waitFor();
  await page.evaluate(() => {
    const tasks: number[] = [];
    const when: string[] = [];
    (window as unknown as { longTasks: number[]; when: string[] }).longTasks = tasks;
    (window as unknown as { longTasks: number[]; when: string[] }).when = when;
    const t0 = performance.now();
    new PerformanceObserver((list) =>
      list.getEntries().forEach((entry) => (tasks.push(entry.duration), when.push(`task ${(entry.startTime - t0).toFixed(0)}+${entry.duration.toFixed(0)}`))),
    ).observe({ type: 'longtask', buffered: false });
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="measurement-summary"]') && !when.some((w) => w.startsWith('summary')))
        when.push(`summary ${(performance.now() - t0).toFixed(0)}`);
      if (Number(document.querySelector('.map-canvas')?.getAttribute('data-measurement-cells') ?? 0) > 0 && !when.some((w) => w.startsWith('cells')))
        when.push(`cells ${(performance.now() - t0).toFixed(0)}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const profiling = process.argv.includes('--profile') ? await page.context().newCDPSession(page) : null;
  if (profiling) {
    await profiling.send('Profiler.enable');
    await profiling.send('Profiler.start');
  }
  const started = Date.now();
  await panel.getByLabel('Importovat měření NetTest').setInputFiles(file);
  await panel.getByTestId('measurement-summary').waitFor({ timeout: 600_000 });
  const importMs = Date.now() - started;
  const summary = (await panel.getByTestId('measurement-summary').textContent()) ?? '';
  await page.waitForFunction(() => Number(document.querySelector('.map-canvas')?.getAttribute('data-measurement-cells') ?? 0) > 0, undefined, {
    timeout: 600_000,
  });
  const cellsMs = Date.now() - started;
  const cells = await page.locator('.map-canvas').getAttribute('data-measurement-cells');
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  if (profiling) {
    // The main thread's heaviest functions (self time), to see what blocks it.
    const { profile } = (await profiling.send('Profiler.stop')) as {
      profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples: number[]; timeDeltas: number[] };
    };
    const self = new Map<number, number>();
    profile.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000));
    const byName = new Map<string, number>();
    for (const node of profile.nodes) {
      const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
      byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
    }
    console.log(
      [...byName]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([name, ms]) => `${ms.toFixed(0)} ms ${name}`)
        .join('\n'),
    );
  }
  console.log(`\nNetTest import in Chromium — ${ROWS.toLocaleString('en')} rows, ${megabytes.toFixed(0)} MB CSV, chosen in "Přehled kraje"`);
  console.log(summary.replace(/\s+/g, ' ').slice(0, 300));
  console.log('\n| what | measured |');
  console.log('|---|---:|');
  console.log(`| file chosen → summary shown (worker: stream, parse, classify, columns; stored in IndexedDB) | ${(importMs / 1000).toFixed(1)} s |`);
  console.log(`| file chosen → ${cells} hexagons on the map | ${(cellsMs / 1000).toFixed(1)} s |`);
  console.log(
    `| main thread: tasks over 50 ms / longest / total | ${tasks.length} / ${Math.max(0, ...tasks).toFixed(0)} ms / ${tasks.reduce((s, t) => s + t, 0).toFixed(0)} ms |`,
  );
  if (process.argv.includes('--timeline')) console.log(await page.evaluate(() => (window as unknown as { when: string[] }).when.join('\n')));
  if (errors.length > 0) console.warn('Page errors:', errors);
} finally {
  await browser.close();
  await server.close();
}
