/**
 * `hlucha-mista measurements <file.csv|file.zip> [--format json|geojson] [--resolution 8]`: a NetTest/RTR open-data
 * export → the per-hexagon summary (hex id, operator, technology, count, median download, median RSRP, failures).
 * The file is streamed from disk through the import worker's own reader (readNettestStream): a ZIP is unzipped as it
 * streams (fflate's Unzip) and its CSVs decoded and parsed chunk by chunk, so a 300 MB monthly export is never held
 * whole, neither packed nor unpacked; what stays in memory is the columns of the rows kept.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { cellToBoundary } from 'h3-js';
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import { aggregateMeasurements } from '../core/nettest/aggregateMeasurements.ts';
import { tableOfColumns } from '../core/nettest/measurementColumns.ts';
import { readNettestStream, type NettestReadResult } from '../core/nettest/readNettestStream.ts';
import { parseCommandLine } from './commandLine.ts';
import { readObce } from './packsOnDisk.ts';

/** A NetTest CSV, or a ZIP of them (by the name's extension), streamed from disk. */
export function readNettestFile(file: string, isInsideCzechia: (lon: number, lat: number) => boolean): Promise<NettestReadResult> {
  return readNettestStream(createReadStream(file), /\.zip$/i.test(file), { fileName: path.basename(file), isInsideCzechia });
}

const USAGE = 'Usage: hlucha-mista measurements <nettest-opendata.csv|.zip> [--format json|geojson] [--resolution 0–15, default 8]\n';

export async function runMeasurements(argv: string[]): Promise<number> {
  const { flags, positional } = parseCommandLine(argv, { values: ['format', 'resolution'] });
  const format = flags.get('format') ?? 'json';
  const resolutionFlag = flags.get('resolution');
  const resolution = typeof resolutionFlag === 'string' ? Number(resolutionFlag) : undefined;
  const [file] = positional;
  if (
    !file ||
    (format !== 'json' && format !== 'geojson') ||
    (resolution !== undefined && !(Number.isInteger(resolution) && resolution >= 0 && resolution <= 15))
  ) {
    process.stderr.write(USAGE);
    return 2;
  }
  const index = ObecIndex.fromCollection(readObce(), { coverage: 'country' });
  let result: NettestReadResult;
  try {
    result = await readNettestFile(file, (lon, lat) => index.findContaining(lon, lat) >= 0);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: { code: 'file.unreadable', message: error instanceof Error ? error.message : String(error) } })}\n`);
    return 1;
  }
  if (!result.ok) {
    const { code, missing, files, params } = result;
    process.stdout.write(`${JSON.stringify({ error: { code, ...(missing ? { missing } : {}), ...(files ? { files } : {}), ...(params ?? {}) } })}\n`);
    return 1;
  }
  const cells = aggregateMeasurements(tableOfColumns(result.columns), { resolution });
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ ...result.summary, cells })}\n`);
  } else {
    const features = cells.map((c) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [cellToBoundary(c.cell, true)] }, properties: c }));
    process.stdout.write(`${JSON.stringify({ type: 'FeatureCollection', summary: result.summary, features })}\n`);
  }
  return 0;
}
