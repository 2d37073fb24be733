import { createInterface } from 'node:readline';
import { lonLat, type LonLat } from '../core/geo/coordinates.ts';
import { interpretSjtskPair, sjtskToWgs84 } from '../core/geo/sjtsk.ts';
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import { lookupPoint, type PointLookup } from '../core/lookup/lookupPoint.ts';
import { parseCommandLine } from './commandLine.ts';
import { readObce } from './packsOnDisk.ts';

type Parsed = { ok: true; point: LonLat; convention?: string } | { ok: false; error: Record<string, unknown> };

/** Turn two numbers into a WGS84 point: [lon, lat] as given, or S-JTSK with its convention detected. */
export function parsePair(first: string | undefined, second: string | undefined, sjtskInput: boolean): Parsed {
  const a = Number(first?.replace(',', '.'));
  const b = Number(second?.replace(',', '.'));
  if (first === undefined || second === undefined || first.trim() === '' || second.trim() === '' || !Number.isFinite(a) || !Number.isFinite(b)) {
    return { ok: false, error: { code: 'input.notTwoNumbers', input: [first ?? null, second ?? null] } };
  }
  if (!sjtskInput) return { ok: true, point: lonLat(a, b) };
  const interpreted = interpretSjtskPair(a, b);
  if (!interpreted.ok) return { ok: false, error: { code: interpreted.code, input: [a, b] } };
  return { ok: true, point: sjtskToWgs84(interpreted.value), convention: interpreted.convention };
}

/** The JSON a failed lookup prints: a stable code, the point, and the nearest obec as a hint. */
export function lookupError(result: Exclude<PointLookup, { ok: true }>, point: LonLat): Record<string, unknown> {
  const error: Record<string, unknown> = { code: result.code, wgs84: { lon: point[0], lat: point[1] } };
  if (result.nearest) error.nearest = result.nearest;
  // A classic slip: latitude first. Say so instead of leaving the user to wonder.
  if (result.code === 'lookup.outsideCzechia' && point[1] > 12 && point[1] < 19 && point[0] > 48 && point[0] < 51.2) {
    error.hint = 'lonLatSwapped';
  }
  return error;
}

export async function runLookup(argv: string[]): Promise<number> {
  const { flags, positional } = parseCommandLine(argv, { switches: ['sjtsk', 'batch'] });
  const sjtskInput = flags.has('sjtsk');
  const index = ObecIndex.fromCollection(readObce(), { coverage: 'country' });

  if (flags.has('batch')) {
    await runBatch(index, sjtskInput);
    return 0;
  }
  const parsed = parsePair(positional[0], positional[1], sjtskInput);
  if (!parsed.ok) {
    process.stdout.write(`${JSON.stringify({ error: parsed.error })}\n`);
    return 1;
  }
  const result = lookupPoint(index, parsed.point);
  if (!result.ok) {
    process.stdout.write(`${JSON.stringify({ error: lookupError(result, parsed.point) })}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(result.place)}\n`);
  return 0;
}

/** One JSON line per input line, in order; failures are lines with an `error` object, never skipped. */
async function runBatch(index: ObecIndex, sjtskInput: boolean): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const chunk: string[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const text = chunk.join('');
    chunk.length = 0;
    if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  };
  for await (const line of lines) {
    const fields = line.trim().split(/\s*[,;\t ]\s*/);
    const parsed = parsePair(fields[0], fields[1], sjtskInput);
    let output: unknown;
    if (!parsed.ok) output = { error: parsed.error };
    else {
      const result = lookupPoint(index, parsed.point);
      output = result.ok ? result.place : { error: lookupError(result, parsed.point) };
    }
    chunk.push(`${JSON.stringify(output)}\n`);
    if (chunk.length >= 2048) await flush();
  }
  await flush();
}
