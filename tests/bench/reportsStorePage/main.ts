/**
 * The browser half of tests/bench/reportsStore.bench.ts: saves and reloads demo reports through the app's store
 * (real IndexedDB in Chromium) and, side by side, through raw `idb` calls as a baseline. Returns timings; the Node
 * half prints them.
 */
import { deleteDB, openDB } from 'idb';
import { generateDemoReports } from '../../../src/core/demo/generateDemoReports.ts';
import { ObecIndex } from '../../../src/core/lookup/obecIndex.ts';
import { exportObecFile } from '../../../src/core/obecFile/exportObecFile.ts';
import type { ObceCollection } from '../../../src/core/packs/packFormat.ts';
import type { Report } from '../../../src/core/reports/report.ts';
import { createAppStore, type AppStore } from '../../../src/store/appStore.ts';
import { openReportDatabase } from '../../../src/store/persistence/reportDatabase.ts';

export interface BenchmarkInput {
  obce: ObceCollection;
  krajNuts3: string;
  count: number;
  /** Measured runs per row; the median is reported. */
  runs: number;
}

export interface BenchmarkRow {
  name: string;
  count: number;
  /** Median of the runs, ms. */
  ms: number;
  allMs: number[];
}

export interface BenchmarkResult {
  userAgent: string;
  generated: { count: number; points: number; lines: number; polygons: number; jsonBytes: number };
  store: BenchmarkRow[];
  baseline: BenchmarkRow[];
}

declare global {
  interface Window {
    runReportsStoreBenchmark(input: BenchmarkInput): Promise<BenchmarkResult>;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`benchmark check failed: ${message}`);
}

const memorySettings = () => {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
};

function storeOn(databaseName: string, index: ObecIndex): AppStore {
  return createAppStore({
    settingsStorage: memorySettings(),
    reports: {
      databaseName,
      channelName: null,
      storageManager: null,
      loadIndex: async () => index,
    },
  });
}

let runNumber = 0;
const freshName = (what: string) => `bench-${what}-${Date.now()}-${runNumber++}`;

async function measureStore(reports: Report[], fileText: string, index: ObecIndex, runs: number): Promise<BenchmarkRow[]> {
  const count = reports.length;
  const rows = {
    write: [] as number[],
    reload: [] as number[],
    importFile: [] as number[],
    importAgain: [] as number[],
    edit: [] as number[],
  };
  for (let run = 0; run < runs; run++) {
    // 1. The store's persistence layer writing N reports in one compare-and-set transaction (what a commit does).
    const writeName = freshName('write');
    const opened = await openReportDatabase({ factory: indexedDB, name: writeName });
    check(opened.ok, 'open');
    if (!opened.ok) throw new Error(opened.code);
    rows.write.push(
      await timed(async () => {
        const result = await opened.database.write(reports.map((report) => ({ id: report.id, expected: null, next: { report } })));
        check(result.ok && result.written.length === count, 'all written');
      }),
    );
    opened.database.close();

    // 2. A new store instance reading everything back (start-up of the app).
    const reader = storeOn(writeName, index);
    rows.reload.push(await timed(() => reader.getState().loadReports()));
    check(Object.keys(reader.getState().reports).length === count, 'all read back');
    check(reader.getState().storage.state === 'ready', 'ready after reload');
    reader.getState().closeReports();
    await deleteDB(writeName);

    // 3. The whole import through the store: parse, validate, re-derive places, merge, save, one history entry.
    const importName = freshName('import');
    const importer = storeOn(importName, index);
    await importer.getState().loadReports();
    rows.importFile.push(
      await timed(async () => {
        const summary = await importer.getState().importObecFile(fileText);
        check(summary.ok && summary.added === count, `import added ${summary.added}`);
      }),
    );
    check(importer.getState().storage.state === 'ready', 'ready after import');
    rows.importAgain.push(
      await timed(async () => {
        const summary = await importer.getState().importObecFile(fileText);
        check(summary.ok && summary.unchanged === count && summary.added === 0, 'the same file again changes nothing');
      }),
    );

    // 4. One edit on top of N stored reports (what a person waits for): update, saved, history entry.
    const ids = Object.keys(importer.getState().reports).slice(0, 50);
    const editTimes: number[] = [];
    for (const [k, id] of ids.entries()) {
      editTimes.push(await timed(() => importer.getState().updateReport(id, { affected: { inhabitants: k, households: null } })));
    }
    rows.edit.push(median(editTimes));
    importer.getState().closeReports();
    await deleteDB(importName);
  }
  return [
    { name: `save ${count.toLocaleString('en')} reports (one transaction, compare-and-set)`, count, ms: median(rows.write), allMs: rows.write },
    { name: `reload ${count.toLocaleString('en')} reports (new store instance, read all)`, count, ms: median(rows.reload), allMs: rows.reload },
    {
      name: `import obec file of ${count.toLocaleString('en')} (parse, validate, places, merge, save)`,
      count,
      ms: median(rows.importFile),
      allMs: rows.importFile,
    },
    { name: `import the same file again (all unchanged)`, count, ms: median(rows.importAgain), allMs: rows.importAgain },
    { name: `one edit among ${count.toLocaleString('en')} (updateReport, saved)`, count: 1, ms: median(rows.edit), allMs: rows.edit },
  ];
}

