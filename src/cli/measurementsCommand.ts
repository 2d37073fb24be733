/**
 * `hlucha-mista measurements <file.csv|file.zip> [--format json|geojson] [--resolution 8]`: a NetTest/RTR open-data
 * export → the per-hexagon summary (hex id, operator, technology, count, median download, median RSRP, failures).
 * CSV is streamed (papaparse over a file stream); a ZIP's first CSV is read in memory.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { cellToBoundary } from 'h3-js';
import { decodeText } from '../core/io/decodeText.ts';
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import { aggregateMeasurements } from '../core/measurements/aggregateMeasurements.ts';
import { NettestConsumer, type NettestConsumerResult } from '../core/measurements/nettestConsumer.ts';
import { parseArguments } from './main.ts';
import { readObce } from './packsOnDisk.ts';

export async function readNettestFile(file: string, consumer: NettestConsumer): Promise<NettestConsumerResult> {
  if (/\.zip$/i.test(file)) {
    const entries = unzipSync(readFileSync(file));
    const name = Object.keys(entries).find((n) => /\.csv$/i.test(n));
    if (!name) return { ok: false, code: 'nettest.empty' };
    Papa.parse<string[]>(decodeText(entries[name]!).text, { header: false, skipEmptyLines: true, step: (result) => consumer.row(result.data) });
    return consumer.finish();
  }
  await new Promise<void>((resolve, reject) => {
    const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, skipEmptyLines: true });
    parser.on('data', (cells: string[]) => consumer.row(cells));
    parser.on('end', () => resolve());
    parser.on('error', reject);
    createReadStream(file).on('error', reject).pipe(parser);
  });
  return consumer.finish();
}

export async function runMeasurements(argv: string[]): Promise<number> {
  const { flags, positional } = parseArguments(argv, ['format', 'resolution']);
  const format = flags.get('format') ?? 'json';
  const [file] = positional;
  if (!file || (format !== 'json' && format !== 'geojson')) {
    process.stderr.write('Usage: hlucha-mista measurements <nettest-opendata.csv|.zip> [--format json|geojson] [--resolution 8]\n');
    return 2;
  }
  const index = ObecIndex.fromCollection(readObce(), { coverage: 'country' });
  let result: NettestConsumerResult;
  try {
    result = await readNettestFile(file, new NettestConsumer((lon, lat) => index.findContaining(lon, lat) >= 0));
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: { code: 'file.unreadable', message: error instanceof Error ? error.message : String(error) } })}\n`);
    return 1;
  }
  if (!result.ok) {
    process.stdout.write(`${JSON.stringify({ error: { code: result.code, ...(result.missing ? { missing: result.missing } : {}) } })}\n`);
    return 1;
  }
  const resolution = typeof flags.get('resolution') === 'string' ? Number(flags.get('resolution')) : undefined;
  const cells = aggregateMeasurements(result.ingest.table, { resolution });
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ ...result.summary, cells })}\n`);
  } else {
    const features = cells.map((c) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [cellToBoundary(c.cell, true)] }, properties: c }));
    process.stdout.write(`${JSON.stringify({ type: 'FeatureCollection', summary: result.summary, features })}\n`);
  }
  return 0;
}
