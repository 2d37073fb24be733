/**
 * Validating an obec file of 10,000 reports in Node (issue: under one second), side by side with the floor
 * (JSON.parse alone) and with the published JSON Schema through Ajv. Prints a table; not a test.
 *
 *   node --import tsx tests/bench/obecFile.bench.ts [--reports 10000]
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateDemoReports } from '../../src/core/demo/generateDemoReports.ts';
import { ObecIndex } from '../../src/core/lookup/obecIndex.ts';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { parseObecFile } from '../../src/core/obecFile/parseObecFile.ts';
import { readObce } from '../../src/cli/packsOnDisk.ts';

const argReports = process.argv.indexOf('--reports');
const COUNT = argReports > 0 ? Number(process.argv[argReports + 1]) : 10_000;
const RUNS = 5;

const index = ObecIndex.fromCollection(readObce('CZ041'), { coverage: 'pack' });
const generated = performance.now();
const reports = generateDemoReports(index, { count: COUNT, seed: 1, now: '2026-11-25T10:00:00.000Z', krajNuts3: 'CZ041' });
const generateMs = performance.now() - generated;
const text = exportObecFile(reports, { obec: null, signOff: null, exportedAt: '2026-11-25T10:00:00.000Z', appVersion: 'bench' });

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../public/schema/obec-file.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateBySchema = ajv.compile(schema);

function median(run: () => void): number {
  const times: number[] = [];
  run(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

let accepted = 0;
const rows: Array<[string, number]> = [
  ['JSON.parse alone (floor)', median(() => void JSON.parse(text))],
  [
    'parseObecFile: parse + migrate + validate every report',
    median(() => {
      const parsed = parseObecFile(text);
      accepted = parsed.ok ? parsed.reports.length : -1;
    }),
  ],
  ['JSON.parse + Ajv against the published JSON Schema', median(() => void validateBySchema(JSON.parse(text)))],
];
const floor = rows[0]![1];
console.log(
  `\nObec file validation — ${COUNT.toLocaleString('en')} demo reports (${(text.length / 1024 / 1024).toFixed(1)} MB), median of ${RUNS}; accepted ${accepted.toLocaleString('en')}`,
);
console.log(`(generating the reports with place lookup took ${generateMs.toFixed(0)} ms; Node ${process.version})\n`);
console.log('| step | ms | reports/s | × JSON.parse |');
console.log('|---|---:|---:|---:|');
for (const [name, ms] of rows)
  console.log(`| ${name} | ${ms.toFixed(1)} | ${Math.round((COUNT / ms) * 1000).toLocaleString('en')} | ${(ms / floor).toFixed(1)} |`);