async function measureBaseline(reports: Report[], runs: number): Promise<BenchmarkRow[]> {
  const count = reports.length;
  const put: number[] = [];
  const getAll: number[] = [];
  const single: number[] = [];
  for (let run = 0; run < runs; run++) {
    const name = freshName('raw');
    const database = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('reports', { keyPath: 'id' }) });
    put.push(
      await timed(async () => {
        const transaction = database.transaction('reports', 'readwrite');
        for (const report of reports) void transaction.store.put(report);
        await transaction.done;
      }),
    );
    getAll.push(
      await timed(async () => {
        const all = await database.getAll('reports');
        check(all.length === count, 'raw read back');
      }),
    );
    const times: number[] = [];
    for (const report of reports.slice(0, 50)) times.push(await timed(() => database.put('reports', { ...report, revision: report.revision + 1 })));
    single.push(median(times));
    database.close();
    await deleteDB(name);
  }
  return [
    { name: 'put × N in one transaction', count, ms: median(put), allMs: put },
    { name: 'getAll', count, ms: median(getAll), allMs: getAll },
    { name: '—', count, ms: Number.NaN, allMs: [] },
    { name: '—', count, ms: Number.NaN, allMs: [] },
    { name: 'one put', count: 1, ms: median(single), allMs: single },
  ];
}

window.runReportsStoreBenchmark = async (input) => {
  const index = ObecIndex.fromCollection(input.obce, { coverage: 'pack' });
  const reports = generateDemoReports(index, { count: input.count, seed: 20261125, now: '2026-11-25T12:00:00.000Z', krajNuts3: input.krajNuts3 });
  check(reports.length === input.count, `generated ${reports.length} of ${input.count}`);
  check(
    reports.every((report) => report.demo),
    'demo reports are labelled',
  );
  const fileText = exportObecFile(reports, { obec: null, signOff: null, exportedAt: '2026-11-25T12:00:00.000Z', appVersion: 'bench' });

  // Warm up both paths (JIT, IndexedDB backend) on a small set, unmeasured.
  await measureBaseline(reports.slice(0, 500), 1);
  await measureStore(
    reports.slice(0, 500),
    exportObecFile(reports.slice(0, 500), { obec: null, signOff: null, exportedAt: '2026-11-25T12:00:00.000Z', appVersion: 'bench' }),
    index,
    1,
  );

  const baseline = await measureBaseline(reports, input.runs);
  const store = await measureStore(reports, fileText, index, input.runs);
  const byType = (type: string) => reports.filter((report) => report.geometry.type === type).length;
  return {
    userAgent: navigator.userAgent,
    generated: { count: reports.length, points: byType('Point'), lines: byType('LineString'), polygons: byType('Polygon'), jsonBytes: fileText.length },
    store,
    baseline,
  };
};
